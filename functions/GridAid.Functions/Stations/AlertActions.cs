using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Stations;

/// <summary>What a station does with its alerts: list them, acknowledge, act on, transfer, resolve.</summary>
public sealed class AlertActions(
    AlertStore alerts,
    ReportStore reports,
    DirectoryCache directory,
    IAlertPublisher publisher,
    ResolvedReportRedaction retention,
    TimeProvider clock,
    ILogger<AlertActions> logger)
{
    private const int MaxConflictRetries = 5;

    public Task<IReadOnlyList<Alert>> InboxAsync(string areaId, string stationId, int max, CancellationToken ct) =>
        alerts.ListForStationAsync(areaId, stationId, max, ct);

    /// <summary>Moves the station's alert, and the report, to <paramref name="target"/>; null when the station has no such alert.</summary>
    public async Task<Alert?> StepAsync(string areaId, string stationId, string trackingCode, ReportStatus target, CancellationToken ct)
    {
        var stored = await reports.FindByCodeAsync(trackingCode, ct);
        if (stored is null || stored.Report.AreaId != areaId || !stored.Report.StationIds.Contains(stationId, StringComparer.Ordinal))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        Alert? result = null;
        for (var attempt = 0; attempt < MaxConflictRetries && result is null; attempt++)
        {
            if (await alerts.GetAsync(areaId, stationId, stored.Key, ct) is not { } current)
            {
                return null;
            }

            if (current.Alert.Step(target, now) is not { } next)
            {
                result = current.Alert;
            }
            else if (await alerts.TryReplaceAsync(next, current.ETag, ct))
            {
                result = next;
            }
        }

        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            if (ReportLifecycle.StationStep(stored.Report, stationId, target, now) is not { } updated
                || await reports.TryReplaceAsync(updated, stored.ETag, ct))
            {
                break;
            }

            stored = await reports.GetAsync(areaId, stored.Key, ct) ?? stored;
        }

        if (target == ReportStatus.Resolved)
        {
            // Every resolve (a repeat too) schedules the redaction check: a duplicate check is harmless, a missing one is not.
            await retention.ScheduleAsync(stored.Report, stored.Key, ct);
        }

        logger.LogInformation("Station {StationId} moved report {TrackingCode} to {Status}", stationId, trackingCode, target);
        return result ?? throw new InvalidOperationException($"Alert for {trackingCode} at {stationId} kept changing.");
    }

    /// <summary>
    /// Hands the report to another station of the same area: that station gets an alert, the report lists it, and
    /// this station's alert says where it went. Null when this station has no such alert or the target is unknown.
    /// </summary>
    public async Task<Alert?> TransferAsync(string areaId, string fromStationId, string trackingCode, string toStationId, CancellationToken ct)
    {
        var stored = await reports.FindByCodeAsync(trackingCode, ct);
        var area = await directory.GetAsync(areaId, ct);
        if (stored is null || area?.FindStation(toStationId) is null || toStationId == fromStationId
            || stored.Report.AreaId != areaId || !stored.Report.StationIds.Contains(fromStationId, StringComparer.Ordinal))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var pointName = stored.Report.PointCode is { } code ? area.FindPoint(code)?.Name.ToString() : null;
        var handedOver = Alert.For(stored.Report, toStationId, [.. stored.Report.StationIds, toStationId], pointName, now, AlertReason.Transferred, fromStationId);
        await alerts.AddAllAsync([handedOver], ct);

        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            if (ReportLifecycle.Transferred(stored.Report, fromStationId, toStationId, now) is not { } updated
                || await reports.TryReplaceAsync(updated, stored.ETag, ct))
            {
                break;
            }

            stored = await reports.GetAsync(areaId, stored.Key, ct) ?? stored;
        }

        Alert? source = null;
        for (var attempt = 0; attempt < MaxConflictRetries && source is null; attempt++)
        {
            if (await alerts.GetAsync(areaId, fromStationId, stored.Key, ct) is not { } current)
            {
                return null;
            }

            var marked = current.Alert with { TransferredTo = toStationId };
            source = current.Alert.TransferredTo == toStationId || await alerts.TryReplaceAsync(marked, current.ETag, ct) ? marked : null;
        }

        await publisher.PublishAsync([handedOver], ct);
        logger.LogInformation("Station {FromStation} transferred report {TrackingCode} to {ToStation}", fromStationId, trackingCode, toStationId);
        return source ?? throw new InvalidOperationException($"Alert for {trackingCode} at {fromStationId} kept changing.");
    }
}
