using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Stations;

/// <summary>What a station does with its alerts: list them, acknowledge, act on, resolve.</summary>
public sealed class AlertActions(AlertStore alerts, ReportStore reports, TimeProvider clock, ILogger<AlertActions> logger)
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

        logger.LogInformation("Station {StationId} moved report {TrackingCode} to {Status}", stationId, trackingCode, target);
        return result ?? throw new InvalidOperationException($"Alert for {trackingCode} at {stationId} kept changing.");
    }
}
