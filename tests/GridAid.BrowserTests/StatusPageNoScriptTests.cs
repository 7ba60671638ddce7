using System.Net.Http.Json;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The status page without JavaScript: the no-JS receipt links to the server-rendered page, <c>/s/{code}</c> and its
/// look-up form reach it too, and a resolved report shows the station's closing note in the reader's language.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class StatusPageNoScriptTests(BrowserFixture fx)
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Without_javascript_the_receipt_leads_to_the_status_and_timeline(string locale)
    {
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        await using var context = await fx.NewContextAsync(locale, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/r/" + FormDriver.Point);
        await page.CheckAsync("#k-help");
        await page.FillAsync("#desc", english ? "My mother feels faint at the gate" : "我母亲在门口头晕");
        await page.ClickAsync("#send");
        var code = (await page.Locator("#rc-code").InnerTextAsync()).Trim();
        Assert.Equal("/api/s/" + code, await page.GetAttributeAsync("a.primary", "href"));

        await page.ClickAsync("a.primary");
        await Assertions.Expect(page.Locator("#code")).ToHaveTextAsync(code);
        await Assertions.Expect(page.Locator("#kind")).ToHaveTextAsync(english ? "Need help" : "求助");
        await Assertions.Expect(page.Locator("#tl li").First).ToBeVisibleAsync();
        Assert.Contains(english ? "Received" : "已收到", await page.InnerTextAsync("#tl"), StringComparison.Ordinal);
        Assert.Contains("(UTC+08:00)", await page.InnerTextAsync("#at"), StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", await page.ContentAsync(), StringComparison.Ordinal);

        // The tourist's own link, /s/{code}, works without JavaScript too: it hands over to the server's page.
        await page.GotoAsync("/s/" + code);
        await Assertions.Expect(page.Locator("#code")).ToHaveTextAsync(code);
        await FormDriver.ScreenshotAsync(page, "status-nojs-" + locale, copyToDocs: false);

        // And the look-up box (the server's: /s/ without a code hands over to it as well).
        await page.GotoAsync("/s/");
        await page.Locator("#c").WaitForAsync();
        Assert.EndsWith("/api/s", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#c", code.ToLowerInvariant());
        await page.ClickAsync("form[action='/api/s'] button");
        await Assertions.Expect(page.Locator("#code")).ToHaveTextAsync(code);
    }

    [Fact]
    public async Task A_korean_phone_without_javascript_reads_its_status_in_korean_from_the_files()
    {
        await using var context = await fx.NewContextAsync("ko-KR", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/r/" + FormDriver.Point);
        await page.CheckAsync("#k-help");
        await page.FillAsync("#desc", "어머니가 문 앞에서 어지러워하세요");
        await page.ClickAsync("#send");
        var code = (await page.Locator("#rc-code").InnerTextAsync()).Trim();

        await page.GotoAsync("/s/" + code);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Assertions.Expect(page.Locator("#code")).ToHaveTextAsync(code);
        await Assertions.Expect(page.Locator("#kind")).ToHaveTextAsync("도움 요청");
        await Assertions.Expect(page.Locator("#st-h")).ToHaveTextAsync("보고 상태 · 报告进度");
        Assert.Contains("접수됨", await page.InnerTextAsync("#tl"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("a[hreflang=zh-CN]")).ToHaveTextAsync("中文");
        await FormDriver.ScreenshotAsync(page, "status-nojs-ko-360", copyToDocs: false);
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("en-US", true)]
    [InlineData("zh-CN", false)]
    [InlineData("en-US", false)]
    public async Task A_resolved_report_shows_the_stations_note_in_the_readers_language(string locale, bool javaScript)
    {
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var code = await fx.SubmitAsync(new
        {
            kind = "lost_item",
            point = FormDriver.Point,
            clientRequestId = "note-" + Guid.NewGuid().ToString("N"),
            details = new { category = "wallet" },
        });
        await fx.RoutedReportAsync(code);
        using (var resolve = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{FormDriver.PointStation}/alerts/{code}/resolve"))
        {
            resolve.Headers.Add("X-GridAid-Auth", $"taishan.{FormDriver.PointStation}.demo-{FormDriver.PointStation}");
            resolve.Content = JsonContent.Create(new { note = new { zh = "钱包在岱顶派出所，请带证件领取", en = "Your wallet is at the Summit Police Post: bring an ID" } });
            using var response = await fx.Http.SendAsync(resolve);
            response.EnsureSuccessStatusCode();
        }

        await using var context = await fx.NewContextAsync(locale, javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/s/" + code);
        var note = page.Locator(javaScript ? "#note-t" : "#note p[lang]");
        await Assertions.Expect(note).ToHaveTextAsync(english ? "Your wallet is at the Summit Police Post: bring an ID" : "钱包在岱顶派出所，请带证件领取");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(english ? "Resolved" : "已解决");
        await FormDriver.ScreenshotAsync(page, $"status-note-{(javaScript ? "js" : "nojs")}-{locale}", copyToDocs: false);
    }
}
