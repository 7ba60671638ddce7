using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Stations;

/// <summary>How a transfer ended.</summary>
public enum TransferOutcome
{
    Transferred,
    NotFound,

    /// <summary>The target station already has the report.</summary>
    AlreadyThere,

    /// <summary>The report is resolved: there is nothing left to hand over.</summary>
    Closed,
}

public sealed record TransferResult(TransferOutcome Outcome, Alert? Alert = null);

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
    public Task<IReadOnlyList<Alert>> InboxAsync(string areaId, string stationId, int max, CancellationToken ct) =>
        alerts.ListForStationAsync(areaId, stationId, max, ct);

    /// <summary>Moves the station's alert, and the report, to <paramref name="target"/>; null when the station has no such alert.</summary>
    public async Task<Alert?> StepAsync(string areaId, string stationId, string trackingCode, ReportStatus target, CancellationToken ct, LocalizedNote? note = null)
    {
        if (await FindRoutedToAsync(areaId, stationId, trackingCode, ct) is not { } stored)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (await alerts.UpdateAsync(areaId, stationId, stored.Key, a => a.Step(target, now), ct) is not { } alert)
        {
            return null;
        }

        if (target == ReportStatus.Resolved && stored.Report.Status < ReportStatus.Resolved)
        {
            // Scheduled before the write that resolves it: a crash in between leaves a harmless check, never a missing one.
            await retention.ScheduleAsync(stored.Report, stored.Key, ct);
        }

        await reports.UpdateAsync(areaId, stored.Key, r => ReportLifecycle.StationStep(r, stationId, target, now, note), ct, stored);
        logger.LogInformation("Station {StationId} moved report {TrackingCode} to {Status}", stationId, trackingCode, target);
        return alert.Alert;
    }

    /// <summary>
    /// Hands the report to another station of the same area. The report lists the new station first (a conditional
    /// write), then that station's alert is inserted, so every alert belongs to a station the report names. A retry of
    /// a transfer that stopped half-way finishes it.
    /// </summary>
    public async Task<TransferResult> TransferAsync(string areaId, string fromStationId, string trackingCode, string toStationId, CancellationToken ct)
    {
        var stored = await FindRoutedToAsync(areaId, fromStationId, trackingCode, ct);
        var area = await directory.GetAsync(areaId, ct);
        if (stored is null || area?.FindStation(toStationId) is null || toStationId == fromStationId)
        {
            return new TransferResult(TransferOutcome.NotFound);
        }

        var now = clock.GetUtcNow();
        if (await reports.UpdateAsync(areaId, stored.Key, r => ReportLifecycle.Transferred(r, fromStationId, toStationId, now), ct, stored) is not { } update)
        {
            return new TransferResult(TransferOutcome.NotFound);
        }

        var report = update.Report;
        var resumed = !update.Changed && report.Timeline.Any(t => t.StationId == fromStationId && t.Note == TimelineNotes.TransferredTo + toStationId);
        if (!update.Changed && !resumed)
        {
            return new TransferResult(report.Status >= ReportStatus.Resolved ? TransferOutcome.Closed : TransferOutcome.AlreadyThere);
        }

        var pointName = report.PointCode is { } code ? area.FindPoint(code)?.Name.ToString() : null;
        var handedOver = Alert.For(report, toStationId, report.StationIds, pointName, now, AlertReason.Transferred, fromStationId);
        await alerts.AddAllAsync([handedOver], ct);
        await retention.RedactLateAlertsAsync(areaId, stored.Key, [toStationId], ct);
        var source = await alerts.UpdateAsync(areaId, fromStationId, stored.Key, a => a.TransferredTo == toStationId ? null : a with { TransferredTo = toStationId }, ct);
        await publisher.PublishAsync([handedOver], ct);

        logger.LogInformation("Station {FromStation} transferred report {TrackingCode} to {ToStation}", fromStationId, trackingCode, toStationId);
        return new TransferResult(TransferOutcome.Transferred, source?.Alert);
    }

    private async Task<StoredReport?> FindRoutedToAsync(string areaId, string stationId, string trackingCode, CancellationToken ct)
    {
        var stored = await reports.FindByCodeAsync(trackingCode, ct);
        return stored is not null && stored.Report.AreaId == areaId && stored.Report.StationIds.Contains(stationId, StringComparer.Ordinal)
            ? stored
            : null;
    }
}
