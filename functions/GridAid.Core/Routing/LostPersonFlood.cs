using GridAid.Core.Alerts;
using GridAid.Core.Reports;

namespace GridAid.Core.Routing;

/// <summary>What one lost-person report does in its point's window (see <see cref="LostPersonFloodPolicy"/>).</summary>
public enum FloodRole
{
    /// <summary>Among the first <see cref="LostPersonFloodPolicy.AlertsPerPoint"/>: routed and paged as usual.</summary>
    Alerted,

    /// <summary>The first one past them: routed and paged as usual, and its alerts count the reports that follow it.</summary>
    Summary,

    /// <summary>Later still: stored, routed and flagged, but counted on the summary's alerts instead of paging again.</summary>
    Collapsed,
}

/// <summary>
/// How a flood of lost-person reports from one point is contained without refusing any of them. A lost-person report
/// is never refused (no rate limit applies to it), so a flood of them — fake or a real crowd emergency — is stored
/// in full, every tourist gets a tracking code, and the first <see cref="AlertsPerPoint"/> reports of a point in a
/// <see cref="Window"/> page their stations as usual. The next one is the <see cref="FloodRole.Summary"/>: paged too,
/// and its alert at each station counts "N more reports from this point" (<see cref="FloodContainment.MoreReportsDetail"/>).
/// Every report after it is <see cref="FloodRole.Collapsed"/>: routed to the same stations and counted on the summary,
/// with no alert, event or escalation of its own. The summary and the collapsed reports are flagged for the admin
/// (<see cref="FloodContainment.FlaggedNote"/>). Windows are fixed (aligned to multiples of <see cref="Window"/>), so
/// that every delivery of a report's message finds the same window.
/// </summary>
public sealed class LostPersonFloodPolicy
{
    /// <summary>Lost-person reports from one point per window that alert in full (default 3).</summary>
    public int AlertsPerPoint { get; set; } = 3;

    /// <summary>The window (default 10 minutes).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The start of the window a report submitted at <paramref name="submittedAt"/> belongs to.</summary>
    public DateTimeOffset WindowOf(DateTimeOffset submittedAt)
    {
        var ticks = submittedAt.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % Window.Ticks), TimeSpan.Zero);
    }

    /// <summary>The role of the report that came <paramref name="ordinal"/>-th (1-based) in its point's window.</summary>
    public FloodRole RoleOf(long ordinal) =>
        ordinal <= AlertsPerPoint ? FloodRole.Alerted
        : ordinal == AlertsPerPoint + 1L ? FloodRole.Summary
        : FloodRole.Collapsed;

    /// <summary>How many reports came after the summary, when the highest ordinal of the window is <paramref name="highest"/>.</summary>
    public long MoreAfterSummary(long highest) => Math.Max(0, highest - AlertsPerPoint - 1L);

    /// <summary>Refuses settings that would page nobody or never start a new window.</summary>
    public void Validate()
    {
        if (AlertsPerPoint < 1 || Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("GridAid:RateLimits:LostPersonFlood needs AlertsPerPoint >= 1 and a positive Window.");
        }
    }
}

/// <summary>The marks a contained flood leaves on reports and alerts (<see cref="LostPersonFloodPolicy"/>).</summary>
public static class FloodContainment
{
    /// <summary>The detail on a summary alert that counts the reports collapsed into it.</summary>
    public const string MoreReportsDetail = "moreReports";

    /// <summary>The note on the routed step of a summary or collapsed report: the flag the admin filters by.</summary>
    public const string FlaggedNote = "flood_collapsed";

    /// <summary>The bucket of reports with no known point (they all go to a default station).</summary>
    public const string NoPoint = "_nopoint";

    /// <summary>Which point's window a report counts in: its known point, or one bucket for the rest.</summary>
    public static string BucketOf(RoutingDecision decision) => decision.Point?.Code.ToLowerInvariant() ?? NoPoint;

    /// <summary>Whether the report was summarised or collapsed in a flood.</summary>
    public static bool IsFlagged(Report report) => report.Timeline.Any(t => t.Note == FlaggedNote);

    /// <summary><see cref="ReportLifecycle.Routed"/>, with the routed step flagged; null when the report is already routed.</summary>
    public static Report? RoutedAndFlagged(Report report, IReadOnlyList<string> stationIds, DateTimeOffset now) =>
        ReportLifecycle.Routed(report, stationIds, now) is { } routed
            ? routed with { Timeline = [.. routed.Timeline.SkipLast(1), routed.Timeline[^1] with { Note = FlaggedNote }] }
            : null;

    /// <summary>The count on a summary alert (0 on any other alert).</summary>
    public static long MoreReports(Alert alert) =>
        alert.Details.TryGetValue(MoreReportsDetail, out var value) && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;

    /// <summary>The alert counting <paramref name="more"/> reports; null when it already counts as many or more (counts only grow).</summary>
    public static Alert? WithMoreReports(Alert alert, long more) =>
        alert.Details.ContainsKey(MoreReportsDetail) && MoreReports(alert) >= more
            ? null
            : alert with
            {
                Details = new Dictionary<string, string>(alert.Details, StringComparer.Ordinal)
                {
                    [MoreReportsDetail] = more.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
}
