using System.Net;
using System.Text.Json;
using GridAid.Core.Demo;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Channels;

/// <summary>The second escalation tier on Azurite, with its delays configured short (<see cref="ChannelsFixture"/>).</summary>
[Collection(ChanneledGridAid.Name)]
public class CommandTierTests(ChannelsFixture f)
{
    private const string Command = TaishanDemo.CommandStationId;

    [Fact]
    public async Task Only_a_volunteers_acknowledgement_does_not_stop_the_command_alert_and_the_reporter_is_told_to_call_110()
    {
        var code = await SubmitThenAsync("ts-tianjie-grid", "ack");

        var inbox = await WaitForAlertAsync(Command, code, TestTimings.AfterScheduledCheck(ChannelsFixture.PoliceAcknowledgeWithin));
        var alert = inbox.Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal("command", alert.GetProperty("reason").GetString());
        Assert.True(alert.GetProperty("urgent").GetBoolean());

        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.True(status.GetProperty("callPolice").GetBoolean());
        Assert.Contains(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "command");
        using var page = await f.SendAsync(HttpMethod.Get, $"/api/s/{code}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"call110\"", html);
        Assert.Contains("请立即拨打 110", html);
        Assert.Contains("call the police on 110", html);

        // The search's other stations see the command centre join; a police post's resolve stands it down too, and the advice goes.
        await StepAsync("ts-daiding-police", code, "resolve");

        var closed = (await f.GetJsonAsync($"/api/stations/{Command}/alerts", GridAidFixture.Station(Command))).EnumerateArray().Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal("resolved", closed.GetProperty("status").GetString());
        Assert.False((await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("callPolice").GetBoolean());
    }

    [Fact]
    public async Task A_police_acknowledgement_holds_the_first_check_but_a_report_not_resolved_in_time_still_reaches_the_command_station()
    {
        var code = await SubmitThenAsync("ts-daiding-police", "ack");

        await WaitForAlertAsync(Command, code, TestTimings.AfterScheduledCheck(ChannelsFixture.ResolveWithin));
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        var notes = status.GetProperty("timeline").EnumerateArray().Select(t => t.TryGetProperty("note", out var n) ? n.GetString() : null).ToList();
        Assert.Single(notes, n => n == "command");
        // Reached by the 10-minute rule, not the police one: it came after ResolveWithin.
        var submitted = status.GetProperty("submittedAt").GetDateTimeOffset();
        var commandAt = status.GetProperty("timeline").EnumerateArray().Single(t => t.TryGetProperty("note", out var n) && n.GetString() == "command").GetProperty("at").GetDateTimeOffset();
        Assert.True(commandAt - submitted >= ChannelsFixture.ResolveWithin, $"{commandAt - submitted}");
    }

    [Fact]
    public async Task A_report_resolved_in_time_never_reaches_the_command_station()
    {
        var code = await SubmitThenAsync("ts-daiding-police", "resolve");

        // Both checks come due and find nothing to do.
        await Task.Delay(ChannelsFixture.ResolveWithin + TestTimings.Queues.MaxPollingInterval + (3 * TestTimings.Step));
        var inbox = await f.GetJsonAsync($"/api/stations/{Command}/alerts", GridAidFixture.Station(Command));
        Assert.DoesNotContain(inbox.EnumerateArray(), a => a.GetProperty("trackingCode").GetString() == code);
        Assert.False((await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("callPolice").GetBoolean());
    }

    [Fact]
    public void A_command_alert_goes_out_as_an_escalated_cloud_event_with_its_own_id()
    {
        var alert = new GridAid.Core.Alerts.Alert
        {
            AreaId = "taishan",
            StationId = Command,
            TrackingCode = "K7QM-3XRT",
            Kind = GridAid.Core.Reports.ReportKind.LostPerson,
            Reason = GridAid.Core.Alerts.AlertReason.Command,
            SubmittedAt = DateTimeOffset.UnixEpoch,
            RoutedAt = DateTimeOffset.UnixEpoch.AddMinutes(5),
        };

        var e = GridAid.Infrastructure.Events.EventGridAlertPublisher.ToEvent(alert);

        Assert.Equal(GridAid.Infrastructure.Events.EventGridAlertPublisher.AlertEscalatedType, e.Type);
        Assert.Equal($"K7QM-3XRT:{Command}:command", e.Id);
        Assert.Equal($"stations/{Command}/reports/K7QM-3XRT", e.Subject);
    }

    /// <summary>A lost person at South Heaven Gate, and <paramref name="step"/> by <paramref name="stationId"/> once it has the alert.</summary>
    private async Task<string> SubmitThenAsync(string stationId, string step)
    {
        var code = await f.SubmitLostPersonAsync("ts-nantianmen");
        await WaitForAlertAsync(stationId, code, TestTimings.Alert);
        await StepAsync(stationId, code, step);
        return code;
    }

    private async Task StepAsync(string stationId, string code, string step)
    {
        using var response = await f.SendAsync(HttpMethod.Post, $"/api/stations/{stationId}/alerts/{code}/{step}", GridAidFixture.Station(stationId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<JsonElement[]> WaitForAlertAsync(string stationId, string code, TimeSpan within) =>
        Eventually.Get<JsonElement[]>(async () =>
        {
            var items = (await f.GetJsonAsync($"/api/stations/{stationId}/alerts", GridAidFixture.Station(stationId))).EnumerateArray().ToArray();
            return items.Any(a => a.GetProperty("trackingCode").GetString() == code) ? items : null;
        }, within, $"alert {code} at {stationId}");
}
