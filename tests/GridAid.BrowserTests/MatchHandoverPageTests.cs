using System.Text.Json;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// A found bag handed in at one station, the lost bag reported at another point: the clerk confirms the suggested
/// match, checks the claimant's answer (wrong, then right), records the hand-over, and the tourist's status page says
/// where to collect, then "handed over" — at 360 px, in both languages.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class MatchHandoverPageTests(BrowserFixture fx)
{
    private const string Desk = "ts-lost-found";

    private static float Alert => (float)TestTimings.Alert.TotalMilliseconds;

    [Theory]
    [InlineData("zh-CN", "中天门索道站服务台", "不一致", "一致", "物品已交还", "已找到，请到这里领取")]
    [InlineData("en-US", "Cable car station service desk", "No match", "Match", "Handed over", "Found: collect it here")]
    public async Task The_clerk_confirms_the_match_checks_the_claim_and_hands_over_and_the_owner_reads_where_and_when(
        string locale, string where, string no, string yes, string handedOver, string collect)
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var lost = await fx.SubmitAsync(new
        {
            kind = "lost_item",
            point = "ts-nantianmen",
            description = $"黑色双肩包，拉链上挂着熊猫{tag}挂件，侧袋有保温杯",
            contact = new { name = "王女士", phone = "13800138000" },
            lang = locale,
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { category = "bag", colour = "黑色", brand = "Osprey", secret = "熊貓徽章" },
        });
        var found = await fx.SubmitAsync(new
        {
            kind = "found_item",
            point = "ts-zhongtianmen-cablecar",
            description = $"black Osprey backpack, panda {tag} charm on the zip, a thermos in the side pocket",
            contact = new { phone = "13900139000" },
            lang = "en",
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { category = "bag", colour = "black" },
        });
        var lostAt = (await fx.RoutedReportAsync(lost)).GetProperty("stationIds").EnumerateArray().Select(s => s.GetString()).ToList();
        var clerk = (await fx.RoutedReportAsync(found)).GetProperty("stationIds").EnumerateArray().Select(s => s.GetString()!)
            .First(s => s != Desk && !lostAt.Contains(s));

        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", clerk);
        await page.FillAsync("#code", "demo-" + clerk);
        await page.ClickAsync("#login button[type=submit]");
        var card = page.Locator($"article[data-code='{found}']");
        await card.WaitForAsync(new() { Timeout = Alert });

        // The lost bag is suggested; "this is it" asks where the owner collects, prefilled with this station's name.
        await Assertions.Expect(card.Locator(".matches li").First).ToContainTextAsync(lost, new() { Timeout = Alert });
        await card.Locator($"[data-k='{found}:pair:{lost}']").ClickAsync();
        var zh = card.Locator($"[data-k='{found}-{lost}:zh']");
        await Assertions.Expect(zh).Not.ToHaveValueAsync(string.Empty);
        await Assertions.Expect(card.Locator($"[data-k='{found}-{lost}:en']")).Not.ToHaveValueAsync(string.Empty);
        await (locale.StartsWith("zh", StringComparison.Ordinal) ? zh : card.Locator($"[data-k='{found}-{lost}:en']")).FillAsync(where);
        await Assertions.Expect(locale.StartsWith("zh", StringComparison.Ordinal) ? zh : card.Locator($"[data-k='{found}-{lost}:en']")).ToHaveValueAsync(where);
        await FormDriver.ScreenshotAsync(page, "station-match-confirm-" + locale, copyToDocs: false);
        await card.Locator($"[data-k='{found}:pair-ok']").ClickAsync();
        await Assertions.Expect(card.Locator(".pair h3")).ToContainTextAsync(lost);
        await Assertions.Expect(card.Locator(".pair")).ToContainTextAsync(where);

        // The tourist's status page says where to collect, in their language.
        var status = await context.NewPageAsync();
        await status.GotoAsync("/s/" + lost);
        await Assertions.Expect(status.Locator("#collect")).ToBeVisibleAsync();
        await Assertions.Expect(status.Locator("#collect")).ToContainTextAsync(collect);
        await Assertions.Expect(status.Locator("#collect-t")).ToHaveTextAsync(where);
        await FormDriver.ScreenshotAsync(status, "status-collect-" + locale, copyToDocs: false);

        // A wrong answer says "no match" next to the box and the hand-over is refused; the right one, in other characters, matches.
        var claim = card.Locator($"[data-k='{found}:claim']");
        await claim.FillAsync("考拉徽章");
        await card.Locator($"[data-k='{found}:check']").ClickAsync();
        await Assertions.Expect(card.Locator("output.claim")).ToHaveTextAsync(no);
        await card.Locator($"[data-k='{found}:name']").FillAsync("王芳");
        await card.Locator($"[data-k='{found}:last4']").FillAsync("8000");
        await card.Locator($"[data-k='{found}:handover']").ClickAsync();
        await Assertions.Expect(card.Locator(".pair p.err")).ToBeVisibleAsync();
        Assert.Equal("routed", (await StatusAsync(lost)).GetProperty("status").GetString());

        await card.Locator($"[data-k='{found}:claim']").FillAsync("熊猫 徽章");
        await card.Locator($"[data-k='{found}:check']").ClickAsync();
        await Assertions.Expect(card.Locator("output.claim")).ToHaveTextAsync(yes);
        await Assertions.Expect(card.Locator($"[data-k='{found}:name']")).ToHaveValueAsync("王芳");
        await FormDriver.ScreenshotAsync(page, "station-pair-" + locale, copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        if (locale == "en-US")
        {
            // Side by side at 1280 px: the pair's card is the selected one, the typed name and the answer kept.
            await page.SetViewportSizeAsync(1280, 900);
            await page.Locator($"[data-k='{found}:pick']").ClickAsync();
            await Assertions.Expect(page.Locator($"#detail article[data-code='{found}'] output.claim")).ToHaveTextAsync(yes);
            await Assertions.Expect(page.Locator($"#detail [data-k='{found}:name']")).ToHaveValueAsync("王芳");
            await FormDriver.ScreenshotAsync(page, "station-pair-1280-" + locale, copyToDocs: false);
        }

        await card.Locator($"[data-k='{found}:handover']").ClickAsync();
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdone\b"));
        await Assertions.Expect(card.Locator("h2 .badge")).ToHaveTextAsync(locale.StartsWith("zh", StringComparison.Ordinal) ? "已解决" : "Resolved");

        await status.ReloadAsync();
        await Assertions.Expect(status.Locator("#collect")).ToContainTextAsync(handedOver);
        await Assertions.Expect(status.Locator("#status")).ToHaveTextAsync(locale.StartsWith("zh", StringComparison.Ordinal) ? "已解决" : "Resolved");
        await Assertions.Expect(status.Locator("#main")).Not.ToContainTextAsync("王芳");
        await FormDriver.ScreenshotAsync(status, "status-handed-over-" + locale, copyToDocs: false);

        // Without JavaScript the server's page says the same.
        await using var plain = await fx.NewContextAsync(locale, javaScript: false);
        var noJs = await plain.NewPageAsync();
        await noJs.GotoAsync($"/api/s/{lost}?lang={locale}");
        await Assertions.Expect(noJs.Locator("#collect")).ToContainTextAsync(handedOver);
        await FormDriver.ScreenshotAsync(noJs, "status-nojs-handed-over-" + locale, copyToDocs: false);
    }

    private async Task<JsonElement> StatusAsync(string code) =>
        JsonDocument.Parse(await fx.Http.GetStringAsync($"/api/reports/{code}")).RootElement.Clone();
}
