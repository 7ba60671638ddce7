using GridAid.Core.Reports;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Retention;

/// <summary>
/// A report nobody resolved does not keep its personal data for ever: <see cref="RetentionPolicy.CloseOpenAfter"/>
/// (30 days) after it was submitted it is closed, with the reason on its timeline, every station's alert closes with it,
/// and from then on the resolved-report deletion rule (<see cref="ResolvedReportRedaction"/>) applies. The first check is
/// scheduled when the report is routed; the wait is a chain of scheduled checks, each safe to run twice.
/// </summary>
public sealed class UnattendedReportClosing(
    ReportStore reports,
    AlertStore alerts,
    ScheduledCheckSender checks,
    ResolvedReportRedaction redaction,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<UnattendedReportClosing> logger)
{
    private RetentionPolicy Policy => options.Value.Retention;

    /// <summary>Called when a report is routed.</summary>
    public Task ScheduleAsync(Report report, string reportKey, CancellationToken ct) =>
        checks.ScheduleAsync(
            new ScheduledCheck(CheckKind.Close, report.AreaId, report.TrackingCode, reportKey),
            Policy.WaitBeforeClosing(report.SubmittedAt, clock.GetUtcNow()) ?? TimeSpan.Zero,
            ct);

    public async Task HandleAsync(ScheduledCheck check, CancellationToken ct)
    {
        if (await reports.GetAsync(check.AreaId, check.ReportKey, ct) is not { } stored || stored.Report.Status >= ReportStatus.Resolved)
        {
            return;
        }

        if (Policy.WaitBeforeClosing(stored.Report.SubmittedAt, clock.GetUtcNow()) is { } wait)
        {
            await checks.ScheduleAsync(check, wait, ct);
            return;
        }

        // The deletion check first, then the alerts, then the report: a crash in between leaves a retry that finishes.
        await redaction.ScheduleAsync(stored.Report, stored.Key, ct);
        var now = clock.GetUtcNow();
        foreach (var stationId in stored.Report.StationIds)
        {
            await alerts.UpdateAsync(check.AreaId, stationId, stored.Key, a => a.Closed(now), ct);
        }

        var update = await reports.UpdateAsync(check.AreaId, stored.Key, r => ReportLifecycle.ClosedUnattended(r, now), ct, stored);
        if (update is { Changed: true })
        {
            // Stations added while this ran (an escalation) are closed too.
            foreach (var stationId in update.Report.StationIds.Except(stored.Report.StationIds, StringComparer.Ordinal))
            {
                await alerts.UpdateAsync(check.AreaId, stationId, stored.Key, a => a.Closed(now), ct);
            }

            logger.LogInformation("Closed report {TrackingCode}: open for {Days} days", check.TrackingCode, Policy.CloseOpenAfter.TotalDays);
        }
    }
}
