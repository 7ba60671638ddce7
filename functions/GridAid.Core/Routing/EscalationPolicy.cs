using GridAid.Core.Alerts;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Routing;

/// <summary>Why the second tier alerts the command station.</summary>
public enum CommandReason
{
    /// <summary>No police post acknowledged a lost person within <see cref="EscalationPolicy.PoliceAcknowledgeWithin"/>.</summary>
    NoPoliceAcknowledgement,

    /// <summary>Nobody resolved a lost person within <see cref="EscalationPolicy.ResolveWithin"/>.</summary>
    Unresolved,
}

/// <summary>
/// When an urgent report is widened, and to whom. First tier: after the delay for its kind, if nobody acknowledged it,
/// every station of the area that does not have it yet hears it, police posts first (the command station excepted).
/// Second tier, for a lost person only (after Code Adam, where police are called if a child is not found within
/// 10 minutes): if no <em>police post</em> acknowledged it within <see cref="PoliceAcknowledgeWithin"/>, or nobody
/// resolved it within <see cref="ResolveWithin"/>, the area's command station gets a distinct alert and the reporter is
/// told to call 110. A volunteer's acknowledgement stops the first tier, never the second.
/// </summary>
public sealed class EscalationPolicy
{
    public TimeSpan LostPersonAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan HazardAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A lost person no police post acknowledged by then reaches the command station (<c>GridAid:Escalation:PoliceAcknowledgeWithin</c>).</summary>
    public TimeSpan PoliceAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A lost person nobody resolved by then reaches the command station (<c>GridAid:Escalation:ResolveWithin</c>).</summary>
    public TimeSpan ResolveWithin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait before checking for an acknowledgement, or null when the kind never escalates.</summary>
    public TimeSpan? DelayFor(ReportKind kind) => kind switch
    {
        ReportKind.LostPerson => LostPersonAfter,
        ReportKind.Hazard => HazardAfter,
        _ => null,
    };

    /// <summary>The second tier's checks for a report of <paramref name="kind"/>, each with its wait from routing; none for the other kinds.</summary>
    public IReadOnlyList<(CommandReason Reason, TimeSpan After)> CommandChecksFor(ReportKind kind) => kind == ReportKind.LostPerson
        ? [(CommandReason.NoPoliceAcknowledgement, PoliceAcknowledgeWithin), (CommandReason.Unresolved, ResolveWithin)]
        : [];

    /// <summary>The first tier: every station of the area that does not have the report, police posts first; never a desk or the command station.</summary>
    public static IReadOnlyList<Station> Targets(Report report, AreaDirectory directory) =>
        directory.Stations
            .Where(s => s.Type != StationType.LostAndFound && !s.Command && !report.StationIds.Contains(s.Id, StringComparer.Ordinal))
            .OrderBy(s => s.Type)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>The area's command station, if it has one.</summary>
    public static Station? CommandStation(AreaDirectory directory) => directory.Stations.FirstOrDefault(s => s.Command);

    /// <summary>
    /// Whether the second tier is due for <paramref name="reason"/>, given the report and its alerts now: never once it is
    /// resolved or closed, nor twice; for <see cref="CommandReason.NoPoliceAcknowledgement"/>, only while no police post's
    /// alert is acknowledged (a volunteer's does not count).
    /// </summary>
    public static bool CommandDue(Report report, IEnumerable<Alert> alerts, AreaDirectory directory, CommandReason reason)
    {
        if (report.Kind != ReportKind.LostPerson || report.Status >= ReportStatus.Resolved || IsCommandAlerted(report))
        {
            return false;
        }

        return reason == CommandReason.Unresolved
            || !alerts.Any(a => a.AcknowledgedAt is not null && directory.FindStation(a.StationId)?.Type == StationType.PolicePost);
    }

    /// <summary>Whether the report has already reached the command tier (its timeline says so).</summary>
    public static bool IsCommandAlerted(Report report) =>
        report.Timeline.Any(t => t.Note is { } n && n.StartsWith(TimelineNotes.CommandAlerted, StringComparison.Ordinal));

    /// <summary>The note on the timeline for the second tier: <c>command:no_police_ack</c> or <c>command:unresolved</c>.</summary>
    public static string NoteFor(CommandReason reason) => TimelineNotes.CommandAlerted + (reason == CommandReason.Unresolved ? "unresolved" : "no_police_ack");
}
