using System.Net;
using System.Text.Json;
using GridAid.IntegrationTests.Limits;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>One lost person, many stations: each sees the others' parts; a resolve at one police post stands every station down.</summary>
[Collection(SharedGridAid.Name)]
public class SharedSearchTests(GridAidFixture f)
{
    private async Task<(string Code, string[] Stations)> LostPersonAsync(string point)
    {
        var code = await f.SubmitAsync(LimitsFixture.LostPerson(point));
        // The test host escalates an unacknowledged lost person within a second: wait until it has, then for every alert.
        await Eventually.Get<string>(async () =>
            (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("timeline").EnumerateArray().Any(t => t.TryGetProperty("note", out var n) && n.GetString() == "escalated") ? "escalated" : null,
            TestTimings.Alert + TestTimings.Delivery + TestTimings.LostPersonEscalation, $"{code} to be escalated");
        // The first station's alert names every station since (the escalation widened it).
        var first = await Eventually.Get<string[]>(async () =>
        {
            var ids = (await AlertAsync("ts-daiding-police", code)).GetProperty("stationIds").EnumerateArray().Select(s => s.GetString()!).ToArray();
            return ids.Length > 3 ? ids : null;
        }, TestTimings.Alert, "the first alert to name the escalated stations");
        foreach (var station in first)
        {
            await f.WaitForAlertAsync(station, code);
        }

        return (code, first);
    }

    private async Task<JsonElement> AlertAsync(string station, string code) =>
        (await f.GetJsonAsync($"/api/stations/{station}/alerts", GridAidFixture.Station(station))).EnumerateArray()
            .Single(a => a.GetProperty("trackingCode").GetString() == code);

    [Fact]
    public async Task A_resolve_at_one_police_post_closes_every_stations_alert_naming_the_resolver()
    {
        var (code, stations) = await LostPersonAsync("ts-nantianmen");

        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/resolve", GridAidFixture.Station("ts-daiding-police"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);

        foreach (var station in stations)
        {
            var alert = await AlertAsync(station, code);
            Assert.Equal("resolved", alert.GetProperty("status").GetString());
            Assert.Equal("ts-daiding-police", alert.GetProperty("resolvedBy").GetString());
        }

        // The measured case of the issue: the Zhongtianmen post no longer has it as an open alert.
        var zhongtianmen = await f.GetJsonAsync("/api/stations/ts-zhongtianmen-police/alerts", GridAidFixture.Station("ts-zhongtianmen-police"));
        Assert.DoesNotContain(zhongtianmen.EnumerateArray(), a => a.GetProperty("trackingCode").GetString() == code && a.GetProperty("status").GetString() != "resolved");
        Assert.Equal("resolved", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_volunteer_cannot_resolve_a_lost_person_but_marks_found_and_every_station_sees_it()
    {
        var (code, _) = await LostPersonAsync("ts-nantianmen");
        var grid = (await f.GetJsonAsync("/api/stations", GridAidFixture.TaishanAdmin)).EnumerateArray()
            .First(s => s.GetProperty("type").GetString() == "grid_member").GetProperty("id").GetString()!;

        using var refused = await f.SendAsync(HttpMethod.Post, $"/api/stations/{grid}/alerts/{code}/resolve", GridAidFixture.Station(grid));
        using var found = await f.SendAsync(HttpMethod.Post, $"/api/stations/{grid}/alerts/{code}/found", GridAidFixture.Station(grid));
        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/ack", GridAidFixture.Station("ts-zhongtianmen-police"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var post = await AlertAsync("ts-daiding-police", code);
        Assert.Equal("routed", post.GetProperty("status").GetString());
        var peers = post.GetProperty("peers").EnumerateArray().ToDictionary(p => p.GetProperty("stationId").GetString()!);
        Assert.Equal("in_progress", peers[grid].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, peers[grid].GetProperty("foundAt").ValueKind);
        Assert.Equal("acknowledged", peers["ts-zhongtianmen-police"].GetProperty("status").GetString());
        Assert.DoesNotContain("ts-daiding-police", peers.Keys);
        var steps = post.GetProperty("activity").EnumerateArray().Select(s => (s.GetProperty("step").GetString(), s.TryGetProperty("stationId", out var id) ? id.GetString() : null)).ToList();
        Assert.Contains(("found_handing_over", grid), steps);
        Assert.Contains(("acknowledged", "ts-zhongtianmen-police"), steps);
        Assert.Contains(("alerted", "ts-daiding-police"), steps);
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Equal("in_progress", status.GetProperty("status").GetString());
        Assert.Contains(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "found_handing_over");
    }

    [Fact]
    public async Task The_admin_resolves_for_every_station_and_a_lost_item_has_no_found_step()
    {
        var (code, stations) = await LostPersonAsync("ts-zhongtianmen");
        var item = await f.SubmitAsync(GridAidFixture.LostItem("ts-zhongtianmen"));
        await f.WaitForAlertAsync("ts-zhongtianmen-police", item);

        using var asStation = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/resolve", GridAidFixture.Station("ts-daiding-police"));
        using var admin = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/resolve", GridAidFixture.TaishanAdmin);
        using var foundItem = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{item}/found", GridAidFixture.Station("ts-zhongtianmen-police"));

        Assert.Equal(HttpStatusCode.Forbidden, asStation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, foundItem.StatusCode);
        foreach (var station in stations)
        {
            Assert.Equal("admin", (await AlertAsync(station, code)).GetProperty("resolvedBy").GetString());
        }

        Assert.Equal("resolved", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());
    }
}
