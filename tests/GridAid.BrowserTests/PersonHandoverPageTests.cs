using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// A child found alone, at 360 px: the parent reports in Chinese and reads the one-time hand-over code on the receipt
/// and on the status page; the hotel's grid member reports the child in English; the summit police post's card of the
/// found child names the parents' report first, and the post checks the parent's code on the lost-person card.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class PersonHandoverPageTests(BrowserFixture fx)
{
    private const string Post = "ts-daiding-police";

    [Fact]
    public async Task A_found_child_reported_in_english_is_the_police_posts_match_of_the_chinese_report_and_the_code_check_works()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];

        // The parent, in Chinese, on their own phone.
        await using var parentContext = await fx.NewContextAsync("zh-CN");
        var parent = await parentContext.NewPageAsync();
        // A point no other browser test reports a lost person from: past three from one point, the flood containment
        // would fold this report into a summary alert, and its card (with the code box) would not be drawn.
        await FormDriver.OpenAsync(parent, "/r/ts-riguan-peak");
        await parent.CheckAsync("#k-lost_person");
        await parent.FillAsync("#d-age", "6");
        await parent.FillAsync("#d-clothing", $"红色外套 蓝裤子 恐龙{tag}水壶");
        await parent.FillAsync("#phone", "13900139000");
        var lost = await FormDriver.SubmitAsync(parent);
        var code = (await parent.Locator("#rc-hc-code").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", code);
        await FormDriver.ScreenshotAsync(parent, "receipt-handover-zh", copyToDocs: false);
        await parent.GotoAsync("/s/" + lost);
        await Assertions.Expect(parent.Locator("#hc-code")).ToHaveTextAsync(code);

        // Another phone with the tracking code sees the status, never the code.
        await using var otherContext = await fx.NewContextAsync("zh-CN");
        var other = await otherContext.NewPageAsync();
        await other.GotoAsync("/s/" + lost);
        await Assertions.Expect(other.Locator("#code")).ToHaveTextAsync(lost);
        await Assertions.Expect(other.Locator("#hc")).ToBeHiddenAsync();
        Assert.DoesNotContain(code, await other.Locator("#main").InnerTextAsync(), StringComparison.Ordinal);

        // The grid member at the hotel, in English.
        var found = await fx.SubmitAsync(new
        {
            kind = "found_person",
            point = "ts-yuanbao-hotel",
            description = "boy crying alone by the path, now at the hotel desk",
            contact = new { phone = "13700137000" },
            lang = "en",
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { ageBand = "3_6", sex = "male", clothing = $"red coat, blue trousers, dinosaur {tag} bottle", whereNow = "with_reporter" },
        });

        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", Post);
        await page.FillAsync("#code", "demo-" + Post);
        await page.ClickAsync("#login button[type=submit]");
        var within = new LocatorAssertionsToContainTextOptions { Timeout = (float)TestTimings.Alert.TotalMilliseconds };
        var card = page.Locator($"article[data-code='{found}']");
        await card.WaitForAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });
        await Assertions.Expect(card.Locator("h2")).ToContainTextAsync("Found person");
        var first = card.Locator(".matches li").First;
        await Assertions.Expect(first).ToContainTextAsync(lost, within);
        await Assertions.Expect(first).ToContainTextAsync("Lost person");
        await Assertions.Expect(first).ToContainTextAsync("same clothes");
        await Assertions.Expect(card.Locator(".matches")).Not.ToContainTextAsync("13900139000");
        // The whole page: the inbox redraws the card when its matches or a poll arrive, so a handle on it may be gone.
        await FormDriver.ScreenshotAsync(page, "station-found-person-en-US", copyToDocs: false);

        // The parent arrives: the post types a wrong code first, then the one on the parent's phone.
        var lostCard = page.Locator($"article[data-code='{lost}']");
        var box = lostCard.Locator(".handover");
        await Assertions.Expect(box).ToBeVisibleAsync();
        await box.Locator("input").FillAsync(code == "000000" ? "111111" : "000000");
        await box.Locator("button").ClickAsync();
        await Assertions.Expect(lostCard.Locator(".handover [role=status]")).ToHaveTextAsync("Wrong code: do not hand over");
        await lostCard.Locator(".handover input").FillAsync(code);
        await lostCard.Locator(".handover button").ClickAsync();
        await Assertions.Expect(lostCard.Locator(".handover [role=status]")).ToHaveTextAsync("The code matches: hand over, then resolve");
        await FormDriver.ScreenshotAsync(page, "station-handover-en-US", copyToDocs: false);

        // Both checks are on the parent's timeline, in Chinese.
        await parent.ReloadAsync();
        await Assertions.Expect(parent.Locator("#tl")).ToContainTextAsync("交接码：一致", within);
        await Assertions.Expect(parent.Locator("#tl")).ToContainTextAsync("不一致");
    }
}
