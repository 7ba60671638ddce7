using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.Core.Tests;

public class LostPersonFloodTests
{
    private static readonly LostPersonFloodPolicy Policy = new() { AlertsPerPoint = 3, Window = TimeSpan.FromMinutes(10) };

    [Fact]
    public void The_first_reports_alert_the_next_summarises_and_the_rest_collapse()
    {
        Assert.Equal(
            [FloodRole.Alerted, FloodRole.Alerted, FloodRole.Alerted, FloodRole.Summary, FloodRole.Collapsed, FloodRole.Collapsed],
            Enumerable.Range(1, 6).Select(n => Policy.RoleOf(n)));
        Assert.Equal([0L, 0L, 0L, 0L, 1L, 2L], Enumerable.Range(1, 6).Select(n => Policy.MoreAfterSummary(n)));
    }

    [Fact]
    public void Windows_are_fixed_so_a_redelivery_finds_the_same_one()
    {
        var at = new DateTimeOffset(2026, 5, 1, 9, 47, 12, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 1, 40, 0, TimeSpan.Zero), Policy.WindowOf(at));
        Assert.Equal(Policy.WindowOf(at), Policy.WindowOf(at.AddMinutes(2)));
        Assert.NotEqual(Policy.WindowOf(at), Policy.WindowOf(at.AddMinutes(3)));
    }

    [Fact]
    public void Counts_on_a_summary_only_grow()
    {
        var alert = Alert("B");
        var five = FloodContainment.WithMoreReports(alert, 5)!;

        Assert.Equal(5, FloodContainment.MoreReports(five));
        Assert.Null(FloodContainment.WithMoreReports(five, 5));
        Assert.Null(FloodContainment.WithMoreReports(five, 3));
        Assert.Equal(7, FloodContainment.MoreReports(FloodContainment.WithMoreReports(five, 7)!));
        Assert.Equal("B", five.Details["clothing"]);
        Assert.Equal("0", FloodContainment.WithMoreReports(alert, 0)!.Details[FloodContainment.MoreReportsDetail]);
    }

    [Fact]
    public void A_flagged_report_is_routed_once_with_the_flag_on_its_routed_step()
    {
        var now = DateTimeOffset.UtcNow;
        var report = Report.Receive(
            new ValidReport(ReportKind.LostPerson, "ts-zhongtianmen", null, "", new Contact(null, "13800138000"), "zh-CN", null, new Dictionary<string, string>()),
            "taishan", "ABCD-EFGH", now);

        var routed = FloodContainment.RoutedAndFlagged(report, ["ts-daiding-police"], now)!;

        Assert.True(FloodContainment.IsFlagged(routed));
        Assert.Equal(ReportStatus.Routed, routed.Status);
        Assert.Equal([ReportStatus.Received, ReportStatus.Routed], routed.Timeline.Select(t => t.Status));
        Assert.Equal(FloodContainment.FlaggedNote, routed.Timeline[^1].Note);
        Assert.Null(FloodContainment.RoutedAndFlagged(routed, ["ts-daiding-police"], now));
        Assert.False(FloodContainment.IsFlagged(ReportLifecycle.Routed(report, ["ts-daiding-police"], now)!));
    }

    [Fact]
    public void Reports_without_a_known_point_share_one_bucket()
    {
        var directory = Demo.TaishanDemo.Seed.ToDirectory();

        Assert.Equal("ts-zhongtianmen", FloodContainment.BucketOf(ReportRouter.Route(ReportKind.LostPerson, "ts-zhongtianmen", directory)));
        Assert.Equal(FloodContainment.NoPoint, FloodContainment.BucketOf(ReportRouter.Route(ReportKind.LostPerson, "no-such-point", directory)));
        Assert.Equal(FloodContainment.NoPoint, FloodContainment.BucketOf(ReportRouter.Route(ReportKind.LostPerson, null, directory)));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 0)]
    public void Settings_that_page_nobody_or_never_start_a_window_are_refused(int alertsPerPoint, int windowMinutes)
    {
        var policy = new LostPersonFloodPolicy { AlertsPerPoint = alertsPerPoint, Window = TimeSpan.FromMinutes(windowMinutes) };

        Assert.Throws<InvalidOperationException>(policy.Validate);
    }

    private static Alert Alert(string clothing) => new()
    {
        AreaId = "taishan",
        StationId = "ts-daiding-police",
        TrackingCode = "ABCD-EFGH",
        Kind = ReportKind.LostPerson,
        Details = new Dictionary<string, string> { ["clothing"] = clothing },
        SubmittedAt = DateTimeOffset.UtcNow,
        RoutedAt = DateTimeOffset.UtcNow,
    };
}
