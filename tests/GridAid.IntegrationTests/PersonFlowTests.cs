using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAid.IntegrationTests;

/// <summary>
/// A child found alone: the found-person report reaches the cell's police post (not the hotel's grid member who took
/// the child in), is matched to the parents' lost-person report written in the other language, and the hand-over checks
/// the parent's one-time code, which no one but the reporter ever reads.
/// </summary>
[Collection(SharedGridAid.Name)]
public class PersonFlowTests(GridAidFixture f)
{
    private const string Summit = "ts-daiding-police";

    private static object LostChild(string clothing, int age = 6, string point = "ts-nantianmen") => new
    {
        kind = "lost_person",
        point,
        description = "在南天门和我们走散了",
        contact = new { name = "李女士", phone = "13900139000" },
        lang = "zh-CN",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { age = age.ToString(System.Globalization.CultureInfo.InvariantCulture), sex = "male", clothing, personName = "乐乐" },
    };

    private static object FoundChild(string clothing, string point = "ts-yuanbao-hotel") => new
    {
        kind = "found_person",
        point,
        description = "found crying by the path, now at the hotel desk",
        contact = new { phone = "13700137000" },
        lang = "en",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { ageBand = "3_6", sex = "male", clothing, foundPlace = "path outside the hotel", whereNow = "with_reporter" },
    };

    private async Task<(string Code, string? Handover)> SubmitAsync(object report)
    {
        using var response = await f.SendAsync(HttpMethod.Post, "/api/reports", body: report);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (json.GetProperty("trackingCode").GetString()!, json.TryGetProperty("handoverCode", out var h) ? h.GetString() : null);
    }

