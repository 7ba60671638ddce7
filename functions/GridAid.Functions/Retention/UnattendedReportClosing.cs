using GridAid.Core.Reports;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Retention;

/// <summary>
/// A report nobody resolved does not keep its personal data for ever: <see cref="RetentionPolicy.CloseOpenAfter"/>
/// (30 days) after it was submitted it is closed, with the reason on its timeline, every station's alert closes with it,
/// and from then on the resolved-report deletion rule (<see cref="ResolvedReportRedaction"/>) applies. Routing lists each
/// report in its area's "open" index (in the transaction that marks it routed); the sweep (<see cref="SweepAreaAsync"/>,
/// from the sweeper's timer) reads the entries past the cut-off as one range, so nothing waits in a queue for 30 days.
/// Reports routed before the index existed still have a scheduled check (<see cref="HandleAsync"/>). Each step is safe
/// to run twice. A found item in a station's custody is not closed: it leaves custody resolved.
/// </summary>
public sealed class UnattendedReportClosing(
    ReportStore reports,
    AlertStore alerts,
    CustodyStore custody,
    ScheduledCheckSender checks,
    ResolvedReportRedaction redaction,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<UnattendedReportClosing> logger)
{
    private RetentionPolicy Policy => options.Value.Retention;

    /// <summary>Closes the area's open reports submitted longer than <see cref="RetentionPolicy.CloseOpenAfter"/> ago; returns how many it closed.</summary>
    public async Task<int> SweepAreaAsync(string areaId, CancellationToken ct)
    {
        var closed = 0;
        await foreach (var entry in reports.ListOpenUntilAsync(areaId, clock.GetUtcNow() - Policy.CloseOpenAfter, ct))
        {
            if (await reports.GetAsync(areaId, entry.ReportKey, ct) is { } stored && stored.Report.Status < ReportStatus.Resolved
                && !await InCustodyAsync(stored.Report, ct) && await CloseAsync(stored, ct))
            {
                closed++;
            }

            // Closed now, resolved by a station meanwhile, or gone: either way no longer open.
            await reports.ForgetOpenAsync(areaId, entry.ReportKey, ct);
        }

        return closed;
    }

    /// <summary>A check scheduled when the report was routed (reports routed before the "open" index existed).</summary>
    public async Task HandleAsync(ScheduledCheck check, CancellationToken ct)
    {
        if (await reports.GetAsync(check.AreaId, check.ReportKey, ct) is not { } stored || stored.Report.Status >= ReportStatus.Resolved
            || await InCustodyAsync(stored.Report, ct))
        {
            return;
        }

        if (Policy.WaitBeforeClosing(stored.Report.SubmittedAt, clock.GetUtcNow()) is { } wait)
        {
            await checks.ScheduleAsync(check, wait, ct);
            return;
        }

        await CloseAsync(stored, ct);
    }

    /// <summary>
    /// A found item a station holds stays open (matchable, its photos kept) for as long as it is in custody, up to the
    /// year of PRC Civil Code art. 318: leaving custody resolves it (the hand-over, the police, a disposal; docs/custody.md).
    /// </summary>
    private async Task<bool> InCustodyAsync(Report report, CancellationToken ct) =>
        report.Kind == ReportKind.FoundItem && await custody.GetAsync(report.AreaId, report.TrackingCode, ct) is { Item.IsHeld: true };

    private async Task<bool> CloseAsync(StoredReport stored, CancellationToken ct)
    {
        var areaId = stored.Report.AreaId;

        // The deletion check first, then the alerts, then the report: a crash in between leaves a retry that finishes.
        await redaction.ScheduleAsync(stored.Report, stored.Key, ct);
        var now = clock.GetUtcNow();
        foreach (var stationId in stored.Report.StationIds)
        {
            await alerts.UpdateAsync(areaId, stationId, stored.Key, a => a.Closed(now), ct);
        }

        var update = await reports.UpdateAsync(areaId, stored.Key, r => ReportLifecycle.ClosedUnattended(r, now), ct, stored);
        if (update is not { Changed: true })
        {
            return false;
        }

        // Stations added while this ran (an escalation) are closed too.
        foreach (var stationId in update.Report.StationIds.Except(stored.Report.StationIds, StringComparer.Ordinal))
        {
            await alerts.UpdateAsync(areaId, stationId, stored.Key, a => a.Closed(now), ct);
        }

        logger.LogInformation("Closed report {TrackingCode}: open for {Days} days", stored.Report.TrackingCode, Policy.CloseOpenAfter.TotalDays);
        return true;
    }
}
