using GridAid.Core.Alerts;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class ReportLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static Report Received() => Report.Receive(
        new ValidReport(ReportKind.LostItem, "ts-nantianmen", null, "包", new Contact(null, "13800138000"), "zh-CN", "req-12345678",
            new Dictionary<string, string> { ["category"] = "bag", ["secret"] = "蓝色笔记本" }),
        "taishan", "K7QM-3XRT", T0);

    [Fact]
    public void Routing_moves_received_to_routed_once()
    {
        var routed = ReportLifecycle.Routed(Received(), ["a", "b"], T0.AddSeconds(1));

        Assert.NotNull(routed);
        Assert.Equal(ReportStatus.Routed, routed.Status);
        Assert.Equal([ReportStatus.Received, ReportStatus.Routed], routed.Timeline.Select(t => t.Status));
        Assert.Null(ReportLifecycle.Routed(routed, ["a", "b"], T0.AddSeconds(2)));
    }

    [Fact]
    public void A_late_routing_never_moves_an_acknowledged_report_back()
    {
        var routed = ReportLifecycle.Routed(Received(), ["a"], T0)!;
        var acked = ReportLifecycle.StationStep(routed, "a", ReportStatus.Acknowledged, T0.AddMinutes(1))!;

        Assert.Null(ReportLifecycle.Routed(acked, ["a"], T0.AddMinutes(2)));
    }

    [Fact]
    public void Station_steps_go_forward_only_and_are_recorded_with_the_station()
    {
        var routed = ReportLifecycle.Routed(Received(), ["a", "b"], T0)!;
        var acked = ReportLifecycle.StationStep(routed, "a", ReportStatus.Acknowledged, T0.AddMinutes(1))!;
        var resolved = ReportLifecycle.StationStep(acked, "b", ReportStatus.Resolved, T0.AddMinutes(9))!;

        Assert.Equal(ReportStatus.Resolved, resolved.Status);
        Assert.Equal("b", resolved.Timeline[^1].StationId);
        Assert.Null(ReportLifecycle.StationStep(resolved, "a", ReportStatus.Acknowledged, T0.AddMinutes(10)));
    }

    [Fact]
    public void A_station_the_report_was_not_routed_to_cannot_act_on_it()
    {
        var routed = ReportLifecycle.Routed(Received(), ["a"], T0)!;

        Assert.Throws<InvalidOperationException>(() => ReportLifecycle.StationStep(routed, "z", ReportStatus.Acknowledged, T0));
    }

    [Fact]
    public void Alerts_never_carry_the_owners_secret_detail()
    {
        var alert = Alert.For(Received(), "a", ["a"], "南天门 · South Heaven Gate", T0);

        Assert.Equal("bag", alert.Details["category"]);
        Assert.False(alert.Details.ContainsKey("secret"));
    }

    [Fact]
    public void An_alert_step_is_a_no_op_when_already_taken()
    {
        var alert = Alert.For(Received(), "a", ["a"], null, T0);
        var acked = alert.Step(ReportStatus.Acknowledged, T0.AddMinutes(1))!;

        Assert.Equal(T0.AddMinutes(1), acked.AcknowledgedAt);
        Assert.Null(acked.Step(ReportStatus.Acknowledged, T0.AddMinutes(2)));
        Assert.Equal(T0.AddMinutes(1), acked.Step(ReportStatus.Resolved, T0.AddMinutes(3))!.AcknowledgedAt);
    }
}
