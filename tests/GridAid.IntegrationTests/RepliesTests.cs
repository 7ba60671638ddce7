using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>Replies and internal notes, canned replies, transfer reasons, possible duplicates and merging (docs/replies.md).</summary>
[Collection(SharedGridAid.Name)]
public class RepliesTests(GridAidFixture f)
{
    private static readonly string[] TransferTargets = ["ts-lost-found", "ts-taohuayu-police", "ts-yuanbao-hotel"];

    private static JsonElement AlertFor(JsonElement[] inbox, string code) => inbox.Single(a => a.GetProperty("trackingCode").GetString() == code);

    private async Task<string> RoutedStationAsync(string code)
    {
        var status = await f.WaitForStatusAsync(code, "routed");
        return status!.Value.GetProperty("stations")[0].GetProperty("id").GetString()!;
    }

    private async Task<string> TextAsync(string url)
    {
        using var response = await f.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> ReplyAsync(string station, string code, object body) =>
        f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{code}/replies", GridAidFixture.Station(station), body);

    [Fact]
    public async Task A_public_reply_reaches_every_public_view_and_an_internal_note_none()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-wudafu-pine"));
        var station = await RoutedStationAsync(code);
        var events = f.Events.Events.Count;

        var secret = "内部备注-" + Guid.NewGuid().ToString("N")[..8];
        using (var note = await ReplyAsync(station, code, new { text = secret, visibility = "internal" }))
        {
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        }

        using (var reply = await ReplyAsync(station, code, new { text = "已在对松亭找到一个黑色背包 <b>请来认领</b>", visibility = "public" }))
        {
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
            var replies = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replies").EnumerateArray().ToList();
            Assert.Equal(["internal", "public"], replies.Select(r => r.GetProperty("visibility").GetString()));
        }

        // Staff: the alert (every station holding it) and the admin's report page show both, with who wrote them.
        var alert = AlertFor(await f.WaitForAlertAsync(station, code), code);
        var staff = alert.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal(2, staff.Count);
        Assert.All(staff, r => Assert.Equal(station, r.GetProperty("by").GetString()));
        Assert.Equal(secret, staff[0].GetProperty("text").GetProperty("zh").GetString());
        var admin = await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin);
        Assert.Contains(secret, admin.ToString(), StringComparison.Ordinal);

