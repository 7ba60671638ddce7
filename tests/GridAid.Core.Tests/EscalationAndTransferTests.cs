using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.Core.Tests;

public class EscalationAndTransferTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();

    private static Report RoutedLostPerson(string point)
    {
        var valid = new ValidReport(ReportKind.LostPerson, point, null, string.Empty, new Contact(null, "13800138000"), "zh-CN", "req-12345678",
            new Dictionary<string, string> { ["age"] = "6", ["clothing"] = "红外套" });
        var received = Report.Receive(valid, "taishan", "K7QM-3XRT", T0);
        return ReportLifecycle.Routed(received, ReportRouter.Route(ReportKind.LostPerson, point, Taishan).StationIds, T0)!;
    }

    [Fact]
    public void Only_urgent_kinds_escalate_lost_persons_soonest()
    {
        var policy = new EscalationPolicy();

        Assert.Equal(TimeSpan.FromMinutes(2), policy.DelayFor(ReportKind.LostPerson));
        Assert.True(policy.DelayFor(ReportKind.Hazard) > policy.DelayFor(ReportKind.LostPerson));
        Assert.Null(policy.DelayFor(ReportKind.LostItem));
        Assert.Null(policy.DelayFor(ReportKind.Tip));
    }

    [Fact]
    public void An_unanswered_lost_person_is_widened_to_every_other_station_but_the_lost_and_found_desk()
    {
        var report = RoutedLostPerson("ts-taohuayu-centre");
        var targets = EscalationPolicy.Targets(report, Taishan).Select(s => s.Id).ToList();

        var escalated = ReportLifecycle.Escalated(report, targets, T0.AddMinutes(2))!;

        Assert.Contains("ts-cablecar-grid", targets);
        Assert.DoesNotContain("ts-lost-found", targets);
        Assert.All(report.StationIds, id => Assert.DoesNotContain(id, targets));
        Assert.Equal(TimelineNotes.Escalated, escalated.Timeline[^1].Note);
        Assert.Equal(ReportStatus.Routed, escalated.Status);
        Assert.Null(ReportLifecycle.Escalated(escalated, EscalationPolicy.Targets(escalated, Taishan).Select(s => s.Id).ToList(), T0.AddMinutes(3)));
    }

    [Fact]
    public void An_acknowledged_report_does_not_escalate()
    {
        var report = RoutedLostPerson("ts-taohuayu-centre");
        var acked = ReportLifecycle.StationStep(report, report.StationIds[0], ReportStatus.Acknowledged, T0.AddSeconds(30))!;

        Assert.Null(ReportLifecycle.Escalated(acked, ["ts-cablecar-grid"], T0.AddMinutes(2)));
    }

    [Fact]
    public void A_transfer_adds_the_station_once_and_records_who_handed_it_over()
    {
        var report = RoutedLostPerson("ts-taohuayu-centre");

        var moved = ReportLifecycle.Transferred(report, "ts-taohuayu-police", "ts-lost-found", T0.AddMinutes(5))!;

        Assert.Contains("ts-lost-found", moved.StationIds);
        Assert.Equal("ts-taohuayu-police", moved.Timeline[^1].StationId);
        Assert.Equal(TimelineNotes.TransferredTo + "ts-lost-found", moved.Timeline[^1].Note);
        Assert.Null(ReportLifecycle.Transferred(moved, "ts-taohuayu-police", "ts-lost-found", T0.AddMinutes(6)));
        Assert.Throws<InvalidOperationException>(() => ReportLifecycle.Transferred(report, "ts-lost-found", "ts-daimiao-police", T0));
    }
}
