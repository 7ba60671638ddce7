using GridAid.Core.Routing;

namespace GridAid.Infrastructure.Queues;

/// <summary>What a scheduled check does when it comes due.</summary>
public enum CheckKind
{
    /// <summary>Widen an urgent report that nobody has acknowledged.</summary>
    Escalate,

    /// <summary>Remove personal data from a report resolved long enough ago.</summary>
    Redact,

    /// <summary>Close a report nobody resolved within the configured time.</summary>
    Close,

    /// <summary>The second escalation tier: alert the command station if its <see cref="ScheduledCheck.Reason"/> still holds.</summary>
    Command,
}

/// <summary>"Look at this report later": a queue message that stays hidden until the check is due.</summary>
public sealed record ScheduledCheck(CheckKind Kind, string AreaId, string TrackingCode, string ReportKey, CommandReason? Reason = null);
