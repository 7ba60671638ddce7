using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>On a 360 px phone: a station taps a canned reply; the tourist's status page shows it, in the tourist's language.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ReplyPageTests(BrowserFixture fx)
{
    private const string Desk = "ts-lost-found";

    [Theory]
    [InlineData("zh-CN", "我们已收到，正在各站点查找。", "站点回复")]
    [InlineData("en-US", "We have your report and are searching the stations.", "Reply from the station")]
    public async Task A_canned_reply_tapped_at_the_station_shows_on_the_tourists_status_page(string locale, string words, string label)
    {
        var code = await fx.SubmitAsync(new
        {
            kind = "lost_item",
            point = "ts-daimiao-gate",
            description = "灰色保温杯 · grey flask",
            contact = new { phone = "13800138000" },
            lang = locale,
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { category = "other", colour = "灰色" },
        });

        await using var staff = await fx.NewContextAsync(locale);
        var page = await staff.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", Desk);
        await page.FillAsync("#code", "demo-" + Desk);
        await page.ClickAsync("#login button[type=submit]");
        var card = page.Locator($"article[data-code='{code}']");
        await card.WaitForAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });

        // One tap: the button shows the words the reporter will read.
        var tap = page.Locator($"[data-k='{code}:canned:lost-searching']");
        await Assertions.Expect(tap).ToHaveTextAsync(words, new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        await tap.ClickAsync();
        await Assertions.Expect(card.Locator(".replies li.public")).ToContainTextAsync(words, new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        await FormDriver.ScreenshotAsync(page, $"station-canned-reply-360-{locale}", copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        await using var tourist = await fx.NewContextAsync(locale);
        var status = await tourist.NewPageAsync();
        await status.SetViewportSizeAsync(360, 800);
        await status.GotoAsync("/s/" + code);
        await Assertions.Expect(status.Locator("#reply-t")).ToHaveTextAsync(words, new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        await Assertions.Expect(status.Locator("#reply-h")).ToContainTextAsync(label);
        await Assertions.Expect(status.Locator("#tl")).ToContainTextAsync(words);
        // Nothing on the page wider than the phone.
        Assert.True(await status.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the status page scrolls sideways");
        await FormDriver.ScreenshotAsync(status, $"status-reply-360-{locale}", copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(status));
    }

    [Fact]
    public async Task The_admin_adds_a_canned_reply_on_a_phone_and_stations_get_it()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await page.GotoAsync("/admin/replies.html");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#kinds fieldset")).ToHaveCountAsync(7, new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#kinds textarea[lang='en']").First).ToHaveValueAsync("We have your report and are searching the stations.");

        var tips = page.Locator("#kinds fieldset").Nth(6);
        await tips.Locator("button[data-kind='tip']").ClickAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await tips.Locator("textarea[lang='zh-CN']").Last.FillAsync("谢谢，已转给索道公司 " + tag);
        await tips.Locator("textarea[lang='en']").Last.FillAsync("Thank you: passed to the cable-car company " + tag);
        await page.ClickAsync("#csave");
        await Assertions.Expect(page.Locator("#cmsg")).ToHaveTextAsync("Saved", new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the page scrolls sideways");
        await FormDriver.ScreenshotAsync(page, "admin-canned-replies-360-en-US", copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/canned-replies");
        request.Headers.Authorization = new("Bearer", "taishan.ts-lost-found.demo-ts-lost-found");
        using var answer = await fx.Http.SendAsync(request);
        Assert.Contains("passed to the cable-car company " + tag, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
