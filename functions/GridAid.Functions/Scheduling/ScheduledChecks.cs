using GridAid.Core.Serialization;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Queues;

namespace GridAid.Functions.Scheduling;

/// <summary>Reads a due check and hands it to the handler of its kind.</summary>
public sealed class ScheduledChecks(UnansweredEscalation escalation, ResolvedReportRedaction redaction, UnattendedReportClosing closing)
{
    public Task HandleAsync(string messageText, CancellationToken ct)
    {
        var check = GridAidJson.Deserialize<ScheduledCheck>(messageText) ?? throw new FormatException("Empty scheduled check.");
        return check.Kind switch
        {
            CheckKind.Escalate or CheckKind.Command => escalation.HandleAsync(check, ct),
            CheckKind.Redact => redaction.HandleAsync(check, ct),
            CheckKind.Close => closing.HandleAsync(check, ct),
            _ => throw new FormatException($"Unknown check kind {check.Kind}."),
        };
    }
}
