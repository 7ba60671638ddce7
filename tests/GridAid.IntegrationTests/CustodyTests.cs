using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAid.IntegrationTests;

/// <summary>
/// Found items in custody (docs/custody.md): a desk enters a found bag handed over at its counter (staff-entered, routed
/// like every report, straight into its custody), takes in one a tourist reported, keeps the list nearest deadline first,
/// hands an item to the police or disposes of it with a record, and a hand-over to the owner takes the item out.
/// </summary>
[Collection(SharedGridAid.Name)]
public class CustodyTests(GridAidFixture f)
{
    private const string Hotel = "ts-yuanbao-hotel";
    private const string Desk = "ts-lost-found";

    public static object FoundBag(string point = "ts-yuanbao-hotel", string? storage = "储物柜 3 / locker 3") => new
    {
        kind = "found_item",
        point,
        description = "黑色双肩包，拉链上挂着熊猫挂件，前台有人送来",
        contact = new { name = "李先生", phone = "13700137000" },
        lang = "zh-CN",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { category = "bag", colour = "黑色" },
        custody = storage is null ? null : new { storage },
    };

    private async Task<JsonElement> EnterAsync(string station, object report)
    {
        using var response = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/reports", GridAidFixture.Station(station), report);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {json}");
        return json;
    }

    private async Task<JsonElement[]> CustodyAsync(string station) =>
        (await f.GetJsonAsync($"/api/stations/{station}/custody", GridAidFixture.Station(station))).EnumerateArray().ToArray();

    private static JsonElement Line(IEnumerable<JsonElement> list, string code) => list.Single(i => i.GetProperty("trackingCode").GetString() == code);

    private Task<HttpResponseMessage> ReleaseAsync(string station, string code, object body) =>
        f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/custody/{code}/release", GridAidFixture.Station(station), body);

    private Task<HttpResponseMessage> TakeAsync(string station, string code, object body) =>
        f.SendAsync(HttpMethod.Put, $"/api/stations/{station}/alerts/{code}/custody", GridAidFixture.Station(station), body);

    private async Task<List<(string? Note, string? Station)>> TimelineAsync(string code) =>
        (await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin)).GetProperty("report").GetProperty("timeline").EnumerateArray()
            .Select(t => (t.TryGetProperty("note", out var n) ? n.GetString() : null, t.TryGetProperty("stationId", out var s) ? s.GetString() : null)).ToList();

    [Fact]
    public async Task A_found_bag_entered_at_the_desk_is_marked_routed_like_any_report_to_the_desk_too_and_in_its_custody()
    {
        var entered = await EnterAsync(Hotel, FoundBag());
        var code = entered.GetProperty("trackingCode").GetString()!;
        Assert.Equal(Hotel, entered.GetProperty("enteredBy").GetString());
        Assert.Equal(Hotel, entered.GetProperty("custody").GetProperty("stationId").GetString());

        // The router's stations for the point (the cell's owner, the lost-and-found desk), with the entering station first.
        var alert = (await f.WaitForAlertAsync(Hotel, code)).Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal(Hotel, alert.GetProperty("enteredBy").GetString());
        await f.WaitForAlertAsync(Desk, code);
        var admin = await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin);
        Assert.Equal(Hotel, admin.GetProperty("report").GetProperty("enteredBy").GetString());
        Assert.Equal(Hotel, admin.GetProperty("report").GetProperty("stationIds")[0].GetString());
        Assert.Contains(Desk, admin.GetProperty("report").GetProperty("stationIds").EnumerateArray().Select(s => s.GetString()));
        var timeline = await TimelineAsync(code);
        Assert.Equal(("staff_entered", Hotel), timeline[0]);
        Assert.Single(timeline, t => t.Note == "custody_taken");

        var line = Line(await CustodyAsync(Hotel), code);
        Assert.Equal("储物柜 3 / locker 3", line.GetProperty("storage").GetString());
        Assert.True(line.GetProperty("held").GetBoolean());
        var notice = line.GetProperty("noticeAt").GetDateTimeOffset();
        Assert.Equal(notice.AddYears(1), line.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(notice.AddYears(1).AddDays(-30), line.GetProperty("nextReminderAt").GetDateTimeOffset());
        Assert.Equal(code, Line((await f.GetJsonAsync("/api/admin/custody", GridAidFixture.TaishanAdmin)).EnumerateArray(), code).GetProperty("trackingCode").GetString());

        // The public status page says a station entered it, and never where it is kept.
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Contains(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "staff_entered");
        Assert.DoesNotContain("locker", status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_report_is_validated_like_a_tourists_and_a_found_item_needs_its_storage_place()
    {
        using var noStorage = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Hotel}/reports", GridAidFixture.Station(Hotel), FoundBag(storage: null));
        Assert.Equal(HttpStatusCode.BadRequest, noStorage.StatusCode);
        using var invalid = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Hotel}/reports", GridAidFixture.Station(Hotel), new { kind = "found_item", point = "ts-yuanbao-hotel" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("category", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var otherArea = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Hotel}/reports", GridAidFixture.Station(Hotel), FoundBag(point: "ls-taiqing-gate"));
        Assert.Equal(HttpStatusCode.BadRequest, otherArea.StatusCode);

        // A hazard a caller phones in: routed as any hazard, marked, no custody.
        var hazard = await EnterAsync(Hotel, new
        {
            kind = "hazard", point = "ts-tianjie-arch", description = "电话报告：天街台阶有落石", lang = "zh-CN",
            clientRequestId = GridAidFixture.NewRequestId(), details = new { hazardType = "damaged_path", severity = "high" },
        });
        Assert.False(hazard.TryGetProperty("custody", out _));
        var code = hazard.GetProperty("trackingCode").GetString()!;
        var alert = (await f.WaitForAlertAsync(Hotel, code)).Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal(Hotel, alert.GetProperty("enteredBy").GetString());
        await f.WaitForAlertAsync("ts-tianjie-grid", code);
    }

    [Fact]
    public async Task The_desk_takes_in_a_tourists_found_item_its_list_is_nearest_deadline_first_and_police_and_disposal_are_recorded_once()
    {
        var early = await f.SubmitAsync(FoundBag(point: "ts-daimiao-gate", storage: null));
        var late = await f.SubmitAsync(FoundBag(point: "ts-daimiao-gate", storage: null));
        await f.WaitForAlertAsync(Desk, early);
        await f.WaitForAlertAsync(Desk, late);

        using (var lateIn = await TakeAsync(Desk, late, new { storage = "柜台后 A 格" }))
        {
            Assert.Equal(HttpStatusCode.OK, lateIn.StatusCode);
        }

        using (var earlyIn = await TakeAsync(Desk, early, new { storage = "储物柜 1", noticeAt = DateTimeOffset.UtcNow.AddHours(-20) }))
        {
            Assert.Equal(HttpStatusCode.OK, earlyIn.StatusCode);
        }

        // A station that does not hold the report, and another station once the desk holds it, cannot take it.
        using (var stranger = await TakeAsync("ts-taohuayu-police", early, new { storage = "x" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        }

        var list = (await CustodyAsync(Desk)).Where(i => i.GetProperty("held").GetBoolean()).Select(i => i.GetProperty("deadline").GetDateTimeOffset()).ToList();
        Assert.Equal(list.Order(), list);
        var codes = (await CustodyAsync(Desk)).Select(i => i.GetProperty("trackingCode").GetString()).ToList();
        Assert.True(codes.IndexOf(early) < codes.IndexOf(late));
        var alert = (await f.WaitForAlertAsync(Desk, early)).Single(a => a.GetProperty("trackingCode").GetString() == early);
        Assert.Equal("储物柜 1", alert.GetProperty("custody").GetProperty("storage").GetString());

        using (var notHolder = await ReleaseAsync("ts-daimiao-police", early, new { to = "police" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notHolder.StatusCode);
        }

        using (var noNote = await ReleaseAsync(Desk, late, new { to = "disposed" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        }

        using (var owner = await ReleaseAsync(Desk, late, new { to = "owner" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, owner.StatusCode);
        }

        using (var police = await ReleaseAsync(Desk, early, new { to = "police", note = "岱庙派出所 回执 0042" }))
        {
            Assert.Equal(HttpStatusCode.OK, police.StatusCode);
        }

        using (var again = await ReleaseAsync(Desk, early, new { to = "police", note = "岱庙派出所 回执 0042" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var twice = await ReleaseAsync(Desk, early, new { to = "disposed", note = "销毁" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var disposed = await ReleaseAsync(Desk, late, new { to = "disposed", note = "食品变质，已销毁（两人在场）" }))
        {
            Assert.Equal(HttpStatusCode.OK, disposed.StatusCode);
        }

        var after = await CustodyAsync(Desk);
        var release = Line(after, early).GetProperty("release");
        Assert.Equal(("police", "岱庙派出所 回执 0042", Desk), (release.GetProperty("to").GetString(), release.GetProperty("note").GetString(), release.GetProperty("by").GetString()));
        Assert.False(Line(after, early).GetProperty("held").GetBoolean());
        Assert.Equal("disposed", Line(after, late).GetProperty("release").GetProperty("to").GetString());
        Assert.True(after.ToList().FindIndex(i => i.GetProperty("trackingCode").GetString() == late) < after.ToList().FindIndex(i => i.GetProperty("trackingCode").GetString() == early));
        Assert.Single(await TimelineAsync(early), t => t == ("custody_police", Desk));
        // Gone from the shelf: the report is resolved by the desk, with a word for the finder.
        var status = await f.GetJsonAsync($"/api/reports/{early}?lang=en");
        Assert.Equal("resolved", status.GetProperty("status").GetString());
        Assert.Contains("handed to the police", status.ToString(), StringComparison.Ordinal);
        Assert.Equal("resolved", (await f.GetJsonAsync($"/api/reports/{late}")).GetProperty("status").GetString());
        Assert.Single(await TimelineAsync(late), t => t == ("custody_disposed", Desk));

        using var takeBack = await TakeAsync(Desk, early, new { storage = "储物柜 1" });
        Assert.Equal(HttpStatusCode.Conflict, takeBack.StatusCode);
        using var lostIn = await TakeAsync(Desk, await f.SubmitAsync(GridAidFixture.LostItem("ts-daimiao-gate")), new { storage = "x" });
        Assert.True(lostIn.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict, lostIn.StatusCode.ToString());
    }

    [Fact]
    public async Task Handing_the_bag_to_its_owner_takes_it_out_of_custody()
    {
        var found = (await EnterAsync(Hotel, FoundBag())).GetProperty("trackingCode").GetString()!;
        var lost = await f.SubmitAsync(new
        {
            kind = "lost_item", point = "ts-nantianmen", description = "black backpack, panda charm on the zip", lang = "en",
            contact = new { name = "Ms Wang", phone = "13800138000" }, clientRequestId = GridAidFixture.NewRequestId(),
            details = new { category = "bag", colour = "black", secret = "blue notebook inside" },
        });
        await f.WaitForAlertAsync(Hotel, found);
        await f.WaitForAlertAsync(Desk, lost);

        foreach (var (step, body) in new (string, object)[]
        {
            ("match", new { with = lost }), ("claim-check", new { claim = "Blue notebook inside" }), ("handover", new { claimantName = "Ms Wang", phoneLast4 = "8000" }),
        })
        {
            using var r = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Hotel}/alerts/{found}/{step}", GridAidFixture.Station(Hotel), body);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{step}: {await r.Content.ReadAsStringAsync()}");
        }

        var line = Line(await CustodyAsync(Hotel), found);
        Assert.False(line.GetProperty("held").GetBoolean());
        Assert.Equal(("owner", Hotel), (line.GetProperty("release").GetProperty("to").GetString(), line.GetProperty("release").GetProperty("by").GetString()));
    }
}
