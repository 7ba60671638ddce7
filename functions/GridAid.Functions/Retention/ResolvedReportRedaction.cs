using GridAid.Core.Reports;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Retention;

/// <summary>
/// Keeps the privacy notice's promise: once a report has been resolved for <see cref="RetentionPolicy.KeepResolvedFor"/>,
/// its description, contact data and details are removed from the report and from every station's alert. The wait is
/// a chain of scheduled checks (a queue message hides for at most 7 days). An admin can redact at once on request.
/// </summary>
public sealed class ResolvedReportRedaction(
    ReportStore reports,
    AlertStore alerts,
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
    /// The report first, then every station's alert, then the report's stations read again: an alert added by a
    /// transfer or escalation while this ran is redacted too, and one added after it is made from the redacted report.
    /// Every step is safe to repeat, so a retry after a crash finishes the job.
    /// </summary>
    private async Task RedactAsync(StoredReport stored, CancellationToken ct)
    {
        var update = await reports.UpdateAsync(stored.Report.AreaId, stored.Key, r => Redaction.Apply(r, clock.GetUtcNow()), ct, stored);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stations = (update?.Report ?? stored.Report).StationIds;
        while (stations.Except(done, StringComparer.Ordinal).ToList() is { Count: > 0 } pending)
        {
            foreach (var stationId in pending)
            {
                await alerts.UpdateAsync(stored.Report.AreaId, stationId, stored.Key, a => a.HasPersonalData ? a.Redacted() : null, ct);
                done.Add(stationId);
            }

            stations = (await reports.GetAsync(stored.Report.AreaId, stored.Key, ct))?.Report.StationIds ?? [];
        }

        if (update is { Changed: true })
        {
            logger.LogInformation("Redacted personal data of report {TrackingCode}", stored.Report.TrackingCode);
        }
    }
}
