using GridAid.Functions.Poison;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Scheduling;

/// <summary>
/// Runs checks scheduled for later (escalation, redaction) when they come due. A check that failed every delivery is
/// kept for review by the sweeper's timer (<see cref="PoisonSweep"/>).
/// </summary>
public sealed class ScheduledCheckFunctions(ScheduledChecks checks)
{
    [Function(nameof(RunScheduledCheck))]
    public Task RunScheduledCheck([QueueTrigger(QueueNames.ScheduledChecks)] string message, CancellationToken ct) =>
        checks.HandleAsync(message, ct);
}
