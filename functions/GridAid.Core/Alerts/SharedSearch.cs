using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Alerts;

/// <summary>What a station (or the area's admin) does with an alert it holds.</summary>
public enum StationAction
{
    Acknowledge,
    Start,

    /// <summary>A lost person is found and being taken to a police post: the search goes on until a police post resolves.</summary>
    FoundHandingOver,
    Resolve,
}

/// <summary>Why an action was refused.</summary>
public enum ActionRefusal
{
    /// <summary>A lost person is resolved only by a police post or the admin; a volunteer marks "found, handing over".</summary>
    PoliceResolveOnly,

    /// <summary>"Found, handing over" is for lost persons only.</summary>
    NotALostPerson,
}

/// <summary>One station's part in a shared search, as every other station holding the report sees it.</summary>
public sealed record PeerState(
    string StationId,
    ReportStatus Status,
    AlertReason Reason,
    DateTimeOffset AlertedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FoundAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? TransferredTo);

/// <summary>One step of a shared search: who did what and when (<see cref="Step"/> is one of the <c>SearchSteps</c>).</summary>
public sealed record SearchStep(DateTimeOffset At, string Step, string? StationId = null, string? By = null);

/// <summary>The names of <see cref="SearchStep.Step"/>.</summary>
public static class SearchSteps
{
    public const string Alerted = "alerted";
    public const string Escalated = "escalated";

    /// <summary>The second tier: the command station was alerted.</summary>
    public const string Command = "command";
    public const string Transferred = "transferred";
    public const string Acknowledged = "acknowledged";
    public const string Started = "started";
    public const string FoundHandingOver = "found_handing_over";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
}

/// <summary>
/// One report, many stations: each station holds its own alert of the report; together they are one search. A station's
/// acknowledgement or start changes only its own alert (the others see it); a resolve stands every station down at once,
/// each alert closed "resolved by" the resolver. A lost or found person is resolved only by a police post or the admin
/// (a found child stays open at the police post until a guardian comes).
/// </summary>
public static class SharedSearch
{
    /// <summary>Who resolves when it is not a station: the area's admin.</summary>
    public const string Admin = "admin";

    /// <summary>Null when <paramref name="stationType"/> (null: the area's admin) may take <paramref name="action"/> on a report of <paramref name="kind"/>.</summary>
    public static ActionRefusal? Check(ReportKind kind, StationAction action, StationType? stationType) => action switch
    {
        StationAction.Resolve when kind.IsPerson() && stationType is not (null or StationType.PolicePost) => ActionRefusal.PoliceResolveOnly,
        StationAction.FoundHandingOver when kind != ReportKind.LostPerson => ActionRefusal.NotALostPerson,
        _ => null,
    };

