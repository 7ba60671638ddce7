using GridAid.Core.Alerts;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class SharedSearchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Stations = ["ts-daiding-police", "ts-zhongtianmen-police", "ts-yuanbao-hotel"];

    private static List<Alert> Search(ReportKind kind = ReportKind.LostPerson) =>
        Stations.Select(s => new Alert
        {
            AreaId = "taishan",
            StationId = s,
            TrackingCode = "K7QM-3XRT",
            Kind = kind,
            Urgent = kind.IsUrgent(),
            StationIds = Stations,
            SubmittedAt = T0,
            RoutedAt = T0.AddSeconds(1),
        }).ToList();

    private static List<Alert> With(List<Alert> alerts, IReadOnlyList<Alert> changed) =>
        alerts.Select(a => changed.FirstOrDefault(c => c.StationId == a.StationId) ?? a).ToList();

    [Theory]
    [InlineData(StationType.GridMember)]
    [InlineData(StationType.GridOffice)]
    [InlineData(StationType.LostAndFound)]
    public void Only_a_police_post_or_the_admin_resolves_a_lost_person(StationType volunteer)
    {
        Assert.Equal(ActionRefusal.PoliceResolveOnly, SharedSearch.Check(ReportKind.LostPerson, StationAction.Resolve, volunteer));
        Assert.Null(SharedSearch.Check(ReportKind.LostPerson, StationAction.Resolve, StationType.PolicePost));
        Assert.Null(SharedSearch.Check(ReportKind.LostPerson, StationAction.Resolve, null));
        Assert.Null(SharedSearch.Check(ReportKind.LostPerson, StationAction.FoundHandingOver, volunteer));
        Assert.Null(SharedSearch.Check(ReportKind.LostPerson, StationAction.Acknowledge, volunteer));
        Assert.Null(SharedSearch.Check(ReportKind.LostItem, StationAction.Resolve, volunteer));
    }

    [Fact]
    public void Found_handing_over_is_for_lost_persons_only()
    {
        Assert.Equal(ActionRefusal.NotALostPerson, SharedSearch.Check(ReportKind.LostItem, StationAction.FoundHandingOver, StationType.GridMember));
        Assert.Equal(ActionRefusal.NotALostPerson, SharedSearch.Check(ReportKind.Hazard, StationAction.FoundHandingOver, StationType.PolicePost));
    }

    [Fact]
    public void A_resolve_at_one_post_stands_every_station_down_named_by_the_resolver()
    {
        var alerts = Search();
        alerts = With(alerts, SharedSearch.Apply(alerts, "ts-yuanbao-hotel", StationAction.Acknowledge, T0.AddMinutes(1)));

        var changed = SharedSearch.Apply(alerts, "ts-daiding-police", StationAction.Resolve, T0.AddMinutes(3));

        Assert.Equal(3, changed.Count);
        Assert.All(changed, a =>
        {
            Assert.Equal(ReportStatus.Resolved, a.Status);
            Assert.Equal("ts-daiding-police", a.ResolvedBy);
            Assert.Equal(T0.AddMinutes(3), a.ResolvedAt);
        });
        // Only the resolver acknowledged by resolving; the stood-down post never acknowledged; the volunteer's ack stays.
        Assert.Equal(T0.AddMinutes(3), changed.Single(a => a.StationId == "ts-daiding-police").AcknowledgedAt);
        Assert.Null(changed.Single(a => a.StationId == "ts-zhongtianmen-police").AcknowledgedAt);
        Assert.Equal(T0.AddMinutes(1), changed.Single(a => a.StationId == "ts-yuanbao-hotel").AcknowledgedAt);
    }

    [Fact]
    public void Repeating_a_step_changes_nothing_and_a_resolve_never_reopens_or_renames()
    {
        var alerts = Search();
        alerts = With(alerts, SharedSearch.Apply(alerts, "ts-daiding-police", StationAction.Resolve, T0.AddMinutes(3)));

        Assert.Empty(SharedSearch.Apply(alerts, "ts-daiding-police", StationAction.Resolve, T0.AddMinutes(4)));
        Assert.Empty(SharedSearch.Apply(alerts, "ts-zhongtianmen-police", StationAction.Resolve, T0.AddMinutes(4)));
        Assert.Empty(SharedSearch.Apply(alerts, "ts-yuanbao-hotel", StationAction.Acknowledge, T0.AddMinutes(4)));
        Assert.Empty(SharedSearch.Apply(alerts, "ts-yuanbao-hotel", StationAction.FoundHandingOver, T0.AddMinutes(4)));
        Assert.All(alerts, a => Assert.Equal("ts-daiding-police", a.ResolvedBy));
    }

    [Fact]
    public void An_acknowledgement_changes_only_the_acknowledging_station()
    {
        var alerts = Search();

        var changed = SharedSearch.Apply(alerts, "ts-zhongtianmen-police", StationAction.Acknowledge, T0.AddMinutes(1));

        var only = Assert.Single(changed);
        Assert.Equal("ts-zhongtianmen-police", only.StationId);
        Assert.Equal(ReportStatus.Acknowledged, only.Status);
        Assert.Empty(SharedSearch.Apply(alerts, "ts-unknown", StationAction.Acknowledge, T0));
    }

    [Fact]
    public void Found_handing_over_keeps_the_search_open_and_starts_the_finder()
    {
        var alerts = Search();

        var found = Assert.Single(SharedSearch.Apply(alerts, "ts-yuanbao-hotel", StationAction.FoundHandingOver, T0.AddMinutes(2)));

        Assert.Equal(ReportStatus.InProgress, found.Status);
        Assert.True(found.IsOpen);
        Assert.Equal(T0.AddMinutes(2), found.FoundAt);
        Assert.Equal(T0.AddMinutes(2), found.AcknowledgedAt);
        Assert.Empty(SharedSearch.Apply(With(alerts, [found]), "ts-yuanbao-hotel", StationAction.FoundHandingOver, T0.AddMinutes(3)));
    }

    [Fact]
    public void Every_station_sees_each_others_part_and_one_timeline()
    {
        var alerts = Search();
        alerts = With(alerts, SharedSearch.Apply(alerts, "ts-zhongtianmen-police", StationAction.Acknowledge, T0.AddMinutes(1)));
        alerts = With(alerts, SharedSearch.Apply(alerts, "ts-zhongtianmen-police", StationAction.Start, T0.AddMinutes(2)));
        alerts = With(alerts, SharedSearch.Apply(alerts, "ts-yuanbao-hotel", StationAction.FoundHandingOver, T0.AddMinutes(4)));
        alerts = With(alerts, SharedSearch.Apply(alerts, "ts-daiding-police", StationAction.Resolve, T0.AddMinutes(6)));

        var peers = SharedSearch.Peers(alerts);
        var steps = SharedSearch.Timeline(alerts);

        Assert.Equal(Stations.Order(StringComparer.Ordinal), peers.Select(p => p.StationId));
        Assert.Equal(T0.AddMinutes(2), peers.Single(p => p.StationId == "ts-zhongtianmen-police").StartedAt);
        Assert.All(peers, p => Assert.Equal("ts-daiding-police", p.ResolvedBy));
        Assert.Equal(
            [SearchSteps.Alerted, SearchSteps.Alerted, SearchSteps.Alerted, SearchSteps.Acknowledged, SearchSteps.Started, SearchSteps.FoundHandingOver, SearchSteps.Resolved],
            steps.Select(s => s.Step));
        Assert.Equal("ts-daiding-police", steps[^1].By);
    }

    [Fact]
    public void The_admin_resolves_for_everyone_and_the_report_says_so()
    {
        var alerts = Search();

        var changed = SharedSearch.Apply(alerts, SharedSearch.Admin, StationAction.Resolve, T0.AddMinutes(5));

        Assert.Equal(3, changed.Count);
        Assert.All(changed, a => Assert.Equal(SharedSearch.Admin, a.ResolvedBy));
        Assert.All(changed, a => Assert.Null(a.AcknowledgedAt));

        var report = new Report { AreaId = "taishan", TrackingCode = "K7QM-3XRT", Kind = ReportKind.LostPerson, SubmittedAt = T0, Status = ReportStatus.Routed, StationIds = Stations };
        var resolved = ReportLifecycle.ResolvedByAdmin(report, T0.AddMinutes(5))!;
        Assert.Equal(ReportStatus.Resolved, resolved.Status);
        Assert.Equal(TimelineNotes.ResolvedByAdmin, resolved.Timeline[^1].Note);
        Assert.Null(ReportLifecycle.ResolvedByAdmin(resolved, T0.AddMinutes(6)));
    }

    [Fact]
    public void Found_handing_over_moves_the_report_to_in_progress_once_and_never_back()
    {
        var report = new Report { AreaId = "taishan", TrackingCode = "K7QM-3XRT", Kind = ReportKind.LostPerson, SubmittedAt = T0, Status = ReportStatus.Routed, StationIds = Stations };

        var found = ReportLifecycle.FoundHandingOver(report, "ts-yuanbao-hotel", T0.AddMinutes(2))!;

        Assert.Equal(ReportStatus.InProgress, found.Status);
        Assert.Equal(("ts-yuanbao-hotel", TimelineNotes.FoundHandingOver), (found.Timeline[^1].StationId, found.Timeline[^1].Note));
        Assert.Null(ReportLifecycle.FoundHandingOver(found, "ts-yuanbao-hotel", T0.AddMinutes(3)));
        Assert.Null(ReportLifecycle.FoundHandingOver(found with { Status = ReportStatus.Resolved }, "ts-daiding-police", T0.AddMinutes(3)));
        Assert.Throws<InvalidOperationException>(() => ReportLifecycle.FoundHandingOver(report, "ts-elsewhere", T0));
    }

    [Fact]
    public void The_resolver_is_read_from_the_report_so_late_alerts_stand_down_for_the_same_one()
    {
        var report = new Report { AreaId = "taishan", TrackingCode = "K7QM-3XRT", Kind = ReportKind.LostPerson, SubmittedAt = T0, Status = ReportStatus.Routed, StationIds = Stations };
        var byPost = ReportLifecycle.StationStep(report, "ts-daiding-police", ReportStatus.Resolved, T0.AddMinutes(4))!;
        var byAdmin = ReportLifecycle.ResolvedByAdmin(report, T0.AddMinutes(5))!;

        Assert.Null(SharedSearch.ResolutionOf(report));
        Assert.Null(SharedSearch.ResolutionOf(ReportLifecycle.ClosedUnattended(report, T0.AddDays(30))!));
        Assert.Equal(("ts-daiding-police", T0.AddMinutes(4)), SharedSearch.ResolutionOf(byPost));
        Assert.Equal((SharedSearch.Admin, T0.AddMinutes(5)), SharedSearch.ResolutionOf(byAdmin));
        var redacted = Redaction.Apply(byPost, T0.AddDays(90))!;
        Assert.Equal(("ts-daiding-police", T0.AddMinutes(4)), SharedSearch.ResolutionOf(redacted));
    }

    [Fact]
    public void Widening_names_every_station_on_the_earlier_alerts_and_changes_nothing_twice()
    {
        var alerts = Search();
        string[] wider = [.. Stations, "ts-tianjie-grid"];

        var changed = SharedSearch.Widened(alerts, wider);

        Assert.Equal(3, changed.Count);
        Assert.All(changed, a => Assert.Equal(wider, a.StationIds));
        Assert.Empty(SharedSearch.Widened(With(alerts, changed), wider));
        var handedOver = SharedSearch.Widened(With(alerts, changed), wider, a => a.StationId == "ts-yuanbao-hotel" ? a with { TransferredTo = "ts-tianjie-grid" } : a);
        Assert.Equal("ts-yuanbao-hotel", Assert.Single(handedOver).StationId);
    }
}