    [Fact]
    public async Task A_found_child_reaches_the_cells_police_post_only_and_is_urgent()
    {
        var (found, handover) = await SubmitAsync(FoundChild("blue jacket"));
        Assert.Null(handover);

        var inbox = await f.WaitForAlertAsync(Summit, found);
        var alert = inbox.Single(a => a.GetProperty("trackingCode").GetString() == found);
        Assert.True(alert.GetProperty("urgent").GetBoolean());
        var report = await f.GetJsonAsync($"/api/reports/{found}");
        Assert.Equal([Summit], report.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var hotel = await f.GetJsonAsync("/api/stations/ts-yuanbao-hotel/alerts", GridAidFixture.Station("ts-yuanbao-hotel"));
        Assert.DoesNotContain(hotel.EnumerateArray(), a => a.GetProperty("trackingCode").GetString() == found);
    }

    [Fact]
    public async Task The_police_post_sees_the_parents_chinese_report_first_for_an_english_found_child_and_the_reverse()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (lost, _) = await SubmitAsync(LostChild($"红色外套 蓝裤子 恐龙{tag}水壶"));
        var (other, _) = await SubmitAsync(LostChild("绿色外套 黑裤子", age: 9));
        var (found, _) = await SubmitAsync(FoundChild($"red coat, blue trousers, dinosaur {tag} bottle"));
        await f.WaitForAlertAsync(Summit, found);
        await f.WaitForAlertAsync(Summit, lost);
        await f.WaitForAlertAsync(Summit, other);

        var forFound = (await f.GetJsonAsync($"/api/stations/{Summit}/alerts/{found}/matches", GridAidFixture.Station(Summit))).EnumerateArray().ToArray();
        Assert.Equal(lost, forFound[0].GetProperty("trackingCode").GetString());
        Assert.Equal("lost_person", forFound[0].GetProperty("kind").GetString());
        var reasons = forFound[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("age", reasons);
        Assert.Contains("clothing", reasons);
        var text = forFound[0].GetRawText();
        Assert.DoesNotContain("乐乐", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13900139000", text, StringComparison.Ordinal);
        Assert.DoesNotContain(forFound, m => m.GetProperty("kind").GetString() == "found_person");

        var forLost = (await f.GetJsonAsync($"/api/stations/{Summit}/alerts/{lost}/matches", GridAidFixture.Station(Summit))).EnumerateArray().ToArray();
        Assert.Equal(found, forLost[0].GetProperty("trackingCode").GetString());
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_recorded_and_the_right_one_recorded_and_the_code_is_never_shown()
    {
        var (lost, handover) = await SubmitAsync(LostChild("黄色雨衣"));
        Assert.Matches("^[0-9]{6}$", handover!);
        await f.WaitForAlertAsync(Summit, lost);
        var wrong = ((int.Parse(handover!, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/api/stations/{Summit}/alerts/{lost}/handover-code";

        using (var refused = await f.SendAsync(HttpMethod.Post, url, GridAidFixture.Station(Summit), new { code = wrong }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("交接码", problem, StringComparison.Ordinal);
            Assert.Contains("hand-over code", problem, StringComparison.Ordinal);
        }

        using (var volunteer = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-tianjie-grid/alerts/{lost}/handover-code", GridAidFixture.Station("ts-tianjie-grid"), new { code = handover }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, volunteer.StatusCode);
        }

        using (var matched = await f.SendAsync(HttpMethod.Post, url, GridAidFixture.Station(Summit), new { code = " " + handover![..3] + " " + handover[3..] }))
        {
            Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        }

        var status = await f.GetJsonAsync($"/api/reports/{lost}");
        var notes = status.GetProperty("timeline").EnumerateArray().Select(t => t.TryGetProperty("note", out var n) ? n.GetString() : null).ToList();
        Assert.Equal(1, notes.Count(n => n == "handover_refused"));
        Assert.Equal(1, notes.Count(n => n == "handover_matched"));

        // Nowhere but the reporter's receipt: not the status answer, the no-JS status page, the inboxes, the admin's
        // report page, the export or any event.
        using var page = await f.SendAsync(HttpMethod.Get, $"/api/s/{lost}");
        var seen = new List<string>
        {
            status.GetRawText(),
            await page.Content.ReadAsStringAsync(),
            (await f.GetJsonAsync($"/api/stations/{Summit}/alerts", GridAidFixture.Station(Summit))).GetRawText(),
            (await f.GetJsonAsync("/api/stations/ts-tianjie-grid/alerts", GridAidFixture.Station("ts-tianjie-grid"))).GetRawText(),
            (await f.GetJsonAsync($"/api/admin/reports/{lost}", GridAidFixture.TaishanAdmin)).GetRawText(),
        };
        using (var csv = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv", GridAidFixture.TaishanAdmin))
        {
            seen.Add(await csv.Content.ReadAsStringAsync());
        }

        seen.AddRange(f.Events.Events.Where(e => e.Subject?.Contains(lost, StringComparison.Ordinal) == true || e.Id.StartsWith(lost, StringComparison.Ordinal)).Select(e => e.Data?.ToString() ?? string.Empty));
        // Times carry fractions of a second, which may hold any six digits: the code is looked for as a value of its own.
        var alone = new System.Text.RegularExpressions.Regex($"(?<![0-9.]){handover}(?![0-9])");
        Assert.All(seen, s => Assert.DoesNotMatch(alone, s));
        Assert.All(seen, s => Assert.DoesNotContain("pbkdf2", s, StringComparison.Ordinal));
        Assert.Contains(f.Events.Events, e => e.Id.StartsWith(lost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repeat_of_the_same_submission_gets_the_same_code_and_after_ten_wrong_codes_none_is_checked()
    {
        var report = LostChild("白色T恤");
        var (lost, first) = await SubmitAsync(report);
        var (again, second) = await SubmitAsync(report);
        Assert.Equal(lost, again);
        Assert.Equal(first, second);
        await f.WaitForAlertAsync(Summit, lost);
        var url = $"/api/stations/{Summit}/alerts/{lost}/handover-code";
        var wrong = first == "000000" ? "000001" : "000000";

        for (var i = 0; i < GridAid.Core.Security.HandoverCode.MaxWrongCodes; i++)
        {
            using var refused = await f.SendAsync(HttpMethod.Post, url, GridAidFixture.Station(Summit), new { code = wrong });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        using var stopped = await f.SendAsync(HttpMethod.Post, url, GridAidFixture.Station(Summit), new { code = first });
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        using var malformed = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Summit}/alerts/{lost}/handover-code", GridAidFixture.Station(Summit), new { code = "12" });
        Assert.Equal(HttpStatusCode.TooManyRequests, malformed.StatusCode);
    }

    [Fact]
    public async Task A_found_person_has_no_code_to_check_and_a_no_js_receipt_shows_the_code_to_its_own_phone_only()
    {
        var (found, _) = await SubmitAsync(FoundChild("grey hoodie"));
        await f.WaitForAlertAsync(Summit, found);
        using (var none = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Summit}/alerts/{found}/handover-code", GridAidFixture.Station(Summit), new { code = "123456" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        }

        // The no-JS form: the receipt shows the code and leaves it in a cookie for the status pages; another phone sees none.
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "lost_person",
            ["point"] = "ts-nantianmen",
            ["contact.phone"] = "13900139000",
            ["details.age"] = "5",
            ["details.clothing"] = "粉色连衣裙",
            ["clientRequestId"] = GridAidFixture.NewRequestId(),
            ["lang"] = "zh-CN",
        });
        // A client of its own without a cookie jar: each request below carries exactly the cookie it names.
        using var phone = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = f.Http.BaseAddress };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = form };
        post.Headers.Referrer = new Uri(f.Http.BaseAddress!, "/r/ts-nantianmen");
        using var receipt = await phone.SendAsync(post);
        var html = await receipt.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var code = System.Text.RegularExpressions.Regex.Match(html, "id=\"rc-code\">([^<]+)<").Groups[1].Value;
        var handover = System.Text.RegularExpressions.Regex.Match(html, "id=\"hc-code\">([0-9]{6})<").Groups[1].Value;
        Assert.Matches("^[0-9]{6}$", handover);
        var cookie = Assert.Single(receipt.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gridaid-hc-" + code + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/s", cookie, StringComparison.OrdinalIgnoreCase);

        using var mine = new HttpRequestMessage(HttpMethod.Get, $"/api/s/{code}");
        mine.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Contains($"id=\"hc-code\">{handover}<", await (await phone.SendAsync(mine)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"/api/s/{code}");
        forged.Headers.Add("Cookie", $"gridaid-hc-{code}=000000");
        var other = await (await phone.SendAsync(forged)).Content.ReadAsStringAsync();
        Assert.DoesNotContain($">{handover}<", other, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"hc-code\"", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_police_post_confirms_the_pair_the_parent_reads_where_to_go_and_the_hand_over_waits_for_the_code()
    {
        var (lost, handover) = await SubmitAsync(LostChild("蓝色卫衣 黑裤子"));
        var (found, _) = await SubmitAsync(FoundChild("blue hoodie, black trousers"));
        await f.WaitForAlertAsync(Summit, lost);
        await f.WaitForAlertAsync(Summit, found);

        // A grid member may not confirm a person; the police post may.
        using (var volunteer = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-tianjie-grid/alerts/{lost}/match", GridAidFixture.Station("ts-tianjie-grid"), new { with = found }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, volunteer.StatusCode);
        }

        using (var confirmed = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Summit}/alerts/{found}/match", GridAidFixture.Station(Summit), new { with = lost }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        // The parent's status page says where to go, in their language, and never the finder's code.
        var status = await f.GetJsonAsync($"/api/reports/{lost}");
        Assert.Equal("岱顶派出所", status.GetProperty("collect").GetProperty("where").GetProperty("zh").GetString());
        Assert.DoesNotContain(found, status.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "matched_person");
        using (var page = await f.SendAsync(HttpMethod.Get, $"/api/s/{lost}"))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("已找到，请到这里接人", html, StringComparison.Ordinal);
            Assert.Contains("岱顶派出所", html, StringComparison.Ordinal);
        }

        using (var english = await f.SendAsync(HttpMethod.Get, $"/api/s/{lost}?lang=en"))
        {
            Assert.Contains("Found: go here to meet them", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // No hand-over before the parent's code matched; then it resolves both and every station stands down.
        var body = new { claimantName = "李女士", phoneLast4 = "9000" };
        using (var early = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Summit}/alerts/{found}/handover", GridAidFixture.Station(Summit), body))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("交接码", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var matched = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Summit}/alerts/{lost}/handover-code", GridAidFixture.Station(Summit), new { code = handover }))
        {
            Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        }

        using (var done = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Summit}/alerts/{found}/handover", GridAidFixture.Station(Summit), body))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        Assert.Equal("resolved", (await f.GetJsonAsync($"/api/reports/{lost}")).GetProperty("status").GetString());
        Assert.Equal("resolved", (await f.GetJsonAsync($"/api/reports/{found}")).GetProperty("status").GetString());
        var grid = await f.GetJsonAsync("/api/stations/ts-tianjie-grid/alerts", GridAidFixture.Station("ts-tianjie-grid"));
        Assert.Equal("resolved", grid.EnumerateArray().Single(a => a.GetProperty("trackingCode").GetString() == lost).GetProperty("status").GetString());
    }
}
