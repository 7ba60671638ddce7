using GridAid.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.Functions.Scheduling;

/// <summary>Runs checks scheduled for later (escalation, redaction) when they come due.</summary>
public sealed class ScheduledCheckFunctions(ScheduledChecks checks)
{
    [Function(nameof(RunScheduledCheck))]
    public Task RunScheduledCheck([QueueTrigger(QueueNames.ScheduledChecks)] string message, CancellationToken ct) =>
        checks.HandleAsync(message, ct);
}
