using Azure;
using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<ReportRouting> logger)
{
    private const int MaxConflictRetries = 5;

    public async Task HandleAsync(string messageText, CancellationToken ct)
    {
        var message = GridAidJson.Deserialize<RoutingMessage>(messageText)
            ?? throw new FormatException("Empty routing message.");
        var report = message.Report;
        var area = await directory.GetAsync(report.AreaId, ct)
            ?? throw new InvalidOperationException($"Unknown area '{report.AreaId}' for report {report.TrackingCode}.");

        var decision = ReportRouter.Route(report.Kind, report.PointCode, area);
        var now = clock.GetUtcNow();
        var pointName = decision.Point?.Name.ToString();
        var routed = decision.Stations.Select(s => Alert.For(report, s.Id, decision.StationIds, pointName, now)).ToList();

        var added = await alerts.AddAllAsync(routed, ct);
        await MarkRoutedAsync(message, decision.StationIds, now, ct);
        await publisher.PublishAsync(routed, ct);
        if (added > 0 && options.Value.Escalation.DelayFor(report.Kind) is { } delay)
        {
            // A check that becomes visible after the delay; a duplicate check finds nothing left to do.
            var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
            await checks.ScheduleAsync(new ScheduledCheck(CheckKind.Escalate, report.AreaId, report.TrackingCode, key), delay, ct);
        }

        logger.LogInformation(
            "Routed {Kind} report {TrackingCode} to {StationCount} stations ({NewAlerts} new alerts)",
            report.Kind, report.TrackingCode, routed.Count, added);
    }

    private async Task MarkRoutedAsync(RoutingMessage message, IReadOnlyList<string> stationIds, DateTimeOffset now, CancellationToken ct)
    {
        // Usual path: the intake's ETag is still current, so one conditional write and no read.
        if (message.ETag is { } etag && ReportLifecycle.Routed(message.Report, stationIds, now) is { } first
            && await reports.TryReplaceAsync(first, new ETag(etag), ct))
        {
            return;
        }

        var key = ReportKeys.For(message.Report.SubmittedAt, message.Report.TrackingCode);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var stored = await reports.GetAsync(message.Report.AreaId, key, ct)
                ?? throw new InvalidOperationException($"Report {message.Report.TrackingCode} has no row.");
            if (ReportLifecycle.Routed(stored.Report, stationIds, now) is not { } updated
                || await reports.TryReplaceAsync(updated, stored.ETag, ct))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Report {message.Report.TrackingCode} kept changing while being routed.");
    }
}
