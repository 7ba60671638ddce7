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
        return ReportLifecycle.StationStep(routed, "a", ReportStatus.Resolved, T0.AddHours(2), new LocalizedNote("王女士请到南天门领取", null))!;
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
    public void An_open_report_is_closed_thirty_days_after_it_was_submitted_with_the_reason_and_only_once()
    {
        var policy = new RetentionPolicy();
        var valid = new ValidReport(ReportKind.LostItem, "ts-nantianmen", null, "黑色背包", new Contact("王女士", "13800138000"), "zh-CN", "req-12345678",
            new Dictionary<string, string>());
        var open = ReportLifecycle.Routed(Report.Receive(valid, "taishan", "K7QM-3XRT", T0), ["a"], T0)!;

        Assert.Equal(TimeSpan.FromDays(30), policy.CloseOpenAfter);
        Assert.Equal(TimeSpan.FromDays(7), policy.WaitBeforeClosing(T0, T0));
        Assert.Equal(TimeSpan.FromDays(2), policy.WaitBeforeClosing(T0, T0.AddDays(28)));
        Assert.Null(policy.WaitBeforeClosing(T0, T0.AddDays(30)));

        var closed = ReportLifecycle.ClosedUnattended(open, T0.AddDays(30))!;
        Assert.Equal(ReportStatus.Closed, closed.Status);
        Assert.Equal(TimelineNotes.ClosedUnattended, closed.Timeline[^1].Note);
        Assert.Null(ReportLifecycle.ClosedUnattended(closed, T0.AddDays(31)));
        Assert.Null(ReportLifecycle.ClosedUnattended(Resolved(), T0.AddDays(31)));

        // From then on the resolved-report deletion rule counts from the closing.
        Assert.Equal(T0.AddDays(30), RetentionPolicy.ResolvedAt(closed));
    }

    [Fact]
    public void An_alert_closes_without_pretending_to_be_acknowledged()
    {
        var alert = Alert.For(Resolved() with { Status = ReportStatus.Routed }, "a", ["a"], null, T0);

        var closed = alert.Closed(T0.AddDays(30))!;

        Assert.Equal(ReportStatus.Closed, closed.Status);
        Assert.Null(closed.AcknowledgedAt);
        Assert.Null(closed.Closed(T0.AddDays(31)));
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
        Assert.NotNull(Resolved().Timeline[^1].Text);
        Assert.All(redacted.Timeline, t => Assert.Null(t.Text));
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
