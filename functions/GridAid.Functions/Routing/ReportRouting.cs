using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Core.Serialization;
using System.Diagnostics;
using GridAid.Functions.Lanes;
using GridAid.Functions.Telemetry;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Routing;

/// <summary>
/// Routes one accepted report: decides its stations (<see cref="ReportRouter"/>), writes one alert per station in
/// one transaction, marks the report routed with a conditional write, publishes the alerts, and for urgent kinds
/// schedules the check that escalates them if nobody acknowledges. Safe to run twice:
/// alerts have fixed keys and are never overwritten, and a report already routed is left as it is.
/// A flood of lost-person reports from one point is contained (<see cref="LostPersonFloodPolicy"/>): each report is
/// counted once in its point's window (<see cref="FloodStore"/>), and past the window's first few, one summary alert
/// per station counts the rest instead of every report paging every station.
/// </summary>
public sealed class ReportRouting(
    DirectoryCache directory,
    AlertStore alerts,
    ReportStore reports,
    FloodStore floods,
    IAlertPublisher publisher,
    ScheduledCheckSender checks,
    UrgentFirst lanes,
    Figures.ReportFigures figures,
    Duplicates.DuplicateFlagging duplicates,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<ReportRouting> logger)
{
    /// <summary>
    /// How long the queued message of a report routed on the intake path stays hidden (<see cref="RoutesOnIntake"/>): long
    /// enough that the intake has routed it first (tens of milliseconds), short enough that a report whose intake died
    /// half-way is routed from the queue within seconds — the delay, then at most one <c>maxPollingInterval</c>.
    /// </summary>
    public static readonly TimeSpan OnIntakeGuardDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The kinds routed on the intake path, before the phone hears its 202: those of the urgent lane (a lost or found
    /// person). Their stations hear of them without waiting for a queue poll, so the polling interval can be long while
    /// nothing happens; the queue message, sent first, is the guarantee.
    /// </summary>
    public static bool RoutesOnIntake(ReportKind kind) => kind.IsPerson();

    /// <summary>
    /// Routes an urgent report on the intake path (its message already queued, hidden for <see cref="OnIntakeGuardDelay"/>).
    /// Never fails the intake: the report is durable and queued, so whatever goes wrong here the queue delivery routes it
    /// (and keeps the failure's reason); true when it was routed here.
    /// </summary>
    public async Task<bool> RouteOnIntakeAsync(RoutingMessage message, CancellationToken ct)
    {
        using var trace = GridAidTelemetry.StartRouting(message.TraceParent, message.Report);
        try
        {
            await RouteAsync(message, ct);
            return true;
        }
        catch (Exception e)
        {
            trace?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            logger.LogWarning(e, "Routing {Kind} report {TrackingCode} on the intake path failed; its queued message routes it",
                message.Report.Kind, message.Report.TrackingCode);
            return false;
        }
    }

    public async Task HandleAsync(string messageText, CancellationToken ct)
    {
        var message = GridAidJson.Deserialize<RoutingMessage>(messageText)
            ?? throw new FormatException("Empty routing message.");
        // One trace per report: routing continues the trace of the intake that queued it.
        using var trace = GridAidTelemetry.StartRouting(message.TraceParent, message.Report);
        if (RoutesOnIntake(message.Report.Kind))
        {
            // Usually routed on the intake path already: one read, and nothing else to do (no second event or check).
            var key = ReportKeys.For(message.Report.SubmittedAt, message.Report.TrackingCode);
            if (await reports.GetAsync(message.Report.AreaId, key, ct) is not { } stored)
            {
                throw new InvalidOperationException($"Report {message.Report.TrackingCode} has no row.");
            }

            if (stored.Report.Status != ReportStatus.Received)
            {
                logger.LogDebug("Report {TrackingCode} was routed on the intake path", message.Report.TrackingCode);
                return;
            }

            message = message with { ETag = stored.Version };
        }

        // A lost person is routed at once; the other kinds take turns in a few slots, so that they never crowd storage.
        using var slot = await lanes.EnterRoutingAsync(message.Report.Kind, ct);
        try
        {
            await RouteAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            GridAidTelemetry.CountFailed(message.Report);
            trace?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            await NoteFailureAsync(message.Report, e);
            throw;
        }
    }

    /// <summary>Keeps why routing failed with the report's "still received" entry, for the admin's list of failed messages; best effort.</summary>
    private async Task NoteFailureAsync(Report report, Exception failure)
    {
        try
        {
            await reports.NoteRoutingErrorAsync(report.AreaId, ReportKeys.For(report.SubmittedAt, report.TrackingCode), $"{failure.GetType().Name}: {failure.Message}", CancellationToken.None);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "Could not note the routing failure of report {TrackingCode}", report.TrackingCode);
        }
    }

    private async Task RouteAsync(RoutingMessage message, CancellationToken ct)
    {
        var report = message.Report;
        var area = await directory.GetAsync(report.AreaId, ct)
            ?? throw new InvalidOperationException($"Unknown area '{report.AreaId}' for report {report.TrackingCode}.");

        var decision = ReportRouter.Route(report.Kind, report.PointCode, area, report.EnteredBy);
        var now = clock.GetUtcNow();
        var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
        var pointName = decision.Point?.Name.ToString();
        var counted = await CountAsync(report, decision, key, ct);
        var role = counted is null ? FloodRole.Alerted : Flood.RoleOf(counted.Place.Ordinal);
        if (role == FloodRole.Collapsed)
        {
            await CollapseAsync(message, decision, key, counted!.Place, now, ct);
            return;
        }

        var routed = decision.Stations.Select(s => Alert.For(report, s.Id, decision.StationIds, pointName, now)).ToList();
        if (role == FloodRole.Summary)
        {
            routed = routed.Select(a => FloodContainment.WithMoreReports(a, 0) ?? a).ToList();
        }

        // The alerts and the escalation check go out together (one wait on storage, not two). The check is sent on every
        // delivery, before the report can be marked routed: a duplicate check finds nothing to do, a missing one would
        // leave an unanswered lost child unescalated.
        var adding = alerts.AddAllAsync(routed, ct);
        var scheduling = options.Value.Escalation.DelayFor(report.Kind) is { } delay
            ? checks.ScheduleAsync(new ScheduledCheck(CheckKind.Escalate, report.AreaId, report.TrackingCode, key), delay, ct)
            : Task.CompletedTask;
        // The second tier's checks (a lost person: no police acknowledgement, not resolved), each its own delayed message.
        var commandChecks = options.Value.Escalation.CommandChecksFor(report.Kind)
            .Select(c => checks.ScheduleAsync(new ScheduledCheck(CheckKind.Command, report.AreaId, report.TrackingCode, key, c.Reason), c.After, ct));
        await Task.WhenAll([adding, scheduling, .. commandChecks]);
        var added = await adding;

        if (role == FloodRole.Summary)
        {
            // Reports counted after this one while its alerts were not there yet could not count themselves on them.
            await CountOnSummaryAsync(report.AreaId, decision, key, Flood.MoreAfterSummary(await floods.HighestAsync(counted!.Window, ct)), ct);
        }

        // Usual path: the intake's ETag is still current, so one conditional write and no read.
        var known = message.ETag is { } version ? new StoredReport(report, key, version) : null;
        Func<Report, Report?> step = role == FloodRole.Summary
            ? r => FloodContainment.RoutedAndFlagged(r, decision.StationIds, now)
            : r => ReportLifecycle.Routed(r, decision.StationIds, now);
        // One transaction marks it routed and moves it from the "still received" index to the "open" one, which the
        // unattended-closing sweep reads (a report nobody resolves is closed after GridAid:Retention:CloseOpenAfter).
        // The events go out while the report is marked (one wait, not two): the alerts they announce are in the inboxes
        // already. A retry publishes again, as before (events are at least once, each with its alert's fixed id).
        var publishing = publisher.PublishAsync(routed, ct);
        var marked = await reports.RouteAsync(report.AreaId, key, step, ct, known)
            ?? throw new InvalidOperationException($"Report {report.TrackingCode} has no row.");
        await publishing;
        await figures.RecordAsync(report, marked.Report, marked.Changed, ct);
        if (marked.Changed)
        {
            GridAidTelemetry.CountRouted(report, now);
        }

        // After the alerts went out: an earlier report of the same kind nearby is shown on them as a possible duplicate.
        await duplicates.FlagAsync(report, area, decision.StationIds, ct);

        if (role == FloodRole.Summary)
        {
            logger.LogWarning(
                "Lost-person reports from point {Point} passed {Threshold} in a window: {TrackingCode} now summarises the rest",
                FloodContainment.BucketOf(decision), Flood.AlertsPerPoint, report.TrackingCode);
        }

        logger.LogInformation(
            "Routed {Kind} report {TrackingCode} to {StationCount} stations ({NewAlerts} new alerts)",
            report.Kind, report.TrackingCode, routed.Count, added.Count);
    }

    private LostPersonFloodPolicy Flood => options.Value.RateLimits.LostPersonFlood;

    /// <summary>A lost-person report counted (once) in its point's window; null for every other kind, and with limits off.</summary>
    private async Task<Counted?> CountAsync(Report report, RoutingDecision decision, string key, CancellationToken ct)
    {
        if (report.Kind != ReportKind.LostPerson || !options.Value.RateLimits.Enabled)
        {
            return null;
        }

        var window = FloodKeys.Partition(report.AreaId, FloodContainment.BucketOf(decision), Flood.WindowOf(report.SubmittedAt));
        return new Counted(window, await floods.CountAsync(window, report.TrackingCode, key, Flood.AlertsPerPoint + 1L, ct));
    }

    /// <summary>
    /// A report past the window's summary: counted on the summary's alerts, then marked routed (to the same stations) and
    /// flagged. No alert, event or escalation of its own: the stations heard of the point's flood from the summary.
    /// </summary>
    private async Task CollapseAsync(RoutingMessage message, RoutingDecision decision, string key, FloodPlace place, DateTimeOffset now, CancellationToken ct)
    {
        var report = message.Report;
        if (place.SummaryReportKey is { } summary)
        {
            await CountOnSummaryAsync(report.AreaId, decision, summary, Flood.MoreAfterSummary(place.Ordinal), ct);
        }

        var known = message.ETag is { } version ? new StoredReport(report, key, version) : null;
        // Listed as open like any routed report, so it is closed like any report nobody resolves, and its personal data
        // does not outlive the flood for ever.
        _ = await reports.RouteAsync(report.AreaId, key, r => FloodContainment.RoutedAndFlagged(r, decision.StationIds, now), ct, known)
            ?? throw new InvalidOperationException($"Report {report.TrackingCode} has no row.");
        logger.LogInformation("Collapsed lost-person report {TrackingCode} into its point's summary (#{Ordinal})", report.TrackingCode, place.Ordinal);
    }

    /// <summary>Raises the count on the summary's alert at each station to at least <paramref name="more"/> (counts never go down).</summary>
    private async Task CountOnSummaryAsync(string areaId, RoutingDecision decision, string summaryKey, long more, CancellationToken ct)
    {
        if (more <= 0)
        {
            return;
        }

        foreach (var station in decision.Stations)
        {
            // A missing alert (the summary not routed yet) is fine: the summary counts once its alerts are written.
            _ = await alerts.UpdateAsync(areaId, station.Id, summaryKey, a => FloodContainment.WithMoreReports(a, more), ct);
        }
    }

    /// <summary>A report's place in its point's window (the partition of <see cref="FloodKeys"/>).</summary>
    private sealed record Counted(string Window, FloodPlace Place);
}
