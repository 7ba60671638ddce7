using GridAid.Core.Alerts;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.Core.Tests;

/// <summary>The second escalation tier: the command station hears a lost person no police post took up, or nobody resolved, in time.</summary>
public class CommandTierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();

    private static Report RoutedLostPerson(string point = "ts-nantianmen")
    {
        var valid = new ValidReport(ReportKind.LostPerson, point, null, "6 岁男孩", new Contact("王女士", "13800138000"), "zh-CN", "req-12345678",
            new Dictionary<string, string> { ["age"] = "6", ["clothing"] = "红外套" });
        var received = Report.Receive(valid, "taishan", "K7QM-3XRT", T0);
        return ReportLifecycle.Routed(received, ReportRouter.Route(ReportKind.LostPerson, point, Taishan).StationIds, T0)!;
    }

    private static List<Alert> AlertsOf(Report report) => report.StationIds.Select(id => Alert.For(report, id, report.StationIds, null, T0)).ToList();

    [Fact]
    public void The_demo_has_one_command_station_outside_every_cell_and_the_first_tier_skips_it()
    {
        var command = EscalationPolicy.CommandStation(Taishan);

        Assert.Equal(TaishanDemo.CommandStationId, command?.Id);
        Assert.Single(Taishan.Stations, s => s.Command);
        Assert.DoesNotContain(Taishan.Cells, c => c.StationIds.Contains(TaishanDemo.CommandStationId));
        Assert.DoesNotContain(EscalationPolicy.Targets(RoutedLostPerson(), Taishan), s => s.Id == TaishanDemo.CommandStationId);
    }

    [Fact]
    public void Only_a_lost_person_has_command_checks_at_the_configured_delays()
    {
        var policy = new EscalationPolicy { PoliceAcknowledgeWithin = TimeSpan.FromSeconds(7), ResolveWithin = TimeSpan.FromSeconds(11) };

        Assert.Equal([(CommandReason.NoPoliceAcknowledgement, TimeSpan.FromSeconds(7)), (CommandReason.Unresolved, TimeSpan.FromSeconds(11))],
            policy.CommandChecksFor(ReportKind.LostPerson));
        Assert.Empty(policy.CommandChecksFor(ReportKind.Hazard));
        Assert.Equal(TimeSpan.FromMinutes(5), new EscalationPolicy().PoliceAcknowledgeWithin);
        Assert.Equal(TimeSpan.FromMinutes(10), new EscalationPolicy().ResolveWithin);
    }

    [Fact]
    public void A_volunteers_acknowledgement_does_not_stop_the_police_tier_a_police_posts_does()
    {
        var report = RoutedLostPerson();
        var alerts = AlertsOf(report);
        var volunteer = alerts.Select(a => a.StationId == "ts-tianjie-grid" ? a.Step(ReportStatus.Acknowledged, T0.AddSeconds(20))! : a).ToList();
        var police = alerts.Select(a => a.StationId == "ts-daiding-police" ? a.Step(ReportStatus.Acknowledged, T0.AddSeconds(20))! : a).ToList();
        var acked = ReportLifecycle.StationStep(report, "ts-tianjie-grid", ReportStatus.Acknowledged, T0.AddSeconds(20))!;

        Assert.True(EscalationPolicy.CommandDue(acked, volunteer, Taishan, CommandReason.NoPoliceAcknowledgement));
        Assert.False(EscalationPolicy.CommandDue(acked, police, Taishan, CommandReason.NoPoliceAcknowledgement));
        // Not resolved in time: the command station hears it even though a police post acknowledged.
        Assert.True(EscalationPolicy.CommandDue(acked, police, Taishan, CommandReason.Unresolved));
    }

    [Fact]
    public void The_command_station_joins_once_with_the_reason_on_the_timeline_and_never_after_a_resolve()
    {
        var report = RoutedLostPerson();

        var commanded = ReportLifecycle.CommandAlerted(report, TaishanDemo.CommandStationId, EscalationPolicy.NoteFor(CommandReason.NoPoliceAcknowledgement), T0.AddMinutes(5))!;

        Assert.Equal(TaishanDemo.CommandStationId, commanded.StationIds[^1]);
        Assert.Equal("command:no_police_ack", commanded.Timeline[^1].Note);
        Assert.Equal(TaishanDemo.CommandStationId, commanded.Timeline[^1].StationId);
        Assert.True(EscalationPolicy.IsCommandAlerted(commanded));
        Assert.False(EscalationPolicy.CommandDue(commanded, AlertsOf(commanded), Taishan, CommandReason.Unresolved));
        Assert.Null(ReportLifecycle.CommandAlerted(commanded, TaishanDemo.CommandStationId, EscalationPolicy.NoteFor(CommandReason.Unresolved), T0.AddMinutes(10)));

        var resolved = ReportLifecycle.StationStep(report, "ts-daiding-police", ReportStatus.Resolved, T0.AddMinutes(4))!;
        Assert.False(EscalationPolicy.CommandDue(resolved, AlertsOf(resolved), Taishan, CommandReason.Unresolved));
        Assert.Null(ReportLifecycle.CommandAlerted(resolved, TaishanDemo.CommandStationId, "command:unresolved", T0.AddMinutes(10)));
    }

    [Fact]
    public void A_command_alert_is_its_own_step_in_the_shared_search()
    {
        var report = RoutedLostPerson();
        var alerts = AlertsOf(report).Append(Alert.For(report, TaishanDemo.CommandStationId, report.StationIds, null, T0.AddMinutes(5), AlertReason.Command));

        var steps = SharedSearch.Timeline(alerts);

        Assert.Contains(steps, s => s.Step == SearchSteps.Command && s.StationId == TaishanDemo.CommandStationId);
    }

    [Fact]
    public void Only_one_station_of_an_area_may_be_its_command_station()
    {
        var (_, taken) = DirectoryRules.Station(Taishan, "ts-second-command", new StationInput(new("第二指挥", "Second command"), "grid_office", null, true));
        var (kept, errors) = DirectoryRules.Station(Taishan, TaishanDemo.CommandStationId, new StationInput(new("指挥中心", "Command"), "grid_office", null, true));

        Assert.Contains(taken.All, e => e.Field == "command" && e.Code == "command_taken");
        Assert.True(errors.IsValid);
        Assert.True(kept!.Command);
    }
}
