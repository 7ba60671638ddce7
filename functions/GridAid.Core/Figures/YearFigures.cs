using GridAid.Core.Reports;

namespace GridAid.Core.Figures;

/// <summary>
/// An area's year in numbers, the figures the Taishan article counts: people found, items returned, and how fast
/// stations answered. Months are counted in the area's local time.
/// </summary>
public sealed record YearFigures(
    int Year,
    int Total,
    IReadOnlyDictionary<ReportKind, int> ByKind,
    IReadOnlyDictionary<ReportStatus, int> ByStatus,
    IReadOnlyList<int> ByMonth,
    int PeopleFound,
    int ItemsReturned,
    int Escalated,
    double? MedianMinutesToAcknowledge,
    double? P90MinutesToAcknowledge)
{
    public static YearFigures Compute(int year, IEnumerable<Report> reports, TimeSpan utcOffset)
    {
        var inYear = reports.Where(r => r.SubmittedAt.ToOffset(utcOffset).Year == year).ToList();
        var toAck = inYear
            .Select(r => r.Timeline.FirstOrDefault(t => t.Status >= ReportStatus.Acknowledged && t.Note is null)?.At - r.SubmittedAt)
            .OfType<TimeSpan>()
            .Select(t => t.TotalMinutes)
            .Order()
            .ToList();

        return new YearFigures(
            year,
            inYear.Count,
            ReportKinds.All.ToDictionary(k => k, k => inYear.Count(r => r.Kind == k)),
            Enum.GetValues<ReportStatus>().ToDictionary(s => s, s => inYear.Count(r => r.Status == s)),
            Enumerable.Range(1, 12).Select(m => inYear.Count(r => r.SubmittedAt.ToOffset(utcOffset).Month == m)).ToList(),
            inYear.Count(r => r.Kind == ReportKind.LostPerson && r.Status == ReportStatus.Resolved),
            inYear.Count(r => r.Kind is ReportKind.LostItem or ReportKind.FoundItem && r.Status == ReportStatus.Resolved),
            inYear.Count(r => r.Timeline.Any(t => t.Note == TimelineNotes.Escalated)),
            Percentile(toAck, 0.5),
            Percentile(toAck, 0.9));
    }

    /// <summary>Nearest-rank percentile of sorted values, rounded to a tenth of a minute; null when there are none.</summary>
    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}