        // Public: the status JSON (the reply with the station's name), the no-JS page in both languages (escaped), Open311.
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        var step = Assert.Single(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "reply");
        Assert.Equal("已在对松亭找到一个黑色背包 <b>请来认领</b>", step.GetProperty("text").GetProperty("zh").GetString());
        Assert.False(step.GetProperty("station").ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain(secret, status.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("internal", status.ToString(), StringComparison.Ordinal);
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            var page = await TextAsync($"/api/s/{code}?lang={lang}");
            Assert.Contains("已在对松亭找到一个黑色背包 &lt;b&gt;请来认领&lt;/b&gt;", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>请来认领", page, StringComparison.Ordinal);
            Assert.Contains(lang == "en" ? "Reply from the station" : "站点回复", page, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        }

        var open311 = await f.GetJsonAsync($"/api/open311/v2/requests/{code}.json?lang=en");
        Assert.StartsWith("已在对松亭找到一个黑色背包 <b>请来认领</b> · ", open311[0].GetProperty("status_notes").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, open311.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await TextAsync($"/api/open311/v2/requests/{code}.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await TextAsync($"/api/open311/v2/requests.json?service_request_id={code}"), StringComparison.Ordinal);

        // Replies publish no event, and no event anywhere names the note's words.
        Assert.DoesNotContain(f.Events.Events.Skip(events), e => e.Id?.StartsWith(code + ":", StringComparison.Ordinal) == true && e.Type != "GridAid.Alert.Routed");
        Assert.DoesNotContain(f.Events.Events, e => e.Data?.ToString().Contains(secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Only_a_station_the_report_reached_replies_and_the_text_is_checked_in_both_languages()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-shengxian-arch"));
        var station = await RoutedStationAsync(code);
        var other = station == "ts-daimiao-police" ? "ts-hongmen-police" : "ts-daimiao-police";

        using var stranger = await ReplyAsync(other, code, new { text = "hello" });
        using var empty = await ReplyAsync(station, code, new { text = "  ", visibility = "public" });
        using var tooLong = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{code}/replies?lang=en", GridAidFixture.Station(station),
            new { text = new string('x', 501) });
        using var badVisibility = await ReplyAsync(station, code, new { text = "ok", visibility = "everyone" });
        using var byAdmin = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/replies", GridAidFixture.TaishanAdmin, new { text = "景区管理处已知悉", visibility = "public" });

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("Use at most 500 characters", problem.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal("too_long", problem.GetProperty("codes").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badVisibility.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        var step = Assert.Single((await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "reply");
        Assert.Equal("景区管理处", step.GetProperty("station").GetProperty("zh").GetString());
    }

    [Fact]
    public async Task The_admin_edits_the_canned_replies_and_one_tap_posts_one_in_the_reporters_language()
    {
        var defaults = await f.GetJsonAsync("/api/admin/canned-replies", GridAidFixture.TaishanAdmin);
        var list = defaults.GetProperty("replies").EnumerateArray()
            .Select(c => new { id = c.GetProperty("id").GetString(), kind = c.GetProperty("kind").GetString(), zh = c.GetProperty("text").GetProperty("zh").GetString(), en = c.GetProperty("text").GetProperty("en").GetString() })
            .Where(c => c.id != "it-canned").ToList();
        Assert.Contains(list, c => c.id == "lost-searching" && c.zh == "我们已收到，正在各站点查找。");

        using (var bad = await f.SendAsync(HttpMethod.Put, "/api/admin/canned-replies?lang=en", GridAidFixture.TaishanAdmin,
            new { replies = new[] { new { id = "x", kind = "lost_item", zh = "好", en = "" } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("This field is required", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("replies[0].en")[0].GetString());
        }

        list.Add(new { id = (string?)"it-canned", kind = (string?)"lost_item", zh = (string?)"请到南天门派出所认领", en = (string?)"Please collect it at the South Heaven Gate police post" });
        using (var put = await f.SendAsync(HttpMethod.Put, "/api/admin/canned-replies", GridAidFixture.TaishanAdmin, new { replies = list }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var audit = await f.GetJsonAsync("/api/admin/audit?pageSize=200", GridAidFixture.TaishanAdmin);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "PutCannedReplies");

        var english = new
        {
            kind = "lost_item",
            point = "ts-riguan-peak",
            description = "Blue umbrella",
            lang = "en",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { category = "other" },
        };
        var code = await f.SubmitAsync(english);
        var station = await RoutedStationAsync(code);
        var seen = await f.GetJsonAsync("/api/canned-replies", GridAidFixture.Station(station));
        Assert.Contains(seen.EnumerateArray(), c => c.GetProperty("id").GetString() == "it-canned");

        using (var tap = await ReplyAsync(station, code, new { cannedId = "it-canned" }))
        {
            Assert.Equal(HttpStatusCode.Created, tap.StatusCode);
        }

        using (var unknown = await ReplyAsync(station, code, new { cannedId = "hazard-thanks" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }

        var step = Assert.Single((await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "reply");
        Assert.Equal("Please collect it at the South Heaven Gate police post", step.GetProperty("text").GetProperty("en").GetString());
        Assert.False(step.GetProperty("text").TryGetProperty("zh", out var zh) && zh.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_transfer_keeps_its_reason_for_the_receiving_station_and_never_shows_it_in_public()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-tiankuang-hall"));
        var station = await RoutedStationAsync(code);
        var holding = (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        var target = TransferTargets.First(s => !holding.Contains(s));
        var reason = "失主在失物招领处等候-" + Guid.NewGuid().ToString("N")[..6];

        using (var transfer = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{code}/transfer", GridAidFixture.Station(station), new { toStationId = target, note = reason }))
        {
            Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        }

        var alert = AlertFor(await f.WaitForAlertAsync(target, code), code);
        Assert.Equal(reason, alert.GetProperty("transferNote").GetString());
        Assert.Contains(reason, (await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin)).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(reason, (await f.GetJsonAsync($"/api/reports/{code}")).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(reason, await TextAsync($"/api/s/{code}"), StringComparison.Ordinal);
        Assert.DoesNotContain(reason, await TextAsync($"/api/open311/v2/requests/{code}.json"), StringComparison.Ordinal);
    }

    /// <summary>Writes a report row as the intake would have, <paramref name="ago"/> in the past (no index rows: nothing routes it).</summary>
    private async Task<string> EarlierReportAsync(ReportKind kind, string point, TimeSpan ago)
    {
        var code = "D" + Guid.NewGuid().ToString("N")[..3].ToUpperInvariant() + "-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var at = DateTimeOffset.UtcNow - ago;
        var report = new Report
        {
            AreaId = "taishan",
            TrackingCode = code,
            Kind = kind,
            PointCode = point,
            Description = "earlier",
            SubmittedAt = at,
            UpdatedAt = at,
            Status = ReportStatus.Routed,
            StationIds = ["ts-daiding-police"],
        };
        await f.Host.Get<StorageClients>().Table(TableNames.Reports).AddEntityAsync(ReportEntity.From(report));
        return code;
    }

    [Fact]
    public async Task A_report_of_the_same_kind_nearby_within_30_minutes_is_flagged_and_not_one_far_away_or_older()
    {
        var neighbour = await EarlierReportAsync(ReportKind.Tip, "ts-bixia-temple", TimeSpan.FromMinutes(29)); // tianjie, next to houshiwu
        var older = await EarlierReportAsync(ReportKind.Tip, "ts-houshiwu-cablecar", TimeSpan.FromMinutes(31));
        var far = await EarlierReportAsync(ReportKind.Tip, "ts-daimiao-gate", TimeSpan.FromMinutes(5));
        var otherKind = await EarlierReportAsync(ReportKind.Hazard, "ts-houshiwu-cablecar", TimeSpan.FromMinutes(5));

        var code = await f.SubmitAsync(new
        {
            kind = "tip",
            point = "ts-houshiwu-cablecar",
            description = "索道站排队太长，建议加开窗口",
            clientRequestId = GridAidFixture.NewRequestId(),
        });
        var station = await RoutedStationAsync(code);
        var flagged = await Eventually.Get<JsonElement?>(async () =>
        {
            var a = AlertFor(await f.WaitForAlertAsync(station, code), code);
            return a.GetProperty("possibleDuplicates").GetArrayLength() > 0 ? a : null;
        }, TestTimings.Alert, "possible duplicates on " + code);
        var codes = flagged!.Value.GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetProperty("trackingCode").GetString()).ToList();
        Assert.Contains(neighbour, codes);
        Assert.DoesNotContain(older, codes);
        Assert.DoesNotContain(far, codes);
        Assert.DoesNotContain(otherKind, codes);
        // The status page knows nothing of it.
        Assert.DoesNotContain(neighbour, (await f.GetJsonAsync($"/api/reports/{code}")).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merged_duplicate_leads_to_the_originals_status_on_every_public_view()
    {
        var original = await f.SubmitAsync(GridAidFixture.LostItem("ts-taohuayu-cablecar"));
        var station = await RoutedStationAsync(original);
        var duplicate = await f.SubmitAsync(GridAidFixture.LostItem("ts-taohuayu-centre"));
        var dupStation = await RoutedStationAsync(duplicate);

        using (var stranger = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daimiao-police/alerts/{duplicate}/merge", GridAidFixture.Station("ts-daimiao-police"), new { into = original }))
        {
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var merge = await f.SendAsync(HttpMethod.Post, $"/api/stations/{dupStation}/alerts/{duplicate}/merge", GridAidFixture.Station(dupStation), new { into = original });
            Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
            Assert.Equal(original, (await merge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mergedInto").GetString());
        }

        using (var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{original}/ack", GridAidFixture.Station(station)))
        {
            ack.EnsureSuccessStatusCode();
        }

        using (var reply = await ReplyAsync(station, original, new { text = "两份报告是同一个包，我们在元宝饭店找到了", visibility = "public" }))
        {
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        }

        using (var onDuplicate = await ReplyAsync(dupStation, duplicate, new { text = "x" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, onDuplicate.StatusCode);
        }

        // Both codes, the same status: JSON, no-JS page, Open311.
        var mine = await f.GetJsonAsync($"/api/reports/{duplicate}");
        var theirs = await f.GetJsonAsync($"/api/reports/{original}");
        Assert.Equal(duplicate, mine.GetProperty("trackingCode").GetString());
        Assert.Equal(original, mine.GetProperty("mergedInto").GetString());
        Assert.Equal("acknowledged", mine.GetProperty("status").GetString());
        Assert.Equal(theirs.GetProperty("timeline").ToString(), mine.GetProperty("timeline").ToString());
        Assert.Contains(theirs.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "merged");
        Assert.DoesNotContain(duplicate, theirs.ToString(), StringComparison.Ordinal);
        var page = await TextAsync($"/api/s/{duplicate}?lang=en");
        Assert.Contains("This report was merged into", page, StringComparison.Ordinal);
        Assert.Contains("两份报告是同一个包", page, StringComparison.Ordinal);
        var open311 = await f.GetJsonAsync($"/api/open311/v2/requests/{duplicate}.json");
        Assert.Equal(duplicate, open311[0].GetProperty("service_request_id").GetString());
        Assert.Equal("open", open311[0].GetProperty("status").GetString());
        Assert.StartsWith("两份报告是同一个包", open311[0].GetProperty("status_notes").GetString(), StringComparison.Ordinal);

        // Both timelines record it; the duplicate's stations stood down; the original's alerts list it.
        var dupAdmin = await f.GetJsonAsync($"/api/admin/reports/{duplicate}", GridAidFixture.TaishanAdmin);
        Assert.Contains($"merged_into", dupAdmin.ToString(), StringComparison.Ordinal);
        var dupAlert = AlertFor(await f.WaitForAlertAsync(dupStation, duplicate), duplicate);
        Assert.Equal(original, dupAlert.GetProperty("mergedInto").GetString());
        Assert.Equal("resolved", dupAlert.GetProperty("status").GetString());
        var origAlert = AlertFor(await f.WaitForAlertAsync(station, original), original);
        Assert.Equal([duplicate], origAlert.GetProperty("merged").EnumerateArray().Select(m => m.GetString()));
        Assert.Single((await f.GetJsonAsync($"/api/admin/reports/{original}", GridAidFixture.TaishanAdmin)).GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("view").TryGetProperty("note", out var n) && n.GetString() == "merged");
    }
}
