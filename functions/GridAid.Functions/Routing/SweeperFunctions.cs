using GridAid.Functions.Inspections;
using GridAid.Functions.Poison;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Routing;

/// <summary>
/// Every 10 seconds: keep what the poison queues hold (<see cref="PoisonSweep"/>: one receive per poison queue, instead
/// of a queue trigger polling each), then, area by area, re-drive reports that were accepted but never routed
/// (<see cref="StrandedReportSweeper"/>), close the open reports nobody resolved in time (<see cref="UnattendedReportClosing"/>),
/// give the reminders before found items' custody deadlines (<see cref="Custody.CustodyReminders"/>), and give overdue
/// rectifications to the police posts of their venues' cells (<see cref="VenueInspections.EscalateOverdueAsync"/>).
/// </summary>
public sealed class SweeperFunctions(
    DirectoryStore directory,
    PoisonSweep poison,
    StrandedReportSweeper stranded,
    UnattendedReportClosing closing,
    Custody.CustodyReminders custody,
    VenueInspections inspections)
{
    /// <summary>NCRONTAB with seconds, as the Functions host reads it: second 0, 10, 20, … of every minute.</summary>
    public const string Schedule = "*/10 * * * * *";

    [Function(nameof(SweepReports))]
    public async Task SweepReports([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct)
    {
        await poison.SweepAsync(ct);
        foreach (var areaId in await directory.ListAreaIdsAsync(ct))
        {
            await stranded.SweepAreaAsync(areaId, ct);
            await closing.SweepAreaAsync(areaId, ct);
            await custody.SweepAreaAsync(areaId, ct);
            await inspections.EscalateOverdueAsync(areaId, ct);
        }
    }
}
