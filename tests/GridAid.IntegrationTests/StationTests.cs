using System.Net;
using System.Text.Json;

namespace GridAid.IntegrationTests;

[Collection(SharedGridAid.Name)]
public class StationTests(GridAidFixture f)
{
    [Fact]
    public async Task Anonymous_and_wrong_codes_get_401()
    {
        using var anonymous = await f.SendAsync(HttpMethod.Get, "/api/stations/ts-daiding-police/alerts");
        using var wrong = await f.SendAsync(HttpMethod.Get, "/api/stations/ts-daiding-police/alerts", GridAidFixture.Bearer("taishan", "ts-daiding-police", "guess"));
        using var adminAnon = await f.SendAsync(HttpMethod.Get, "/api/admin/reports");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, adminAnon.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Station_A_cannot_read_or_act_on_station_B_alerts()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-hongmen-palace"));
        await f.WaitForAlertAsync("ts-hongmen-police", code);

        using var read = await f.SendAsync(HttpMethod.Get, "/api/stations/ts-hongmen-police/alerts", GridAidFixture.Station("ts-daiding-police"));
        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/ack", GridAidFixture.Station("ts-daiding-police"));
        using var ackOwn = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/ack", GridAidFixture.Station("ts-daiding-police"));
        using var stationAsAdmin = await f.SendAsync(HttpMethod.Get, "/api/admin/reports", GridAidFixture.Station("ts-daiding-police"));

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ackOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stationAsAdmin.StatusCode);
    }

    [Fact]
    public async Task Acknowledge_then_resolve_moves_alert_and_report_and_is_shown_on_the_status_page()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-wudafu-pine"));
        await f.WaitForAlertAsync("ts-zhongtianmen-police", code);
        await f.WaitForStatusAsync(code, "routed");

        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code.ToLowerInvariant()}/ack", GridAidFixture.Station("ts-zhongtianmen-police"));
        using var ackAgain = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/ack", GridAidFixture.Station("ts-zhongtianmen-police"));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ackAgain.StatusCode);
        Assert.Equal("acknowledged", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());

        using var start = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/start", GridAidFixture.Station("ts-zhongtianmen-police"));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/resolve", GridAidFixture.Station("ts-zhongtianmen-police"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);

        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Equal("resolved", status.GetProperty("status").GetString());
        // Status steps only (a redaction note may follow once the test's short retention passes).
        var timeline = status.GetProperty("timeline").EnumerateArray().Where(t => !t.TryGetProperty("note", out _)).ToArray();
        Assert.Equal(["received", "routed", "acknowledged", "in_progress", "resolved"], timeline.Select(t => t.GetProperty("status").GetString()));
        Assert.Equal("中天门派出所", timeline[2].GetProperty("station").GetProperty("zh").GetString());

        var inbox = await f.GetJsonAsync("/api/stations/ts-zhongtianmen-police/alerts", GridAidFixture.Station("ts-zhongtianmen-police"));
        var alert = inbox.EnumerateArray().Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal("resolved", alert.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, alert.GetProperty("acknowledgedAt").ValueKind);
    }

    [Fact]
    public async Task A_resolve_may_carry_a_closing_note_for_the_tourist_and_a_bodiless_one_still_resolves()
    {
        var station = "ts-zhongtianmen-police";
        var withNote = await f.SubmitAsync(GridAidFixture.LostItem("ts-wudafu-pine"));
        var without = await f.SubmitAsync(GridAidFixture.LostItem("ts-wudafu-pine"));
        await f.WaitForAlertAsync(station, withNote);
        await f.WaitForAlertAsync(station, without);

        using var tooLong = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{withNote}/resolve", GridAidFixture.Station(station),
            new { note = new { en = new string('x', 301) } });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("routed", (await f.GetJsonAsync($"/api/reports/{withNote}")).GetProperty("status").GetString());

        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{withNote}/resolve", GridAidFixture.Station(station),
            new { note = new { zh = "  请到中天门派出所领取  ", en = "" } });
        using var bare = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{without}/resolve", GridAidFixture.Station(station));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);

        var status = await f.GetJsonAsync($"/api/reports/{withNote}");
        Assert.Equal("resolved", status.GetProperty("status").GetString());
        var note = status.GetProperty("resolution");
        Assert.Equal("请到中天门派出所领取", note.GetProperty("zh").GetString());
        Assert.False(note.TryGetProperty("en", out _));
        Assert.False((await f.GetJsonAsync($"/api/reports/{without}")).TryGetProperty("resolution", out _));

        using var page = await f.SendAsync(HttpMethod.Get, $"/api/s/{withNote}?lang=en");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<p lang=\"zh-CN\">请到中天门派出所领取</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inbox_lists_newest_first()
    {
        var older = await f.SubmitAsync(GridAidFixture.LostItem("ts-taohuayu-centre"));
        await f.WaitForAlertAsync("ts-taohuayu-police", older);
        var newer = await f.SubmitAsync(GridAidFixture.LostItem("ts-taohuayu-cablecar"));
        var inbox = await f.WaitForAlertAsync("ts-taohuayu-police", newer);

        var codes = inbox.Select(a => a.GetProperty("trackingCode").GetString()).ToList();
        Assert.True(codes.IndexOf(newer) < codes.IndexOf(older));
    }

    [Fact]
    public async Task The_pages_credential_header_works_and_malformed_credentials_are_401_not_errors()
    {
        using var custom = new HttpRequestMessage(HttpMethod.Get, "/api/stations/ts-daiding-police/alerts");
        custom.Headers.Add("X-GridAid-Auth", "taishan.ts-daiding-police.demo-ts-daiding-police");
        using var ok = await f.Http.SendAsync(custom);
        using var slash = await f.SendAsync(HttpMethod.Get, "/api/stations/ts-daiding-police/alerts", GridAidFixture.Bearer("tai/shan", "ts-daiding-police", "x"));
        using var hash = await f.SendAsync(HttpMethod.Get, "/api/admin/reports", GridAidFixture.Bearer("taishan", "ad#min", "x"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, slash.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hash.StatusCode);
    }

    [Fact]
    public async Task A_station_of_another_area_cannot_act_on_a_report_even_naming_a_station_it_was_routed_to()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-doumu-palace"));
        await f.WaitForAlertAsync("ts-hongmen-police", code);
        var laoshan = GridAidFixture.Bearer("laoshan", LaoshanTestArea.Station, "ls-code");

        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/{LaoshanTestArea.Station}/alerts/{code}/ack", laoshan);
        using var transfer = await f.SendAsync(HttpMethod.Post, $"/api/stations/{LaoshanTestArea.Station}/alerts/{code}/transfer", laoshan, new { toStationId = LaoshanTestArea.Station });

        Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, transfer.StatusCode);
        Assert.Equal("routed", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());
    }
}
