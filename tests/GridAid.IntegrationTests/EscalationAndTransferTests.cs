using System.Net;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>The fixture escalates lost persons and hazards after <see cref="TestTimings.LostPersonEscalation"/> and <see cref="TestTimings.HazardEscalation"/>.</summary>
[Collection(SharedGridAid.Name)]
public class EscalationAndTransferTests(GridAidFixture f)
{
    private static JsonElement AlertFor(JsonElement[] inbox, string code) => inbox.Single(a => a.GetProperty("trackingCode").GetString() == code);

    private static object Hazard(string point, string description) => new
    {
        kind = "hazard",
        point,
        description,
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { hazardType = "damaged_path", severity = "high" },
    };

    [Fact]
    public async Task An_unacknowledged_lost_person_escalates_to_every_other_station_and_says_so()
    {
        var code = await f.SubmitAsync(new
        {
            kind = "lost_person",
            point = "ts-taohuayu-centre",
            contact = new { phone = "13900001111" },
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { age = "78", clothing = "灰色中山装,黑布鞋", relationship = "父亲" },
        });

        var inbox = await f.WaitForAlertAsync("ts-cablecar-grid", code, within: TestTimings.AfterScheduledCheck(TestTimings.LostPersonEscalation));

        Assert.Equal("escalated", AlertFor(inbox, code).GetProperty("reason").GetString());
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Contains(status.GetProperty("stations").EnumerateArray(), s => s.GetProperty("id").GetString() == "ts-cablecar-grid");
        Assert.Contains(f.Events.Events, e => e.Id == $"{code}:ts-cablecar-grid:escalated" && e.Type == "GridAid.Alert.Escalated");
    }

    [Fact]
    public async Task An_acknowledged_hazard_does_not_escalate()
    {
        var code = await f.SubmitAsync(Hazard("ts-shibapan", "台阶松动"));
        await f.WaitForAlertAsync("ts-zhongtianmen-police", code);
        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/ack", GridAidFixture.Station("ts-zhongtianmen-police"));
        ack.EnsureSuccessStatusCode();

        // Past the escalation delay, nobody else has it. The clock is a second hazard at the same point, routed after
        // the first and never acknowledged: its escalation check comes due after the first one's, so once it has
        // escalated, the first report's check (due earlier) has been delivered as well. No fixed sleep that a slow
        // machine could outrun, and no assertion before the delay has passed.
        var clock = await f.SubmitAsync(Hazard("ts-shibapan", "台阶松动(对照)"));
        await f.WaitForAlertAsync("ts-cablecar-grid", clock, within: TestTimings.AfterScheduledCheck(TestTimings.HazardEscalation));

        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Equal(["ts-zhongtianmen-police", "ts-daiding-police"], status.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
        var other = await f.GetJsonAsync("/api/stations/ts-cablecar-grid/alerts", GridAidFixture.Station("ts-cablecar-grid"));
        Assert.DoesNotContain(other.EnumerateArray(), a => a.GetProperty("trackingCode").GetString() == code);
    }

    [Fact]
    public async Task An_unacknowledged_hazard_does_escalate()
    {
        var code = await f.SubmitAsync(new
        {
            kind = "hazard",
            point = "ts-duisong-pavilion",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { hazardType = "fire" },
        });

        var inbox = await f.WaitForAlertAsync("ts-cablecar-grid", code, within: TestTimings.AfterScheduledCheck(TestTimings.HazardEscalation));

        Assert.Equal("escalated", AlertFor(inbox, code).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_station_transfers_a_report_to_another_station_of_its_area()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-doumu-palace"));
        await f.WaitForAlertAsync("ts-hongmen-police", code);

        using var transfer = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer",
            GridAidFixture.Station("ts-hongmen-police"), new { toStationId = "ts-daimiao-police" });
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);

        var target = await f.WaitForAlertAsync("ts-daimiao-police", code);
        Assert.Equal("transferred", AlertFor(target, code).GetProperty("reason").GetString());
        Assert.Equal("ts-hongmen-police", AlertFor(target, code).GetProperty("transferredFrom").GetString());
        var source = await f.WaitForAlertAsync("ts-hongmen-police", code);
        Assert.Equal("ts-daimiao-police", AlertFor(source, code).GetProperty("transferredTo").GetString());
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Contains(status.GetProperty("stations").EnumerateArray(), s => s.GetProperty("id").GetString() == "ts-daimiao-police");
    }

    [Fact]
    public async Task A_transfer_needs_the_owning_station_and_a_real_target()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-wanxian-tower"));
        await f.WaitForAlertAsync("ts-hongmen-police", code);

        using var byOther = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer",
            GridAidFixture.Station("ts-daimiao-police"), new { toStationId = "ts-daimiao-police" });
        using var nowhere = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer",
            GridAidFixture.Station("ts-hongmen-police"), new { toStationId = "ts-atlantis" });
        using var otherArea = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer",
            GridAidFixture.Station("ts-hongmen-police"), new { toStationId = LaoshanTestArea.Station });
        using var empty = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer",
            GridAidFixture.Station("ts-hongmen-police"), new { });

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherArea.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task A_transfer_repeated_is_done_once_and_a_resolved_or_already_shared_report_is_a_conflict()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-hongmen-palace"));
        await f.WaitForAlertAsync("ts-hongmen-police", code);
        var station = GridAidFixture.Station("ts-hongmen-police");

        using var first = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer", station, new { toStationId = "ts-daimiao-police" });
        using var again = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer", station, new { toStationId = "ts-daimiao-police" });
        using var toRouted = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer", station, new { toStationId = "ts-lost-found" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, toRouted.StatusCode);
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Single(status.GetProperty("stations").EnumerateArray(), s => s.GetProperty("id").GetString() == "ts-daimiao-police");
        Assert.Single(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "transferred");

        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/resolve", station);
        resolve.EnsureSuccessStatusCode();
        using var afterResolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-hongmen-police/alerts/{code}/transfer", station, new { toStationId = "ts-tianjie-grid" });
        Assert.Equal(HttpStatusCode.Conflict, afterResolve.StatusCode);
        var grid = await f.GetJsonAsync("/api/stations/ts-tianjie-grid/alerts", GridAidFixture.Station("ts-tianjie-grid"));
        Assert.DoesNotContain(grid.EnumerateArray(), a => a.GetProperty("trackingCode").GetString() == code);
    }
}
