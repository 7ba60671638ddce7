using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Text;

namespace GridAid.IntegrationTests;

/// <summary>
/// A third language is files only: a Korean reader (<c>?lang=ko</c> or <c>Accept-Language: ko</c>) gets Korean from
/// <c>web/i18n/*.ko.json</c> on the status page without JavaScript and in a station's problem details, with nothing in
/// the code that knows Korean. The literals below are what the Korean files say, so a key that fell back to English
/// or Chinese fails.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class KoreanTextTests(GridAidFixture f)
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? acceptLanguage, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = GridAidFixture.Station("ts-hongmen-police");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return await f.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("?lang=ko", null)]
    [InlineData("", "ko-KR")]
    public async Task The_status_page_without_javascript_speaks_korean_with_chinese_beside_it(string query, string? acceptLanguage)
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-doumu-palace"));

        using var response = await SendAsync(HttpMethod.Get, "/api/s/" + code + query, acceptLanguage);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"st-h\">보고 상태 <span lang=\"zh-CN\">· 报告进度</span></h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"kind\">분실물</dd>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Texts.Get("ko", "nojs.refreshes", ("s", 30))), html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"zh-CN\">中文</a>", html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"en\">English</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hreflang=\"ko\"", html, StringComparison.Ordinal);
        Assert.Contains("url=/api/s/" + code + "?lang=ko", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_korean_lookup_of_an_unknown_code_says_so_in_korean()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/s/ZZZZ-ZZZZ?lang=ko", null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(Texts.Get("ko", "st.notFound")), html, StringComparison.Ordinal);
        Assert.Contains("name=\"lang\" value=\"ko\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stations_problem_detail_is_titled_in_korean_for_a_korean_reader()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-doumu-palace"));
        await f.WaitForAlertAsync("ts-hongmen-police", code);
        var path = $"/api/stations/ts-hongmen-police/alerts/{code}/transfer";

        // Handed the language by the handler (?lang=), and read from the request when the handler gives none (a 404).
        using var noTarget = await SendAsync(HttpMethod.Post, path + "?lang=ko", null, new { });
        using var unknownTarget = await SendAsync(HttpMethod.Post, path, "ko", new { toStationId = "ts-nowhere" });
        using var chinese = await SendAsync(HttpMethod.Post, path, null, new { toStationId = "ts-nowhere" });
        var a = await noTarget.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknownTarget.Content.ReadFromJsonAsync<JsonElement>();
        var c = await chinese.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.Equal("넘겨받을 사무소를 선택하세요", a.GetProperty("title").GetString());
        Assert.Equal("Choose the station to hand this to", a.GetProperty("titles").GetProperty("en").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownTarget.StatusCode);
        Assert.Equal("이 사무소에 해당 알림이 없거나 대상 사무소가 없습니다", b.GetProperty("title").GetString());
        Assert.Equal("该站点没有这条警报，或目标站点不存在", c.GetProperty("title").GetString());
    }
}
