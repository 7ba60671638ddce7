using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>
/// Bringing a lost bag and its found one together: a station confirms the pair, checks the claimant's answer against the
/// owner's hidden detail, and records the hand-over, which closes both reports at every station.
/// </summary>
[Collection(SharedGridAid.Name)]
public class MatchHandoverTests(GridAidFixture f)
{
    private const string Desk = "ts-lost-found";

    private static object Lost(string? secret, string point = "ts-nantianmen") => new
    {
        kind = "lost_item",
        point,
        description = "黑色双肩包，拉链上挂着熊猫挂件",
        contact = new { name = "王女士", phone = "13800138000" },
        lang = "zh-CN",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = secret is null ? (object)new { category = "bag", colour = "黑色" } : new { category = "bag", colour = "黑色", secret },
    };

    private static object Found(string point = "ts-zhongtianmen-cablecar") => new
    {
        kind = "found_item",
        point,
        description = "black backpack with a panda charm",
        contact = new { phone = "13900139000" },
        lang = "en",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { category = "bag", colour = "black" },
    };

    /// <summary>A found bag and a lost one, routed; the clerk is the found bag's own station (not the desk, and not holding the lost report).</summary>
    private async Task<(string Lost, string Found, string Clerk)> PairAsync(string? secret = "Panda 徽章")
    {
        var lost = await f.SubmitAsync(Lost(secret));
        var found = await f.SubmitAsync(Found());
        await f.WaitForAlertAsync(Desk, lost);
        await f.WaitForAlertAsync(Desk, found);
        var lostStations = await StationsOfAsync(lost);
        var clerk = (await StationsOfAsync(found)).First(s => s != Desk && !lostStations.Contains(s));
        await f.WaitForAlertAsync(clerk, found);
        return (lost, found, clerk);
    }

