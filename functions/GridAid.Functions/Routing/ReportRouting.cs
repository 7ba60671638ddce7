using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Routing;

/// <summary>
/// Routes one accepted report: decides its stations (<see cref="ReportRouter"/>), writes one alert per station in
/// one transaction, marks the report routed with a conditional write, publishes the alerts, and for urgent kinds
/// schedules the check that escalates them if nobody acknowledges. Safe to run twice:
/// alerts have fixed keys and are never overwritten, and a report already routed is left as it is.
/// </summary>
public sealed class ReportRouting(
    DirectoryCache directory,
    AlertStore alerts,
    ReportStore reports,
    IAlertPublisher publisher,
    ScheduledCheckSender checks,
    UnattendedReportClosing closing,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<ReportRouting> logger)
{
    public async Task HandleAsync(string messageText, CancellationToken ct)
    {
        var message = GridAidJson.Deserialize<RoutingMessage>(messageText)
            ?? throw new FormatException("Empty routing message.");
        var report = message.Report;
        var area = await directory.GetAsync(report.AreaId, ct)
            ?? throw new InvalidOperationException($"Unknown area '{report.AreaId}' for report {report.TrackingCode}.");

        var decision = ReportRouter.Route(report.Kind, report.PointCode, area);
        var now = clock.GetUtcNow();
        var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
        var pointName = decision.Point?.Name.ToString();
        var routed = decision.Stations.Select(s => Alert.For(report, s.Id, decision.StationIds, pointName, now)).ToList();

        var added = await alerts.AddAllAsync(routed, ct);
        if (options.Value.Escalation.DelayFor(report.Kind) is { } delay)
        {
            // On every delivery, before anything else can fail: a duplicate check finds nothing to do, a missing one
            // would leave an unanswered lost child unescalated.
            await checks.ScheduleAsync(new ScheduledCheck(CheckKind.Escalate, report.AreaId, report.TrackingCode, key), delay, ct);
        }

        // Usual path: the intake's ETag is still current, so one conditional write and no read.
        var known = message.ETag is { } version ? new StoredReport(report, key, version) : null;
        _ = await reports.UpdateAsync(report.AreaId, key, r => ReportLifecycle.Routed(r, decision.StationIds, now), ct, known)
            ?? throw new InvalidOperationException($"Report {report.TrackingCode} has no row.");
        await reports.ForgetReceivedAsync(report.AreaId, key, ct);

        // After the report is routed, so a station acting on its new alert is not kept waiting; still before this delivery
        // completes, so a crash before it is retried. A report nobody resolves is closed after GridAid:Retention:CloseOpenAfter
        // (its personal data then follows the resolved-report rule).
        await closing.ScheduleAsync(report, key, ct);
        await publisher.PublishAsync(routed, ct);

        logger.LogInformation(
            "Routed {Kind} report {TrackingCode} to {StationCount} stations ({NewAlerts} new alerts)",
            report.Kind, report.TrackingCode, routed.Count, added.Count);
    }
}
