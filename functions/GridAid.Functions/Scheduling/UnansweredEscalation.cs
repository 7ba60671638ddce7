using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Functions.Retention;
using GridAid.Functions.Telemetry;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Scheduling;

/// <summary>
/// When an urgent report's check comes due and no station has acknowledged it, every other station of the area
/// hears it (<see cref="EscalationPolicy.Targets"/>). The report lists the new stations first (a conditional write
/// that loses to an acknowledgement), then their alerts are inserted, so no alert is left outside the report.
/// A repeated check finds the report escalated and only makes sure every listed station has its alert.
/// </summary>
public sealed class UnansweredEscalation(
    ReportStore reports,
    AlertStore alerts,
    DirectoryCache directory,
    IAlertPublisher publisher,
    ResolvedReportRedaction redaction,
    TimeProvider clock,
    ILogger<UnansweredEscalation> logger)
{
    public async Task HandleAsync(ScheduledCheck check, CancellationToken ct)
    {
        var area = await directory.GetAsync(check.AreaId, ct)
            ?? throw new InvalidOperationException($"Unknown area '{check.AreaId}'.");
        var now = clock.GetUtcNow();
        IReadOnlyList<string> before = [];
        var update = await reports.UpdateAsync(check.AreaId, check.ReportKey, r =>
        {
            before = r.StationIds;
            return ReportLifecycle.Escalated(r, EscalationPolicy.Targets(r, area).Select(s => s.Id).ToList(), now);
        }, ct);
        if (update is null || Redaction.IsRedacted(update.Report) || (!update.Changed && !IsEscalated(update.Report)))
        {
            return;
        }

        var report = update.Report;
        var told = update.Changed ? report.StationIds.Except(before, StringComparer.Ordinal).ToList() : report.StationIds;
        var pointName = report.PointCode is { } code ? area.FindPoint(code)?.Name.ToString() : null;
        var escalated = told.Select(id => Alert.For(report, id, report.StationIds, pointName, now, AlertReason.Escalated)).ToList();
        var added = await alerts.AddAllAsync(escalated, ct);
        // The stations alerted first now see the new ones too (and each other's parts in the search).
        await alerts.UpdateAllAsync(check.AreaId, check.ReportKey, report.StationIds, all => SharedSearch.Widened(all, report.StationIds), ct);
        // A resolve under way while these alerts were added may not have seen them: they stand down for the same resolver.
        if (await reports.GetAsync(check.AreaId, check.ReportKey, ct) is { } latest && SharedSearch.ResolutionOf(latest.Report) is { } resolution)
        {
            await alerts.UpdateAllAsync(check.AreaId, check.ReportKey, latest.Report.StationIds, all => SharedSearch.Apply(all, resolution.By, StationAction.Resolve, resolution.At), ct);
        }
        await redaction.RedactLateAlertsAsync(check.AreaId, check.ReportKey, told, ct);
        await publisher.PublishAsync(added, ct);
        if (update.Changed)
        {
            GridAidTelemetry.CountEscalated(report);
            logger.LogWarning("Escalated unacknowledged {Kind} report {TrackingCode} to {StationCount} more stations",
                report.Kind, report.TrackingCode, escalated.Count);
        }
    }

    private static bool IsEscalated(Report report) => report.Timeline.Any(t => t.Note == TimelineNotes.Escalated);
}
