using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

[Collection(SharedGridAid.Name)]
public class ReportFlowTests(GridAidFixture f)
{
    [Fact]
    public async Task A_lost_item_reaches_the_owning_station_the_admin_list_and_shows_routed()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-nantianmen"));

        var inbox = await f.WaitForAlertAsync("ts-daiding-police", code);
        var alert = inbox.Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal("lost_item", alert.GetProperty("kind").GetString());
        Assert.Equal("13800138000", alert.GetProperty("contact").GetProperty("phone").GetString());
        Assert.False(alert.GetProperty("details").TryGetProperty("secret", out _));
        await f.WaitForAlertAsync("ts-lost-found", code);

        var status = await f.WaitForStatusAsync(code, "routed");
        var stations = status!.Value.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["ts-daiding-police", "ts-lost-found"], stations);
        Assert.Equal("南天门", status.Value.GetProperty("point").GetProperty("name").GetProperty("zh").GetString());
        Assert.Equal(["received", "routed"], status.Value.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()));

        var admin = await f.GetJsonAsync("/api/admin/reports?kind=lost_item&pageSize=500", GridAidFixture.TaishanAdmin);
        Assert.Contains(admin.GetProperty("items").EnumerateArray(), r => r.GetProperty("trackingCode").GetString() == code);
    }

    [Fact]
    public async Task The_status_page_never_shows_contact_data_or_details()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem());

        using var response = await f.Http.GetAsync($"/api/reports/{code}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("王女士", text, StringComparison.Ordinal);
        Assert.DoesNotContain("笔记本", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_person_reaches_every_target_station_and_is_published_as_events()
    {
        var code = await f.SubmitAsync(new
        {
            kind = "lost_person",
            point = "ts-yuanbao-hotel",
            contact = new { phone = "+86 139 0000 1111" },
            lang = "en",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { age = "6", clothing = "red coat, white sneakers", relationship = "son" },
        });

        foreach (var station in new[] { "ts-tianjie-grid", "ts-yuanbao-hotel", "ts-daiding-police", "ts-hongmen-police", "ts-taohuayu-police" })
        {
            var inbox = await f.WaitForAlertAsync(station, code);
            Assert.True(inbox.Single(a => a.GetProperty("trackingCode").GetString() == code).GetProperty("urgent").GetBoolean());
        }

        var events = await Eventually.Get(async () =>
        {
            await Task.Yield();
            // Routed events only: the fixture escalates an unanswered lost person after 1 s, which adds escalated ones.
            var mine = f.Events.Events.Where(e => e.Subject?.EndsWith("/reports/" + code, StringComparison.Ordinal) == true && e.Type == "GridAid.Alert.Routed").ToList();
            return mine.Count >= 5 ? mine : null;
        }, TestTimings.Alert, "alert events");
        Assert.Contains(events, e => e.Id == $"{code}:ts-yuanbao-hotel:routed");
        Assert.DoesNotContain("139", events[0].Data!.ToString(), StringComparison.Ordinal);
        using var data = System.Text.Json.JsonDocument.Parse(events[0].Data!.ToString());
        Assert.Equal(code, data.RootElement.GetProperty("trackingCode").GetString());
        Assert.True(data.RootElement.GetProperty("urgent").GetBoolean());
        Assert.Equal("lost_person", data.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_repeated_client_request_id_returns_the_same_code_and_creates_nothing_new()
    {
        var requestId = GridAidFixture.NewRequestId();
        var first = await f.SubmitAsync(GridAidFixture.LostItem("ts-bixia-temple", requestId));
        var second = await f.SubmitAsync(GridAidFixture.LostItem("ts-bixia-temple", requestId));
        await f.WaitForAlertAsync("ts-tianjie-grid", first);
        var third = await f.SubmitAsync(GridAidFixture.LostItem("ts-bixia-temple", requestId));

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        var admin = await f.GetJsonAsync("/api/admin/reports?pageSize=500", GridAidFixture.TaishanAdmin);
        Assert.Single(admin.GetProperty("items").EnumerateArray(), r => r.GetProperty("clientRequestId").GetString() == requestId);
        var inbox = await f.WaitForAlertAsync("ts-tianjie-grid", first);
        Assert.Single(inbox, a => a.GetProperty("trackingCode").GetString() == first);
    }

    [Fact]
    public async Task A_report_at_an_unknown_point_is_kept_and_goes_to_the_default_station()
    {
        var code = await f.SubmitAsync(new
        {
            kind = "tip",
            point = "ts-not-a-real-place",
            description = "有人在索道排队处吸烟",
            clientRequestId = GridAidFixture.NewRequestId(),
        });

        await f.WaitForAlertAsync("ts-daiding-police", code);
    }

    [Fact]
    public async Task Invalid_input_gets_400_problem_details_with_field_errors_in_the_readers_language()
    {
        using var response = await f.SendAsync(HttpMethod.Post, "/api/reports", body: new
        {
            kind = "lost_person",
            point = "ts-nantianmen",
            lang = "en",
            contact = new { phone = "12345" },
            details = new { age = "300", clothing = "blue" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("mobile", errors.GetProperty("contact.phone")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("out_of_range", problem.GetProperty("codes").GetProperty("details.age")[0].GetString());
        Assert.False(errors.TryGetProperty("details.clothing", out _));
    }

    [Fact]
    public async Task Unreadable_json_gets_a_bilingual_400()
    {
        using var response = await f.Http.PostAsync("/api/reports", new StringContent("{\"kind\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The request could not be read", problem.GetProperty("titles").GetProperty("en").GetString());
    }

    [Theory]
    [InlineData("/api/reports/ZZZZ-ZZZZ")]
    [InlineData("/api/reports/not-a-code")]
    [InlineData("/api/points/no-such-point")]
    public async Task Unknown_codes_are_404(string url)
    {
        using var response = await f.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Points_list_and_detail_name_the_place_and_its_station()
    {
        var points = await f.GetJsonAsync("/api/points");
        var point = await f.GetJsonAsync("/api/points/ts-zhongtianmen-cablecar");

        Assert.True(points.GetArrayLength() >= 20);
        Assert.Contains(points.EnumerateArray(), p => p.GetProperty("code").GetString() == "ts-nantianmen"
            && p.GetProperty("stationId").GetString() == "ts-daiding-police");
        Assert.Equal("中天门索道站", point.GetProperty("name").GetProperty("zh").GetString());
        Assert.Equal("ts-zhongtianmen-police", point.GetProperty("station").GetProperty("id").GetString());
        Assert.Equal("zhongtianmen", point.GetProperty("gridCell").GetString());
    }

    [Fact]
    public async Task Health_is_200_while_storage_answers()
    {
        using var response = await f.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_status_answer_revalidates_with_an_etag_and_changes_when_the_report_does()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-yuhuangding"));
        await f.WaitForAlertAsync("ts-daiding-police", code);
        await f.WaitForStatusAsync(code, "routed");

        using var first = await f.Http.GetAsync($"/api/reports/{code}");
        var etag = first.Headers.ETag!;
        using var same = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{code}");
        same.Headers.IfNoneMatch.Add(etag);
        using var notModified = await f.Http.SendAsync(same);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/ack", GridAidFixture.Station("ts-daiding-police"));
        ack.EnsureSuccessStatusCode();
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{code}");
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await f.Http.SendAsync(changed);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
    }
}
