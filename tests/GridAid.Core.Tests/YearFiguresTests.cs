using GridAid.Core.Figures;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class YearFiguresTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static Report Make(ReportKind kind, DateTimeOffset at, ReportStatus status = ReportStatus.Routed, double? ackMinutes = null, bool escalated = false)
    {
        var timeline = new List<TimelineEntry> { new(at, ReportStatus.Received), new(at.AddSeconds(1), ReportStatus.Routed) };
        if (escalated)
        {
            timeline.Add(new TimelineEntry(at.AddMinutes(2), ReportStatus.Routed, Note: TimelineNotes.Escalated));
        }

        if (ackMinutes is { } m)
        {
            timeline.Add(new TimelineEntry(at.AddMinutes(m), ReportStatus.Acknowledged, "a"));
        }

        return new Report { AreaId = "taishan", TrackingCode = TrackingCode.Random(), Kind = kind, SubmittedAt = at, Status = status, Timeline = timeline };
    }

    [Fact]
    public void Counts_people_found_items_returned_and_months_in_local_time()
    {
        // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in China: it belongs to next year.
        var reports = new[]
        {
            Make(ReportKind.LostPerson, new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero), ReportStatus.Resolved, ackMinutes: 1),
            Make(ReportKind.LostPerson, new DateTimeOffset(2026, 5, 2, 2, 0, 0, TimeSpan.Zero), ReportStatus.Routed, escalated: true),
            Make(ReportKind.LostItem, new DateTimeOffset(2026, 10, 3, 2, 0, 0, TimeSpan.Zero), ReportStatus.Resolved, ackMinutes: 10),
            Make(ReportKind.FoundItem, new DateTimeOffset(2026, 10, 4, 2, 0, 0, TimeSpan.Zero), ReportStatus.Closed, ackMinutes: 4),
            Make(ReportKind.Hazard, new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero)),
        };

        var f = YearFigures.Compute(2026, reports, China);

        Assert.Equal(4, f.Total);
        Assert.Equal(1, f.PeopleFound);
        // The found item was closed unattended (nobody resolved it in 30 days): nothing was returned.
        Assert.Equal(1, f.ItemsReturned);
        Assert.Equal(1, f.Escalated);
        Assert.Equal(2, f.ByKind[ReportKind.LostPerson]);
        Assert.Equal(0, f.ByKind[ReportKind.Hazard]);
        Assert.Equal(2, f.ByMonth[4]);
        Assert.Equal(2, f.ByMonth[9]);
        Assert.Equal(0, f.ByMonth[11]);
        Assert.Equal(4, f.MedianMinutesToAcknowledge);
        Assert.Equal(10, f.P90MinutesToAcknowledge);
        Assert.Equal(1, YearFigures.Compute(2027, reports, China).Total);
    }

    [Fact]
    public void An_empty_year_has_no_acknowledgement_times()
    {
        var f = YearFigures.Compute(2026, [], China);

        Assert.Equal(0, f.Total);
        Assert.Null(f.MedianMinutesToAcknowledge);
        Assert.Equal(12, f.ByMonth.Count);
    }
}
