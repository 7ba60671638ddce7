namespace GridAid.Core.Reports;

/// <summary>
/// How long personal data outlives a resolved report (the privacy notice promises 90 days), how long a report may stay
/// open before it is closed unattended (30 days), and when to look again: a queue message can stay hidden for at most
/// <see cref="MaxWait"/>, so a long wait is a chain of shorter ones.
/// </summary>
public sealed class RetentionPolicy
{
    /// <summary>The longest a storage queue message can stay invisible.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(7);

    public TimeSpan KeepResolvedFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A report nobody resolved is closed this long after it was submitted, and then follows the resolved-report rule.</summary>
    public TimeSpan CloseOpenAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When the report was resolved, from its timeline; null while it is not.</summary>
    public static DateTimeOffset? ResolvedAt(Report report) =>
        report.Status < ReportStatus.Resolved ? null : report.Timeline.LastOrDefault(t => t.Status >= ReportStatus.Resolved && !Replies.ReplyRules.IsReply(t))?.At ?? report.UpdatedAt;

    /// <summary>How long to wait before the next look (at most <see cref="MaxWait"/>); null when redaction is due now.</summary>
    public TimeSpan? WaitBeforeRedacting(DateTimeOffset resolvedAt, DateTimeOffset now) => WaitUntil(resolvedAt + KeepResolvedFor, now);

    /// <summary>How long to wait before the next look at an open report (at most <see cref="MaxWait"/>); null when closing is due now.</summary>
    public TimeSpan? WaitBeforeClosing(DateTimeOffset submittedAt, DateTimeOffset now) => WaitUntil(submittedAt + CloseOpenAfter, now);

    private static TimeSpan? WaitUntil(DateTimeOffset due, DateTimeOffset now)
    {
        var remaining = due - now;
        return remaining <= TimeSpan.Zero ? null : remaining < MaxWait ? remaining : MaxWait;
    }
}
