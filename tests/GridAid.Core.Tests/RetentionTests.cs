using GridAid.Core.Alerts;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class RetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private static Report Resolved()
    {
        var valid = new ValidReport(ReportKind.LostItem, "ts-nantianmen", null, "黑色背包", new Contact("王女士", "13800138000"), "zh-CN", "req-12345678",
            new Dictionary<string, string> { ["category"] = "bag", ["secret"] = "蓝色笔记本" });
        var routed = ReportLifecycle.Routed(Report.Receive(valid, "taishan", "K7QM-3XRT", T0), ["a"], T0)!;
        return ReportLifecycle.StationStep(routed, "a", ReportStatus.Resolved, T0.AddHours(2))!;
    }

    [Fact]
    public void A_long_wait_is_a_chain_of_waits_of_at_most_seven_days()
    {
        var policy = new RetentionPolicy();

        Assert.Equal(TimeSpan.FromDays(90), policy.KeepResolvedFor);
        Assert.Equal(TimeSpan.FromDays(7), policy.WaitBeforeRedacting(T0, T0));
        Assert.Equal(TimeSpan.FromDays(3), policy.WaitBeforeRedacting(T0, T0.AddDays(87)));
        Assert.Null(policy.WaitBeforeRedacting(T0, T0.AddDays(90)));
    }

    [Fact]
    public void Only_a_resolved_report_has_a_resolution_time()
    {
        var resolved = Resolved();

        Assert.Equal(T0.AddHours(2), RetentionPolicy.ResolvedAt(resolved));
        Assert.Null(RetentionPolicy.ResolvedAt(resolved with { Status = ReportStatus.Routed }));
    }

    [Fact]
    public void Redaction_removes_personal_data_once_and_keeps_what_counts()
    {
        var redacted = Redaction.Apply(Resolved(), T0.AddDays(90))!;

        Assert.Null(redacted.Contact.Phone);
        Assert.Null(redacted.Contact.Name);
        Assert.Empty(redacted.Description);
        Assert.Empty(redacted.Details);
        Assert.Equal(ReportKind.LostItem, redacted.Kind);
        Assert.Equal("ts-nantianmen", redacted.PointCode);
        Assert.Equal(ReportStatus.Resolved, redacted.Status);
        Assert.True(Redaction.IsRedacted(redacted));
        Assert.Null(Redaction.Apply(redacted, T0.AddDays(91)));
    }

    [Fact]
    public void A_redacted_alert_keeps_its_status_and_loses_personal_data()
    {
        var alert = Alert.For(Resolved(), "a", ["a"], "南天门", T0).Redacted();

        Assert.Null(alert.Contact.Phone);
        Assert.Empty(alert.Description);
        Assert.Empty(alert.Details);
        Assert.Equal("K7QM-3XRT", alert.TrackingCode);
    }
}
