using GridAid.Functions.Poison;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Scheduling;

/// <summary>Runs checks scheduled for later (escalation, redaction) when they come due.</summary>
public sealed class ScheduledCheckFunctions(ScheduledChecks checks, PoisonRecorder poison)
{
    [Function(nameof(RunScheduledCheck))]
    public Task RunScheduledCheck([QueueTrigger(QueueNames.ScheduledChecks)] string message, CancellationToken ct) =>
        checks.HandleAsync(message, ct);

    /// <summary>A check that failed every delivery (an escalation or a redaction that did not happen) is kept for review.</summary>
    [Function(nameof(RecordFailedCheck))]
    public Task RecordFailedCheck([QueueTrigger(QueueNames.ScheduledChecksPoison)] string message, CancellationToken ct) =>
        poison.RecordCheckAsync(QueueNames.ScheduledChecks, message, ct);
}
