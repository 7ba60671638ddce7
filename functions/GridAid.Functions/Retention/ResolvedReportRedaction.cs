using GridAid.Core.Figures;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Blobs;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Retention;

/// <summary>
/// Keeps the privacy notice's promise: once a report has been resolved for <see cref="RetentionPolicy.KeepResolvedFor"/>,
/// its description, contact data, details and photos are removed from the report and from every station's alert, and
/// the comment of its feedback (the stars stay counted), and the request id and fingerprint its tracking code's look-up
/// row kept for retries. The wait is
/// a chain of scheduled checks (a queue message hides for at most 7 days). An admin can redact at once on request.
/// </summary>
public sealed class ResolvedReportRedaction(
    ReportStore reports,
    AlertStore alerts,
    PhotoStore photos,
    FeedbackStore feedback,
    ScheduledCheckSender checks,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<ResolvedReportRedaction> logger)
{
    private RetentionPolicy Policy => options.Value.Retention;

    /// <summary>Called when a report is resolved: the first look comes after the retention time, or 7 days.</summary>
    public Task ScheduleAsync(Report report, string reportKey, CancellationToken ct) =>
        checks.ScheduleAsync(
            new ScheduledCheck(CheckKind.Redact, report.AreaId, report.TrackingCode, reportKey),
            Policy.WaitBeforeRedacting(clock.GetUtcNow(), clock.GetUtcNow()) ?? TimeSpan.Zero,
            ct);

    public async Task HandleAsync(ScheduledCheck check, CancellationToken ct)
    {
        if (await reports.GetAsync(check.AreaId, check.ReportKey, ct) is not { } stored
            || RetentionPolicy.ResolvedAt(stored.Report) is not { } resolvedAt)
        {
            return;
        }

        if (Policy.WaitBeforeRedacting(resolvedAt, clock.GetUtcNow()) is { } wait)
        {
            await checks.ScheduleAsync(check, wait, ct);
            return;
        }

        await RedactAsync(stored, ct);
    }

    /// <summary>Redacts now (an admin acting on a person's request); false when no such report is in the area.</summary>
    public async Task<bool> RedactNowAsync(string areaId, string trackingCode, CancellationToken ct)
    {
        if (await reports.FindByCodeAsync(trackingCode, ct) is not { } stored || stored.Report.AreaId != areaId)
        {
            return false;
        }

        await RedactAsync(stored, ct);
        return true;
    }

    /// <summary>
    /// A transfer or escalation calls this after inserting its alerts: if the report was redacted while it ran, its new
    /// alerts (made from the report as it read it) are redacted too. With <see cref="RedactAsync"/> this covers both
    /// orders of the race.
    /// </summary>
    public async Task RedactLateAlertsAsync(string areaId, string reportKey, IEnumerable<string> stationIds, CancellationToken ct)
    {
        if (await reports.GetAsync(areaId, reportKey, ct) is { } now && Redaction.IsRedacted(now.Report))
        {
            foreach (var stationId in stationIds)
            {
                await alerts.UpdateAsync(areaId, stationId, reportKey, a => a.HasPersonalData ? a.Redacted() : null, ct);
            }
        }
    }

    /// <summary>
    /// The photos' blobs first (a crash then leaves links to nothing, never photos nobody lists), every station's alert,
    /// then the report, then the alerts of stations the report gained meanwhile (a transfer or an
    /// escalation that changed the report makes this conditional write re-read it). Alerts such a step adds after this
    /// pass are redacted by the step itself (<see cref="RedactLateAlertsAsync"/>). Every step is safe to repeat, so a
    /// retry after a crash finishes the job.
    /// </summary>
    private async Task RedactAsync(StoredReport stored, CancellationToken ct)
    {
        await photos.DeleteAllAsync(stored.Report.AreaId, stored.Report.TrackingCode, ct);
        foreach (var stationId in stored.Report.StationIds)
        {
            await RedactAlertAsync(stored, stationId, ct);
        }

        var update = await reports.UpdateAsync(stored.Report.AreaId, stored.Key, r => Redaction.Apply(r, clock.GetUtcNow()), ct, stored);
        foreach (var stationId in (update?.Report.StationIds ?? []).Except(stored.Report.StationIds, StringComparer.Ordinal))
        {
            await RedactAlertAsync(stored, stationId, ct);
        }

        await reports.ForgetRequestAsync(stored.Report.TrackingCode, ct);
        if (ReportFacts.ResolutionOf(stored.Report) is { } resolved)
        {
            await feedback.ClearCommentAsync(stored.Report.AreaId, resolved.By, stored.Report.TrackingCode, ct);
        }

        if (update is { Changed: true })
        {
            logger.LogInformation("Redacted personal data of report {TrackingCode}", stored.Report.TrackingCode);
        }
    }

    private async Task RedactAlertAsync(StoredReport stored, string stationId, CancellationToken ct) =>
        await alerts.UpdateAsync(stored.Report.AreaId, stationId, stored.Key, a => a.HasPersonalData ? a.Redacted() : null, ct);
}
