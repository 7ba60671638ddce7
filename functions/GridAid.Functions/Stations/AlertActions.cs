using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Functions.Figures;
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

/// <summary>How a station's step ended: its alert afterwards, or why not (no such alert; refused by the rules of a shared search).</summary>
public sealed record StepResult(Alert? Alert, ActionRefusal? Refusal = null);

/// <summary>A station's inbox as read: its alerts (open first, then a page of closed ones), the next page, and its version.</summary>
public sealed record Inbox(IReadOnlyList<Alert> Alerts, string? Continuation);

/// <summary>What a station does with its alerts: list them, acknowledge, act on, transfer, resolve.</summary>
public sealed class AlertActions(
    AlertStore alerts,
    ReportStore reports,
    DirectoryCache directory,
    IAlertPublisher publisher,
    ResolvedReportRedaction retention,
    ReportFigures figures,
    TimeProvider clock,
    ILogger<AlertActions> logger)
{
    /// <summary>The station's inbox version: unchanged means the inbox reads the same (one point read).</summary>
    public Task<string> InboxVersionAsync(string areaId, string stationId, CancellationToken ct) =>
        alerts.InboxVersionAsync(areaId, stationId, ct);

    /// <summary>
    /// Every open alert, newest first, each with every other station's part and the search's timeline; then a page of closed
    /// ones (the resolver named on each). With <paramref name="continuation"/>: the next page of closed ones only.
    /// </summary>
    public async Task<Inbox> InboxAsync(string areaId, string stationId, int maxOpen, int closedPageSize, string? continuation, CancellationToken ct)
    {
        var page = await alerts.ListInboxAsync(areaId, stationId, maxOpen, closedPageSize, continuation, ct);
        var open = new List<Alert>(page.Open.Count);
        foreach (var alert in page.Open)
        {
            open.Add(alert.StationIds.Count > 1 ? await WithSearchAsync(alert, ct) : alert);
        }

        return new Inbox([.. open, .. page.Closed], page.Continuation);
    }

    private async Task<Alert> WithSearchAsync(Alert alert, CancellationToken ct)
    {
        var all = (await alerts.ListForReportAsync(alert.AreaId, ReportKeys.For(alert.SubmittedAt, alert.TrackingCode), alert.StationIds, ct)).Select(a => a.Alert).ToList();
        return alert with
        {
            Peers = SharedSearch.Peers(all.Where(a => a.StationId != alert.StationId)),
            Activity = SharedSearch.Timeline(all),
        };
    }

    /// <summary>
    /// The station's step on its alert of a report, seen by every station of the report; a resolve stands them all down.
    /// Alerts first (one transaction with every station's inbox version), then the report; a resolve may carry the station's
    /// closing note for the reporter (<paramref name="note"/>), kept on the report's timeline.
    /// </summary>
    public async Task<StepResult> StepAsync(string areaId, string stationId, string trackingCode, StationAction action, CancellationToken ct, LocalizedNote? note = null)
    {
        if (await FindRoutedToAsync(areaId, stationId, trackingCode, ct) is not { } stored)
        {
            return new StepResult(null);
        }

        var type = (await directory.GetAsync(areaId, ct))?.FindStation(stationId)?.Type;
        if (type is null)
        {
            return new StepResult(null);
        }

        if (SharedSearch.Check(stored.Report.Kind, action, type) is { } refusal)
        {
            return new StepResult(null, refusal);
        }

        var now = clock.GetUtcNow();
        var after = await alerts.UpdateAllAsync(areaId, stored.Key, stored.Report.StationIds, all => SharedSearch.Apply(all, stationId, action, now), ct);
        if (after.FirstOrDefault(a => a.StationId == stationId) is not { } alert)
        {
            return new StepResult(null);
        }

        await AdvanceReportAsync(stored, action, r => action switch
        {
            StationAction.FoundHandingOver => ReportLifecycle.FoundHandingOver(r, stationId, now),
            StationAction.Acknowledge => ReportLifecycle.StationStep(r, stationId, ReportStatus.Acknowledged, now),
            StationAction.Start => ReportLifecycle.StationStep(r, stationId, ReportStatus.InProgress, now),
            _ => ReportLifecycle.StationStep(r, stationId, ReportStatus.Resolved, now, note),
        }, ct);
        // After the report is written (the inboxes are the record; the events are best effort and never refuse the step).
        if (action == StationAction.Acknowledge)
        {
            await publisher.PublishStepAsync([alert], AlertStep.Acknowledged, ct);
        }
        else if (action == StationAction.Resolve)
        {
            await publisher.PublishStepAsync(after.Where(a => a.Status == ReportStatus.Resolved).ToList(), AlertStep.Resolved, ct);
        }

        logger.LogInformation("Station {StationId} took step {Action} on report {TrackingCode}", stationId, action, trackingCode);
        return new StepResult(alert);
    }

    /// <summary>The area's admin resolves a report: every station holding it stands down. Null when the area has no such report.</summary>
    public async Task<IReadOnlyList<Alert>?> ResolveAsAdminAsync(string areaId, string trackingCode, CancellationToken ct)
    {
        var stored = await reports.FindByCodeAsync(trackingCode, ct);
        if (stored is null || stored.Report.AreaId != areaId)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var after = await alerts.UpdateAllAsync(areaId, stored.Key, stored.Report.StationIds, all => SharedSearch.Apply(all, SharedSearch.Admin, StationAction.Resolve, now), ct);
        await AdvanceReportAsync(stored, StationAction.Resolve, r => ReportLifecycle.ResolvedByAdmin(r, now), ct);
        await publisher.PublishStepAsync(after.Where(a => a.Status == ReportStatus.Resolved).ToList(), AlertStep.Resolved, ct);
        logger.LogInformation("The admin of {AreaId} resolved report {TrackingCode}", areaId, trackingCode);
        return after;
    }

    private async Task AdvanceReportAsync(StoredReport stored, StationAction action, Func<Report, Report?> step, CancellationToken ct)
    {
        if (action == StationAction.Resolve && stored.Report.Status < ReportStatus.Resolved)
        {
            // Scheduled before the write that resolves it: a crash in between leaves a harmless check, never a missing one.
            await retention.ScheduleAsync(stored.Report, stored.Key, ct);
        }

        var update = await reports.UpdateAsync(stored.Report.AreaId, stored.Key, step, ct, stored);
        if (update is not null)
        {
            await figures.RecordAsync(stored.Report, update.Report, update.Changed, ct);
        }

        // An escalation or a transfer that named more stations while this resolve was under way: they stand down too.
        if (action == StationAction.Resolve && update is { Report: var report } && SharedSearch.ResolutionOf(report) is { } resolution
            && report.StationIds.Except(stored.Report.StationIds, StringComparer.Ordinal).Any())
        {
            await alerts.UpdateAllAsync(report.AreaId, stored.Key, report.StationIds, all => SharedSearch.Apply(all, resolution.By, StationAction.Resolve, resolution.At), ct);
        }
    }

    /// <summary>
    /// Hands the report to another station of the same area. The report lists the new station first (a conditional
    /// write), then that station's alert is inserted, so every alert belongs to a station the report names. A retry of
    /// a transfer that stopped half-way finishes it.
    /// </summary>
    public async Task<TransferResult> TransferAsync(string areaId, string fromStationId, string trackingCode, string toStationId, CancellationToken ct, string? note = null)
    {
        var stored = await FindRoutedToAsync(areaId, fromStationId, trackingCode, ct);
        var area = await directory.GetAsync(areaId, ct);
        if (stored is null || area?.FindStation(toStationId) is null || toStationId == fromStationId)
        {
            return new TransferResult(TransferOutcome.NotFound);
        }

        var now = clock.GetUtcNow();
        if (await reports.UpdateAsync(areaId, stored.Key, r => ReportLifecycle.Transferred(r, fromStationId, toStationId, now, note is null ? null : Core.Replies.ReplyRules.InLanguage(note, null)), ct, stored) is not { } update)
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
        // The receiving station reads why (the reason kept on the report's timeline, this transfer's or a retried one's).
        var reason = report.Timeline.LastOrDefault(t => t.StationId == fromStationId && t.Note == TimelineNotes.TransferredTo + toStationId)?.Text;
        var handedOver = Alert.For(report, toStationId, report.StationIds, pointName, now, AlertReason.Transferred, fromStationId) with
        {
            TransferNote = reason is null ? null : reason.Zh ?? reason.En,
        };
        await alerts.AddAllAsync([handedOver], ct);
        await retention.RedactLateAlertsAsync(areaId, stored.Key, [toStationId], ct);
        // Every station of the search now also sees the new one; the source says to whom it handed over.
        var after = await alerts.UpdateAllAsync(areaId, stored.Key, report.StationIds, all =>
            SharedSearch.Widened(all, report.StationIds, a => a.StationId == fromStationId ? a with { TransferredTo = toStationId } : a), ct);
        var source = after.FirstOrDefault(a => a.StationId == fromStationId);
        await publisher.PublishAsync([handedOver], ct);

        logger.LogInformation("Station {FromStation} transferred report {TrackingCode} to {ToStation}", fromStationId, trackingCode, toStationId);
        return new TransferResult(TransferOutcome.Transferred, source);
    }

    private async Task<StoredReport?> FindRoutedToAsync(string areaId, string stationId, string trackingCode, CancellationToken ct)
    {
        var stored = await reports.FindByCodeAsync(trackingCode, ct);
        return stored is not null && stored.Report.AreaId == areaId && stored.Report.StationIds.Contains(stationId, StringComparer.Ordinal)
            ? stored
            : null;
    }
}
