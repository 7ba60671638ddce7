using GridAid.Core.Directory;
using GridAid.Core.Duplicates;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Duplicates;

/// <summary>
/// After a report is routed: the area's reports of the <see cref="DuplicateRules.Window"/> before it (one row-key range
/// of its partition) are read, and those it may repeat (<see cref="DuplicateRules.Candidates"/>) are written on its
/// alerts, with the inbox versions, so its stations see "possible duplicate" on their next poll. After the alerts went
/// out, so a lost child's alert never waits for it; best effort (a failure is logged, the report stays routed); a
/// redelivery writes the same list again, or nothing. Never fails the routing: the flag is a hint, the alert is the duty.
/// </summary>
public sealed class DuplicateFlagging(ReportStore reports, AlertStore alerts, TimeProvider clock, ILogger<DuplicateFlagging> logger)
{
    public async Task FlagAsync(Report report, AreaDirectory area, IReadOnlyList<string> stationIds, CancellationToken ct)
    {
        if (report.PointCode is null || stationIds.Count == 0)
        {
            return;
        }

        try
        {
            var recent = new List<Report>();
            // The range's upper end is exclusive: one tick past the report takes reports of the very same instant.
            await foreach (var r in reports.ListBetweenAsync(report.AreaId, report.SubmittedAt - DuplicateRules.Window, report.SubmittedAt.AddTicks(1), ct))
            {
                recent.Add(r);
            }

            var found = DuplicateRules.Candidates(report, recent, area);
            if (found.Count == 0)
            {
                return;
            }

            var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
            await alerts.UpdateAllAsync(report.AreaId, key, stationIds, all =>
                [.. all.Where(a => !a.PossibleDuplicates.SequenceEqual(found)).Select(a => a with { PossibleDuplicates = found })], ct);
            logger.LogInformation("Report {TrackingCode} may repeat {Count} earlier reports", report.TrackingCode, found.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not look for duplicates of report {TrackingCode} at {Time}", report.TrackingCode, clock.GetUtcNow());
        }
    }
}
