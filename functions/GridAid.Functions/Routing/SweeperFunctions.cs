using GridAid.Functions.Inspections;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Routing;

/// <summary>
/// Every 10 seconds, area by area: re-drive reports that were accepted but never routed
/// (<see cref="StrandedReportSweeper"/>), close the open reports nobody resolved in time (<see cref="UnattendedReportClosing"/>),
/// and give overdue rectifications to the police posts of their venues' cells (<see cref="VenueInspections.EscalateOverdueAsync"/>).
/// </summary>
public sealed class SweeperFunctions(DirectoryStore directory, StrandedReportSweeper stranded, UnattendedReportClosing closing, VenueInspections inspections)
{
    /// <summary>NCRONTAB with seconds, as the Functions host reads it: second 0, 10, 20, … of every minute.</summary>
    public const string Schedule = "*/10 * * * * *";

    [Function(nameof(SweepReports))]
    public async Task SweepReports([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct)
    {
        foreach (var areaId in await directory.ListAreaIdsAsync(ct))
        {
            await stranded.SweepAreaAsync(areaId, ct);
            await closing.SweepAreaAsync(areaId, ct);
            await inspections.EscalateOverdueAsync(areaId, ct);
        }
    }
}