    private async Task<List<string>> StationsOfAsync(string code) =>
        (await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin)).GetProperty("report").GetProperty("stationIds")
            .EnumerateArray().Select(s => s.GetString()!).ToList();

    private Task<HttpResponseMessage> PostAsync(string station, string code, string step, object body) =>
        f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{code}/{step}", GridAidFixture.Station(station), body);

    private async Task<JsonElement> OkAsync(string station, string code, string step, object body)
    {
        using var response = await PostAsync(station, code, step, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {json}");
        return json;
    }

    private async Task<(HttpStatusCode Status, string Body)> RefusedAsync(string station, string code, string step, object body)
    {
        using var response = await PostAsync(station, code, step, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> AdminReportAsync(string code) => await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin);

    private static List<string> Notes(JsonElement adminReport) =>
        adminReport.GetProperty("report").GetProperty("timeline").EnumerateArray()
            .Select(t => t.TryGetProperty("note", out var n) ? n.GetString() ?? string.Empty : string.Empty).ToList();

    private async Task<JsonElement> AlertAtAsync(string station, string code) =>
        (await f.GetJsonAsync($"/api/stations/{station}/alerts", GridAidFixture.Station(station))).EnumerateArray().Single(a => a.GetProperty("trackingCode").GetString() == code);

    [Fact]
    public async Task Confirming_links_both_reports_writes_both_timelines_tells_the_owner_where_to_collect_and_a_retry_changes_nothing()
    {
        var (lost, found, clerk) = await PairAsync();
        var body = new { with = lost, where = new { zh = "中天门索道站服务台", en = "Zhongtianmen cable car, service desk" } };

        var pair = await OkAsync(clerk, found, "match", body);
        Assert.Equal(lost, pair.GetProperty("with").GetString());
        Assert.True(pair.GetProperty("claimNeeded").GetBoolean());
        var again = await OkAsync(clerk, found, "match", body);
        Assert.Equal(pair.ToString(), again.ToString());

        foreach (var (code, other) in new[] { (lost, found), (found, lost) })
        {
            var admin = await AdminReportAsync(code);
            Assert.Equal(other, admin.GetProperty("report").GetProperty("match").GetProperty("with").GetString());
            Assert.Equal(clerk, admin.GetProperty("report").GetProperty("match").GetProperty("stationId").GetString());
            Assert.Single(Notes(admin), n => n == "matched_with:" + other);
        }

        // The owner reads where to collect, in both languages, and never the finder's code.
        var status = await f.GetJsonAsync($"/api/reports/{lost}");
        Assert.Equal("中天门索道站服务台", status.GetProperty("collect").GetProperty("where").GetProperty("zh").GetString());
        Assert.Equal("Zhongtianmen cable car, service desk", status.GetProperty("collect").GetProperty("where").GetProperty("en").GetString());
        Assert.Contains(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "matched");
        Assert.DoesNotContain(found, status.ToString(), StringComparison.Ordinal);
        Assert.False((await f.GetJsonAsync($"/api/reports/{found}")).TryGetProperty("collect", out _));

        using var page = await f.SendAsync(HttpMethod.Get, $"/api/s/{lost}?lang=en");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Found: collect it here", html, StringComparison.Ordinal);
        Assert.Contains("Zhongtianmen cable car, service desk", html, StringComparison.Ordinal);
        using var pageZh = await f.SendAsync(HttpMethod.Get, $"/api/s/{lost}?lang=zh-CN");
        Assert.Contains("中天门索道站服务台", await pageZh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Every station holding either report sees the pair, the lost report's stations included.
        foreach (var station in await StationsOfAsync(lost))
        {
            Assert.Equal(found, (await AlertAtAsync(station, lost)).GetProperty("match").GetProperty("with").GetString());
        }

        Assert.Equal(lost, (await AlertAtAsync(Desk, found)).GetProperty("match").GetProperty("with").GetString());
    }

    [Fact]
    public async Task Without_a_where_the_confirming_stations_name_is_where_to_collect()
    {
        var (lost, found, _) = await PairAsync();
        await OkAsync(Desk, lost, "match", new { with = found });

        var where = (await f.GetJsonAsync($"/api/reports/{lost}")).GetProperty("collect").GetProperty("where");
        Assert.Equal("岱庙失物招领处", where.GetProperty("zh").GetString());
        Assert.Equal("Dai Temple Lost & Found Desk", where.GetProperty("en").GetString());
    }

    [Fact]
    public async Task Kinds_that_do_not_pair_closed_reports_unknown_codes_other_areas_and_a_third_report_are_refused()
    {
        var (lost, found, clerk) = await PairAsync();
        var otherLost = await f.SubmitAsync(Lost("红纸"));
        await f.WaitForAlertAsync(Desk, otherLost);

        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(Desk, lost, "match", new { with = otherLost })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(Desk, lost, "match", new { with = lost })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync(Desk, lost, "match", new { with = "ZZZZ-ZZZZ" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedAsync(Desk, lost, "match", new { })).Status);

        var laoshan = await f.SubmitAsync(new
        {
            kind = "found_item", point = LaoshanTestArea.Point, description = "black backpack", lang = "en",
            clientRequestId = GridAidFixture.NewRequestId(), details = new { category = "bag" },
        });
        Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync(Desk, lost, "match", new { with = laoshan })).Status);
        Assert.Equal("No report of this area has that tracking code", await EnglishTitleAsync(Desk, lost, new { with = laoshan }));

        // A station that does not hold the report, and a station acting on another's route.
        Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync("ts-taohuayu-police", lost, "match", new { with = found })).Status);
        using (var wrong = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Desk}/alerts/{lost}/match", GridAidFixture.Station(clerk), new { with = found }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        await OkAsync(clerk, found, "match", new { with = lost });
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(Desk, otherLost, "match", new { with = found })).Status);

        // A closed report takes no match.
        var closedLost = await f.SubmitAsync(Lost(null));
        var spareFound = await f.SubmitAsync(Found());
        await f.WaitForAlertAsync(Desk, closedLost);
        await f.WaitForAlertAsync(Desk, spareFound);
        (await f.SendAsync(HttpMethod.Post, $"/api/stations/{Desk}/alerts/{closedLost}/resolve", GridAidFixture.Station(Desk))).Dispose();
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(Desk, spareFound, "match", new { with = closedLost })).Status);
    }

    private async Task<string> EnglishTitleAsync(string station, string code, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{station}/alerts/{code}/match?lang=en") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = GridAidFixture.Station(station);
        using var response = await f.Http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!;
    }

    [Fact]
    public async Task A_wrong_claim_is_recorded_and_refuses_the_hand_over_the_right_one_lets_it_through_and_it_closes_both_everywhere()
    {
        var (lost, found, clerk) = await PairAsync();
        await OkAsync(clerk, found, "match", new { with = lost });
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(clerk, found, "handover", new { claimantName = "王芳", phoneLast4 = "8000" })).Status);

        var wrong = await OkAsync(clerk, found, "claim-check", new { claim = "koala 徽章" });
        Assert.False(wrong.GetProperty("match").GetBoolean());
        Assert.DoesNotContain("Panda", wrong.ToString(), StringComparison.OrdinalIgnoreCase);
        var (status, body) = await RefusedAsync(clerk, found, "handover", new { claimantName = "王芳", phoneLast4 = "8000" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("暗记", body, StringComparison.Ordinal);
        Assert.Equal("routed", (await f.GetJsonAsync($"/api/reports/{lost}")).GetProperty("status").GetString());

        // Either report of the pair takes a check: the lost report's own station, with the answer in other letters.
        var lostStation = (await StationsOfAsync(lost)).First(s => s != Desk);
        Assert.True((await OkAsync(lostStation, lost, "claim-check", new { claim = "ＰＡＮＤＡ徽章" })).GetProperty("match").GetBoolean());

        foreach (var code in new[] { lost, found })
        {
            var notes = Notes(await AdminReportAsync(code));
            Assert.Single(notes, n => n == "claim_not_matched");
            Assert.Single(notes, n => n == "claim_matched");
            Assert.DoesNotContain("koala", (await AdminReportAsync(code)).GetProperty("report").GetProperty("timeline").ToString(), StringComparison.OrdinalIgnoreCase);
        }

        // Claim checks are staff business: the owner's status shows none of them.
        Assert.DoesNotContain("claim", (await f.GetJsonAsync($"/api/reports/{lost}")).ToString(), StringComparison.Ordinal);

        var handed = await OkAsync(clerk, found, "handover", new { claimantName = "王芳", phoneLast4 = "8000" });
        Assert.True(handed.TryGetProperty("handedOverAt", out _));
        var repeat = await OkAsync(clerk, found, "handover", new { claimantName = "someone else", phoneLast4 = "1111" });
        Assert.Equal(handed.ToString(), repeat.ToString());

        var record = (await AdminReportAsync(lost)).GetProperty("report").GetProperty("handover");
        Assert.Equal("王芳", record.GetProperty("claimantName").GetString());
        Assert.Equal("8000", record.GetProperty("phoneLast4").GetString());
        Assert.Equal(clerk, record.GetProperty("stationId").GetString());
        Assert.False((await AdminReportAsync(found)).GetProperty("report").TryGetProperty("handover", out _));

        foreach (var code in new[] { lost, found })
        {
            Assert.Equal("resolved", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());
            foreach (var station in await StationsOfAsync(code))
            {
                var alert = await AlertAtAsync(station, code);
                Assert.Equal("resolved", alert.GetProperty("status").GetString());
                Assert.Equal(clerk, alert.GetProperty("resolvedBy").GetString());
            }
        }

        var status2 = await f.GetJsonAsync($"/api/reports/{lost}");
        Assert.True(status2.GetProperty("collect").TryGetProperty("handedOverAt", out _));
        Assert.DoesNotContain("王芳", status2.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("8000", status2.ToString(), StringComparison.Ordinal);
        using var page = await f.SendAsync(HttpMethod.Get, $"/api/s/{lost}?lang=en");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Handed over", html, StringComparison.Ordinal);
        Assert.DoesNotContain("王芳", html, StringComparison.Ordinal);

        // A closed pair takes no more checks.
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(clerk, found, "claim-check", new { claim = "panda徽章" })).Status);
    }

    [Fact]
    public async Task Deleting_the_owners_personal_data_clears_the_hand_over_record()
    {
        var (lost, found, clerk) = await PairAsync();
        await OkAsync(clerk, found, "match", new { with = lost });
        await OkAsync(clerk, found, "claim-check", new { claim = "panda 徽章" });
        await OkAsync(clerk, found, "handover", new { claimantName = "王芳", phoneLast4 = "8000" });
        Assert.True((await AdminReportAsync(lost)).GetProperty("report").TryGetProperty("handover", out _));

        using (var redact = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{lost}/redact", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.NoContent, redact.StatusCode);
        }

        var after = await AdminReportAsync(lost);
        Assert.False(after.GetProperty("report").TryGetProperty("handover", out _));
        Assert.DoesNotContain("王芳", after.ToString(), StringComparison.Ordinal);
        Assert.Contains("handed_over", Notes(after));
    }

    [Fact]
    public async Task Without_a_hidden_detail_the_check_says_so_and_the_hand_over_needs_none()
    {
        var (lost, found, clerk) = await PairAsync(secret: null);
        await OkAsync(clerk, found, "match", new { with = lost });
        var check = await OkAsync(clerk, found, "claim-check", new { claim = "anything" });
        Assert.False(check.GetProperty("hasSecret").GetBoolean());
        Assert.False(check.TryGetProperty("match", out _));

        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedAsync(clerk, found, "handover", new { claimantName = "王芳", phoneLast4 = "80" })).Status);
        await OkAsync(clerk, found, "handover", new { claimantName = "王芳", phoneLast4 = "８０００" });
        Assert.Equal("8000", (await AdminReportAsync(lost)).GetProperty("report").GetProperty("handover").GetProperty("phoneLast4").GetString());
    }

    [Fact]
    public async Task Checks_and_hand_overs_need_a_confirmed_pair_and_only_the_admin_reveals_the_detail_audited()
    {
        var (lost, _, _) = await PairAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(Desk, lost, "claim-check", new { claim = "panda 徽章" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync(Desk, lost, "handover", new { claimantName = "王芳", phoneLast4 = "8000" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync("ts-taohuayu-police", lost, "claim-check", new { claim = "panda 徽章" })).Status);

        using var response = await f.SendAsync(HttpMethod.Get, $"/api/admin/reports/{lost}/secret", GridAidFixture.TaishanAdmin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Panda 徽章", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore);

        await Eventually.Get<string>(async () =>
        {
            var audit = (await f.GetJsonAsync("/api/admin/audit?pageSize=50", GridAidFixture.TaishanAdmin)).ToString();
            return audit.Contains(lost, StringComparison.Ordinal) && audit.Contains("RevealClaimSecret", StringComparison.Ordinal) ? audit : null;
        }, TimeSpan.FromSeconds(10), "the reveal in the audit trail");
    }
}
