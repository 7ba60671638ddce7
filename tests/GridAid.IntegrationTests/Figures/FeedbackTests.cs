using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAid.IntegrationTests.Figures;

/// <summary>Feedback: only once a report is resolved, once per report (a second submit is answered clearly), shown per station, with and without JavaScript.</summary>
[Collection(SharedGridAid.Name)]
public sealed class FeedbackTests(GridAidFixture f)
{
    /// <summary>A tip from the Yuanbao Hotel's point goes to the Heavenly Street grid office (the cell's grid station).</summary>
    private const string Station = "ts-tianjie-grid";

    private async Task<string> RoutedTipAsync()
    {
        var code = await f.SubmitAsync(new { kind = "tip", point = "ts-yuanbao-hotel", description = "fb-" + Guid.NewGuid().ToString("N"), clientRequestId = GridAidFixture.NewRequestId() });
        await f.WaitForAlertAsync(Station, code);
        return code;
    }

    private async Task ResolveAsync(string code)
    {
        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Station}/alerts/{code}/resolve", GridAidFixture.Station(Station));
        resolve.EnsureSuccessStatusCode();
    }

    private static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Feedback_is_taken_once_after_the_report_is_resolved_and_shown_on_the_station_that_resolved_it()
    {
        var code = await RoutedTipAsync();
        var dashboard = $"/api/admin/dashboard?from={Today}&to={Today}&station={Station}";
        var before = (await f.GetJsonAsync(dashboard, GridAidFixture.TaishanAdmin)).GetProperty("feedback").GetProperty("count").GetInt64();

        using var early = await f.SendAsync(HttpMethod.Post, $"/api/reports/{code}/feedback", body: new { stars = 5 });
        var open = await f.GetJsonAsync($"/api/reports/{code}");
        await ResolveAsync(code);
        var asked = await f.GetJsonAsync($"/api/reports/{code}");
        using var noStars = await f.SendAsync(HttpMethod.Post, $"/api/reports/{code}/feedback", body: new { stars = 6 });
        using var first = await f.SendAsync(HttpMethod.Post, $"/api/reports/{code}/feedback", body: new { stars = 4, comment = "  很耐心 " });
        using var second = await f.SendAsync(HttpMethod.Post, $"/api/reports/{code}/feedback", body: new { stars = 1, comment = "changed my mind" });
        var secondBody = await second.Content.ReadFromJsonAsync<JsonElement>();
        var shown = await f.GetJsonAsync($"/api/reports/{code}");
        using var unknown = await f.SendAsync(HttpMethod.Post, "/api/reports/ZZZZ-ZZZZ/feedback", body: new { stars = 3 });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.False(open.GetProperty("askFeedback").GetBoolean());
        Assert.True(asked.GetProperty("askFeedback").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, noStars.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(4, secondBody.GetProperty("stars").GetInt32()); // the first one stays
        Assert.False(shown.GetProperty("askFeedback").GetBoolean());
        Assert.Equal(4, shown.GetProperty("feedback").GetProperty("stars").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var list = await f.GetJsonAsync($"/api/admin/feedback?from={Today}&to={Today}&station={Station}", GridAidFixture.TaishanAdmin);
        var mine = Assert.Single(list.EnumerateArray(), x => x.GetProperty("trackingCode").GetString() == code);
        Assert.Equal((4, "很耐心"), (mine.GetProperty("stars").GetInt32(), mine.GetProperty("comment").GetString()));
        var elsewhere = await f.GetJsonAsync($"/api/admin/feedback?from={Today}&to={Today}&station=ts-daiding-police", GridAidFixture.TaishanAdmin);
        Assert.DoesNotContain(elsewhere.EnumerateArray(), x => x.GetProperty("trackingCode").GetString() == code);
        var after = (await f.GetJsonAsync(dashboard, GridAidFixture.TaishanAdmin)).GetProperty("feedback").GetProperty("count").GetInt64();
        Assert.True(after >= before + 1, $"{before} → {after}");
        using var asStation = await f.SendAsync(HttpMethod.Get, $"/api/admin/feedback?station={Station}", GridAidFixture.Station(Station));
        Assert.Equal(HttpStatusCode.Forbidden, asStation.StatusCode);
    }

    [Fact]
    public async Task The_redaction_of_a_resolved_report_clears_its_feedback_comment_and_keeps_the_stars()
    {
        var code = await RoutedTipAsync();
        await ResolveAsync(code);
        using var given = await f.SendAsync(HttpMethod.Post, $"/api/reports/{code}/feedback", body: new { stars = 5, comment = "王老师帮我找到了，电话 13800138000" });
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        var other = await RoutedTipAsync();
        await ResolveAsync(other);

        using var redact = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.TaishanAdmin);
        using var redactOther = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{other}/redact", GridAidFixture.TaishanAdmin);
        using var late = await f.SendAsync(HttpMethod.Post, $"/api/reports/{other}/feedback", body: new { stars = 2, comment = "李先生 13900139000" });
        using var again = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.TaishanAdmin);

        redact.EnsureSuccessStatusCode();
        redactOther.EnsureSuccessStatusCode();
        again.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        var list = (await f.GetJsonAsync($"/api/admin/feedback?from={Today}&to={Today}&station={Station}", GridAidFixture.TaishanAdmin)).EnumerateArray().ToList();
        var cleared = Assert.Single(list, x => x.GetProperty("trackingCode").GetString() == code);
        var notKept = Assert.Single(list, x => x.GetProperty("trackingCode").GetString() == other);
        Assert.Equal(5, cleared.GetProperty("stars").GetInt32());
        Assert.Equal(2, notKept.GetProperty("stars").GetInt32());
        foreach (var x in new[] { cleared, notKept })
        {
            Assert.True(!x.TryGetProperty("comment", out var c) || c.ValueKind == JsonValueKind.Null, x.ToString());
        }

        var shown = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Equal(5, shown.GetProperty("feedback").GetProperty("stars").GetInt32());
        Assert.DoesNotContain("13800138000", shown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_javascript_the_status_page_asks_once_and_answers_a_second_form_post_clearly()
    {
        var code = await RoutedTipAsync();
        var page = await f.Http.GetStringAsync($"/api/s/{code}?lang=en");
        Assert.DoesNotContain("id=\"fb\"", page, StringComparison.Ordinal);
        Assert.Contains("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        await ResolveAsync(code);

        var resolved = await f.Http.GetStringAsync($"/api/s/{code}?lang=en");
        Assert.Contains($"action=\"/api/s/{code}/feedback\"", resolved, StringComparison.Ordinal);
        Assert.Contains("How well was this handled?", resolved, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", resolved, StringComparison.Ordinal); // no refresh wiping the form

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = f.Http.BaseAddress };
        async Task<HttpResponseMessage> PostAsync(string stars) =>
            await noRedirects.PostAsync($"/api/s/{code}/feedback", new FormUrlEncodedContent(new Dictionary<string, string> { ["stars"] = stars, ["comment"] = "ok", ["lang"] = "en" }));
        using var first = await PostAsync("5");
        using var second = await PostAsync("2");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.EndsWith("feedback=thanks#fb", first.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("feedback=already#fb", second.Headers.Location!.ToString(), StringComparison.Ordinal);
        var thanked = await f.Http.GetStringAsync(first.Headers.Location!.ToString().Split('#')[0]);
        Assert.Contains("Thank you for your feedback!", thanked, StringComparison.Ordinal);
        Assert.Contains("You rated this 5 of 5 stars", thanked, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/api/s/{code}/feedback\"", thanked, StringComparison.Ordinal);
        var chinese = await f.Http.GetStringAsync(second.Headers.Location!.ToString().Split('#')[0].Replace("lang=en", "lang=zh-CN", StringComparison.Ordinal));
        Assert.Contains("这份报告已经评价过了", chinese, StringComparison.Ordinal);
        Assert.Contains("您的评价：5 / 5 星", chinese, StringComparison.Ordinal);
    }
}