    /// <summary>
    /// Applies <paramref name="action"/> by <paramref name="actorId"/> (a station, or <see cref="Admin"/>) to the alerts of one
    /// report (one per station). Returns only the alerts that change; empty when the step was already taken, which makes
    /// the action safe to repeat. Call <see cref="Check"/> first.
    /// </summary>
    public static IReadOnlyList<Alert> Apply(IReadOnlyList<Alert> alerts, string actorId, StationAction action, DateTimeOffset now)
    {
        if (action == StationAction.Resolve)
        {
            return alerts.Select(a => a.Resolve(actorId, now)).OfType<Alert>().ToList();
        }

        var own = alerts.FirstOrDefault(a => a.StationId == actorId);
        var next = own is null ? null : action switch
        {
            StationAction.Acknowledge => own.Step(ReportStatus.Acknowledged, now),
            StationAction.Start => own.Step(ReportStatus.InProgress, now),
            StationAction.FoundHandingOver => own.Found(now),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        return next is null ? [] : [next];
    }

    /// <summary>
    /// Who resolved the report and when (a station, or <see cref="Admin"/>); null while it is open or when it was closed
    /// without a resolve. Alerts added while a resolve was under way stand down for the same resolver.
    /// </summary>
    public static (string By, DateTimeOffset At)? ResolutionOf(Report report) =>
        report.Status == ReportStatus.Resolved && report.Timeline.LastOrDefault(t => t.Status == ReportStatus.Resolved && !Replies.ReplyRules.IsReply(t) && t.Note != Reports.TimelineNotes.Redacted) is { } entry
            ? (entry.StationId ?? Admin, entry.At)
            : null;

    /// <summary>
    /// The alerts that change when every alert of the report names all of <paramref name="stationIds"/> (an escalation or
    /// a transfer added stations, which the earlier alerts do not list yet), after <paramref name="change"/>.
    /// </summary>
    public static IReadOnlyList<Alert> Widened(IReadOnlyList<Alert> alerts, IReadOnlyList<string> stationIds, Func<Alert, Alert>? change = null) =>
        alerts.Select(a => (Before: a, After: WithStations(change is null ? a : change(a), stationIds)))
            .Where(p => p.After != p.Before).Select(p => p.After).ToList();

    private static Alert WithStations(Alert alert, IReadOnlyList<string> stationIds) =>
        alert.StationIds.SequenceEqual(stationIds, StringComparer.Ordinal) ? alert : alert with { StationIds = stationIds };

    /// <summary>Each station's part, in the order the stations were alerted.</summary>
    public static IReadOnlyList<PeerState> Peers(IEnumerable<Alert> alerts) =>
        alerts.OrderBy(a => a.RoutedAt).ThenBy(a => a.StationId, StringComparer.Ordinal)
            .Select(a => new PeerState(a.StationId, a.Status, a.Reason, a.RoutedAt, a.AcknowledgedAt, a.StartedAt, a.FoundAt, a.ResolvedAt, a.ResolvedBy, a.TransferredTo))
            .ToList();

    /// <summary>The search's steps, oldest first, from every station's alert; a stand-down shows once, by its resolver.</summary>
    public static IReadOnlyList<SearchStep> Timeline(IEnumerable<Alert> alerts)
    {
        var steps = new List<SearchStep>();
        foreach (var a in alerts)
        {
            steps.Add(new SearchStep(a.RoutedAt, a.Reason switch
            {
                AlertReason.Escalated => SearchSteps.Escalated,
                AlertReason.Command => SearchSteps.Command,
                AlertReason.Transferred => SearchSteps.Transferred,
                _ => SearchSteps.Alerted,
            }, a.StationId, a.TransferredFrom));
            // A step taken by a later one at the same instant (a resolve acknowledges; "found" starts) is not shown twice.
            if (a.AcknowledgedAt is { } ack && ack != a.StartedAt && ack != a.FoundAt && ack != a.ResolvedAt)
            {
                steps.Add(new SearchStep(ack, SearchSteps.Acknowledged, a.StationId));
            }

            if (a.StartedAt is { } started && started != a.FoundAt && started != a.ResolvedAt)
            {
                steps.Add(new SearchStep(started, SearchSteps.Started, a.StationId));
            }

            if (a.FoundAt is { } found)
            {
                steps.Add(new SearchStep(found, SearchSteps.FoundHandingOver, a.StationId));
            }

            if (a.Status == ReportStatus.Closed && a.ResolvedAt is { } closed)
            {
                steps.Add(new SearchStep(closed, SearchSteps.Closed, a.StationId));
            }
        }

        // One resolve closes every alert: it is one step, by the resolver.
        foreach (var g in alerts.Where(a => a.Status == ReportStatus.Resolved && a.ResolvedAt is not null)
            .GroupBy(a => (a.ResolvedBy ?? a.StationId, a.ResolvedAt!.Value)))
        {
            steps.Add(new SearchStep(g.Key.Item2, SearchSteps.Resolved, By: g.Key.Item1));
        }

        return steps.OrderBy(s => s.At).ThenBy(s => s.StationId, StringComparer.Ordinal).ToList();
    }
}
