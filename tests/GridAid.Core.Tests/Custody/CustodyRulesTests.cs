using GridAid.Core.Custody;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.Core.Tests.Custody;

public class CustodyRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 10, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly CustodyPolicy Policy = new();

    private static Report Found(string code = "AAAA-AAAA", ReportKind kind = ReportKind.FoundItem) => new()
    {
        AreaId = "taishan", TrackingCode = code, Kind = kind, SubmittedAt = Noon, Status = ReportStatus.Routed,
        Details = new Dictionary<string, string> { ["category"] = "bag", ["colour"] = "黑色" }, Description = "黑色双肩包，南天门拾到",
    };

    private static CustodyItem Taken(DateTimeOffset? notice = null, string station = "ts-lost-found") =>
        CustodyRules.Take(null, Found(), "key", station, "储物柜 3 / locker 3", notice, Noon, Policy).Item!;

    [Fact]
    public void The_deadline_is_one_calendar_year_after_the_notice_art_318()
    {
        Assert.Equal(new DateTimeOffset(2027, 10, 1, 4, 0, 0, TimeSpan.Zero), Taken().Deadline);
        var leap = new DateTimeOffset(2028, 2, 29, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2029, 2, 28, 2, 0, 0, TimeSpan.Zero), Policy.DeadlineOf(leap));
    }

    [Fact]
    public void Taking_in_keeps_the_holder_the_storage_place_and_what_the_item_is_and_refuses_what_is_not_a_found_item()
    {
        var item = Taken();
        Assert.Equal(("ts-lost-found", "储物柜 3 / locker 3", Noon, "bag", "黑色"), (item.StationId, item.Storage, item.NoticeAt, item.Category, item.Colour));
        Assert.True(item.IsHeld);
        Assert.Equal(CustodyRefusal.NotFoundItem, CustodyRules.Take(null, Found(kind: ReportKind.LostItem), "k", "s", "x", null, Noon, Policy).Refusal);
        Assert.Equal(CustodyRefusal.StorageInvalid, CustodyRules.Take(null, Found(), "k", "s", "  ", null, Noon, Policy).Refusal);
        Assert.Equal(CustodyRefusal.StorageInvalid, CustodyRules.Take(null, Found(), "k", "s", new string('x', 101), null, Noon, Policy).Refusal);
        Assert.Equal(CustodyRefusal.NoticeInvalid, CustodyRules.Take(null, Found(), "k", "s", "x", Noon.AddDays(3), Noon, Policy).Refusal);
        Assert.Equal(CustodyRefusal.NoticeInvalid, CustodyRules.Take(null, Found(), "k", "s", "x", Noon.AddDays(-30), Noon, Policy).Refusal);
    }

    [Fact]
    public void Only_the_holder_moves_it_a_repeat_changes_nothing_and_a_new_notice_date_moves_the_deadline()
    {
        var item = Taken();
        Assert.Equal(CustodyRefusal.HeldElsewhere, CustodyRules.Take(item, Found(), "key", "ts-daiding-police", "柜台", null, Noon, Policy).Refusal);
        var same = CustodyRules.Take(item, Found(), "key", "ts-lost-found", "储物柜 3 / locker 3", null, Noon, Policy);
        Assert.Null(same.Item);
        Assert.Null(same.Refusal);

        var moved = CustodyRules.Take(item, Found(), "key", "ts-lost-found", "储物柜 5", Noon.AddHours(20), Noon.AddDays(1), Policy).Item!;
        Assert.Equal(("储物柜 5", Noon.AddHours(20).AddYears(1)), (moved.Storage, moved.Deadline));
    }

    [Fact]
    public void Reminders_come_30_and_7_days_before_the_deadline_each_once_and_a_late_look_gives_one()
    {
        var item = Taken();
        var pending = CustodyRules.Pending(item, Policy);
        Assert.Equal([(30, item.Deadline.AddDays(-30)), (7, item.Deadline.AddDays(-7))], pending);

        Assert.Null(CustodyRules.DueReminder(item, item.Deadline.AddDays(-30).AddSeconds(-1), Policy));
        var first = CustodyRules.DueReminder(item, item.Deadline.AddDays(-30), Policy)!.Value;
        Assert.Equal(30, first.DaysBefore);
        Assert.Equal([30], first.Item.RemindersSent);
        Assert.Null(CustodyRules.DueReminder(first.Item, item.Deadline.AddDays(-8), Policy));
        var second = CustodyRules.DueReminder(first.Item, item.Deadline.AddDays(-7), Policy)!.Value;
        Assert.Equal((7, 7), (second.DaysBefore, CustodyRules.LastReminder(second.Item)));
        Assert.Null(CustodyRules.DueReminder(second.Item, item.Deadline.AddDays(1), Policy));

        // Nobody looked for weeks: one reminder, the nearest, and both count as given.
        var late = CustodyRules.DueReminder(item, item.Deadline.AddDays(-2), Policy)!.Value;
        Assert.Equal(7, late.DaysBefore);
        Assert.Equal([30, 7], late.Item.RemindersSent);
    }

    [Fact]
    public void The_test_knobs_shorten_the_year_and_the_day()
    {
        var fast = new CustodyPolicy { Term = TimeSpan.FromSeconds(40), Day = TimeSpan.FromSeconds(1) };
        var item = CustodyRules.Take(null, Found(), "key", "s", "x", null, Noon, fast).Item!;
        Assert.Equal(Noon.AddSeconds(40), item.Deadline);
        Assert.Equal([(30, Noon.AddSeconds(10)), (7, Noon.AddSeconds(33))], CustodyRules.Pending(item, fast));
    }

    [Fact]
    public void Release_is_the_holders_once_a_disposal_says_how_and_nothing_is_due_after()
    {
        var item = Taken();
        var at = Noon.AddDays(40);
        Assert.Equal(CustodyRefusal.NotHolder, CustodyRules.Release(item, "ts-daiding-police", CustodyEnd.Police, null, at).Refusal);
        Assert.Equal(CustodyRefusal.NoteInvalid, CustodyRules.Release(item, "ts-lost-found", CustodyEnd.Disposed, " ", at).Refusal);
        Assert.Equal(CustodyRefusal.NoteInvalid, CustodyRules.Release(item, "ts-lost-found", CustodyEnd.Owner, "x", at).Refusal);

        var police = CustodyRules.Release(item, "ts-lost-found", CustodyEnd.Police, " 回执 0042 ", at).Item!;
        Assert.Equal(new CustodyRelease(CustodyEnd.Police, "回执 0042", "ts-lost-found", at), police.Release);
        Assert.False(police.IsHeld);
        Assert.Empty(CustodyRules.Pending(police, Policy));
        Assert.Null(CustodyRules.DueReminder(police, item.Deadline, Policy));

        var again = CustodyRules.Release(police, "ts-lost-found", CustodyEnd.Police, "回执 0042", at.AddMinutes(1));
        Assert.Equal((null, null), (again.Item, again.Refusal));
        Assert.Equal(CustodyRefusal.Released, CustodyRules.Release(police, "ts-lost-found", CustodyEnd.Disposed, "销毁", at).Refusal);
        Assert.Equal(CustodyRefusal.Released, CustodyRules.Take(police, Found(), "key", "ts-lost-found", "柜台", null, at, Policy).Refusal);
        Assert.Null(CustodyRules.ToOwner(police, "ts-lost-found", at));
        Assert.Equal(CustodyEnd.Owner, CustodyRules.ToOwner(item, "ts-daiding-police", at)!.Release!.To);
    }

    [Fact]
    public void A_list_puts_the_nearest_deadline_first_then_what_left_latest_first()
    {
        var late = Taken(Noon) with { TrackingCode = "LATE-0001" };
        var soon = Taken(Noon.AddDays(-1).AddHours(1)) with { TrackingCode = "SOON-0001" };
        var goneEarly = Taken() with { TrackingCode = "GONE-0001", Release = new CustodyRelease(CustodyEnd.Police, null, "s", Noon.AddDays(1)) };
        var goneLate = Taken() with { TrackingCode = "GONE-0002", Release = new CustodyRelease(CustodyEnd.Owner, null, "s", Noon.AddDays(2)) };
        Assert.Equal(["SOON-0001", "LATE-0001", "GONE-0002", "GONE-0001"],
            CustodyRules.Order([goneEarly, late, goneLate, soon]).Select(i => i.TrackingCode));
    }

    [Fact]
    public void The_timeline_says_each_custody_step_once()
    {
        var report = CustodyTimeline.Noted(Found(), null, "ts-lost-found", Noon)!;
        Assert.Equal(TimelineNotes.CustodyTaken, report.Timeline[^1].Note);
        Assert.Null(CustodyTimeline.Noted(report, null, "ts-lost-found", Noon));
        Assert.Equal(TimelineNotes.CustodyPolice, CustodyTimeline.Noted(report, CustodyEnd.Police, "ts-lost-found", Noon)!.Timeline[^1].Note);
    }

    [Fact]
    public void A_report_a_station_entered_is_marked_and_goes_to_that_station_first()
    {
        var valid = new ValidReport(ReportKind.FoundItem, "ts-nantianmen", "taishan", "黑色背包", new Contact(null, null), "zh-CN", "r1",
            new Dictionary<string, string> { ["category"] = "bag" }) { EnteredBy = "ts-daimiao-desk" };
        var report = Report.Receive(valid, "taishan", "AAAA-AAAA", Noon);
        Assert.Equal("ts-daimiao-desk", report.EnteredBy);
        Assert.Equal(new TimelineEntry(Noon, ReportStatus.Received, "ts-daimiao-desk", TimelineNotes.StaffEntered), report.Timeline.Single());

        var area = Demo.TaishanDemo.Seed.ToDirectory();
        var desk = area.Stations.First(s => s.Id != ReportRouter.Route(ReportKind.FoundItem, "ts-nantianmen", area).Stations[0].Id
            && !ReportRouter.Route(ReportKind.FoundItem, "ts-nantianmen", area).StationIds.Contains(s.Id));
        var routed = ReportRouter.Route(ReportKind.FoundItem, "ts-nantianmen", area, desk.Id);
        Assert.Equal(desk.Id, routed.Stations[0].Id);
        Assert.Equal(ReportRouter.Route(ReportKind.FoundItem, "ts-nantianmen", area).StationIds, routed.StationIds.Skip(1));
        Assert.Equal(ReportRouter.Route(ReportKind.FoundItem, "ts-nantianmen", area).StationIds, ReportRouter.Route(ReportKind.FoundItem, "ts-nantianmen", area, "no-such").StationIds);
    }
}
