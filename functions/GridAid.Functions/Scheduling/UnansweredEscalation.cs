using GridAid.Core.Alerts;
using GridAid.Core.Directory;
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
/// Both escalation tiers (<see cref="EscalationPolicy"/>). An <see cref="CheckKind.Escalate"/> check that finds nobody
/// acknowledged the report tells every other station of the area (<see cref="EscalationPolicy.Targets"/>); a
/// <see cref="CheckKind.Command"/> check whose reason still holds (no police post acknowledged; not resolved) gives the
/// command station a distinct alert. The report lists the new stations first (a conditional write that loses to an
/// acknowledgement), then their alerts are inserted, so no alert is left outside the report. A repeated check finds the
/// report already widened and only makes sure every listed station has its alert.
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
        if (check.Kind == CheckKind.Command)
        {
            await CommandTierAsync(check, area, now, ct);
            return;
        }

        await WidenAsync(check, area, AlertReason.Escalated, r => ReportLifecycle.Escalated(r, EscalationPolicy.Targets(r, area).Select(s => s.Id).ToList(), now),
            r => r.Timeline.Any(t => t.Note == TimelineNotes.Escalated), now, ct);
    }

    private async Task CommandTierAsync(ScheduledCheck check, AreaDirectory area, DateTimeOffset now, CancellationToken ct)
    {
        var reason = check.Reason ?? CommandReason.Unresolved;
        var command = EscalationPolicy.CommandStation(area)?.Id;
        // The police acknowledgements are on the alerts (a report's status moves on with any station's acknowledgement).
        var stored = await reports.GetAsync(check.AreaId, check.ReportKey, ct);
        var held = stored is null ? [] : (await alerts.ListForReportAsync(check.AreaId, check.ReportKey, stored.Report.StationIds, ct)).Select(a => a.Alert).ToList();
        var due = stored is not null && EscalationPolicy.CommandDue(stored.Report, held, area, reason);
        await WidenAsync(check, area, AlertReason.Command,
            r => due ? ReportLifecycle.CommandAlerted(r, command, EscalationPolicy.NoteFor(reason), now) : null,
            EscalationPolicy.IsCommandAlerted, now, ct, command is null ? [] : [command]);
    }

    private async Task WidenAsync(
        ScheduledCheck check, AreaDirectory area, AlertReason reason, Func<Report, Report?> widen, Func<Report, bool> widenedBefore,
        DateTimeOffset now, CancellationToken ct, IReadOnlyList<string>? onlyTell = null)
    {
        IReadOnlyList<string> before = [];
        var update = await reports.UpdateAsync(check.AreaId, check.ReportKey, r =>
        {
            before = r.StationIds;
            return widen(r);
        }, ct);
        if (update is null || Redaction.IsRedacted(update.Report) || (!update.Changed && !widenedBefore(update.Report)))
        {
            return;
        }

        var report = update.Report;
        var told = (update.Changed ? report.StationIds.Except(before, StringComparer.Ordinal).ToList() : report.StationIds)
            .Where(id => onlyTell is null || onlyTell.Contains(id, StringComparer.Ordinal)).ToList();
        var pointName = report.PointCode is { } code ? area.FindPoint(code)?.Name.ToString() : null;
        var escalated = told.Select(id => Alert.For(report, id, report.StationIds, pointName, now, reason)).ToList();
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
            logger.LogWarning("Escalated {Kind} report {TrackingCode} ({Reason}) to {StationCount} more stations",
                report.Kind, report.TrackingCode, reason, escalated.Count);
        }
    }
}
