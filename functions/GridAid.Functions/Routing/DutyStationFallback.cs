using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Routing;

/// <summary>
/// When routing a report fails every delivery, a human still gets it: the area's duty station receives an alert
/// flagged "routing failed", and the report names it, while the failed message waits for an admin to re-drive.
/// Safe to run twice: the report update is a no-op once the duty station has it, and the alert is never overwritten.
/// </summary>
public sealed class DutyStationFallback(
    DirectoryCache directory,
    ReportStore reports,
    AlertStore alerts,
    IAlertPublisher publisher,
    TimeProvider clock,
    ILogger<DutyStationFallback> logger)
{
    public async Task DeliverAsync(string areaId, string reportKey, CancellationToken ct)
    {
        if (await directory.GetAsync(areaId, ct) is not { } area)
        {
            logger.LogCritical("Report {ReportKey} failed routing and its area {AreaId} is unknown: only the admin's list has it", reportKey, areaId);
            return;
        }

        var duty = area.Area.DefaultStationId;
        var now = clock.GetUtcNow();
        if (await reports.RouteAsync(areaId, reportKey, r => ReportLifecycle.RoutingFailed(r, duty, now), ct) is not { } update)
        {
            return;
        }

        var report = update.Report;
        var pointName = report.PointCode is { } code ? area.FindPoint(code)?.Name.ToString() : null;
        var added = await alerts.AddAllAsync([Alert.For(report, duty, report.StationIds, pointName, now, AlertReason.RoutingFailed)], ct);
        await publisher.PublishAsync(added, ct);
        if (update.Changed)
        {
            logger.LogError("Routing failed for report {TrackingCode}: the duty station {StationId} has it", report.TrackingCode, duty);
        }
    }
}
