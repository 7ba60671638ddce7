using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The station's actions, as a desk clerk meets them on a 360 px phone: resolving asks first and takes a note the
/// reporter reads; a transfer without a station says why; staff wording; long labels never squeeze the values.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class StationActionsPageTests(BrowserFixture fx)
{
    private const string Desk = "ts-lost-found";

    [Theory]
    [InlineData("zh-CN", 360, "雨伞在岱庙失物招领处，凭报告码领取", "确认结案")]
    [InlineData("en-US", 360, "Your umbrella is at the Dai Temple Lost & Found Desk", "Yes, resolve")]
    [InlineData("zh-CN", 1280, "雨伞在岱庙失物招领处，凭报告码领取", "确认结案")]
    [InlineData("en-US", 1280, "Your umbrella is at the Dai Temple Lost & Found Desk", "Yes, resolve")]
    public async Task Resolving_asks_first_and_the_reporter_reads_the_note(string locale, int width, string note, string confirm)
    {
        var code = await fx.SubmitAsync(new
        {
            kind = "lost_item",
            point = "ts-daimiao-gate",
            description = "蓝色折叠伞 · blue folding umbrella",
            contact = new { phone = "13800138000" },
            lang = locale,
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { category = "other", colour = "蓝色" },
        });

        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", Desk);
        await page.FillAsync("#code", "demo-" + Desk);
        await page.ClickAsync("#login button[type=submit]");
        if (width >= 900)
        {
            // A counter screen: the list beside the chosen alert.
            var pick = page.Locator($"[data-k='{code}:pick']");
            await pick.WaitForAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });
            await pick.ClickAsync();
        }

        var card = page.Locator($"article[data-code='{code}']");
        await card.WaitForAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });

        // A long label never leaves the value a sliver of the card. Measured inside the page in one step: the card is
        // drawn again when its matches arrive, so a handle taken a moment earlier may already be gone.
        var valueWidth = await page.EvaluateAsync<double>(
            "c => document.querySelector(`article[data-code='${c}'] dl.kv dd`).getBoundingClientRect().width", code);
        Assert.True(valueWidth > 120, $"the first value is squeezed to {valueWidth} px");

        // Transfer without a station says why, next to the button.
        await card.Locator($"[data-k='{code}:transfer']").ClickAsync();
        await Assertions.Expect(card.Locator("p.err[role=alert]:not(.replies .err)")).ToBeVisibleAsync();

        // Resolve does nothing until it is confirmed; the note goes with it.
        await card.Locator($"[data-k='{code}:resolve']").ClickAsync();
        await Assertions.Expect(card.Locator(".confirm")).ToBeVisibleAsync();
        Assert.Equal("routed", (await fx.Http.GetFromJsonAsync<JsonElement>($"/api/reports/{code}")).GetProperty("status").GetString());
        await card.Locator(".confirm textarea").FillAsync(note);
        await FormDriver.ScreenshotAsync(page, $"station-resolve-confirm-{width}-{locale}", copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await Assertions.Expect(card.Locator(".confirm button.final")).ToHaveTextAsync(confirm);
        await card.Locator(".confirm button.final").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-k='{code}:resolve-ok']")).ToHaveCountAsync(0);

        var status = await Eventually.Get<JsonElement?>(async () =>
        {
            var s = await fx.Http.GetFromJsonAsync<JsonElement>($"/api/reports/{code}");
            return s.GetProperty("status").GetString() == "resolved" ? s : null;
        }, TestTimings.Alert, "resolved " + code);
        Assert.Contains(note, status!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_found_item_card_lists_the_lost_report_it_likely_belongs_to()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var lost = await fx.SubmitAsync(new
        {
            kind = "lost_item",
            point = "ts-daimiao-gate",
            description = $"黑色相机包，带佳能相机，背带上有熊猫{tag}徽章",
            contact = new { phone = "13800138000" },
            lang = "zh-CN",
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { category = "camera", colour = "黑色", brand = "佳能" },
        });
        var found = await fx.SubmitAsync(new
        {
            kind = "found_item",
            point = "ts-tiankuang-hall",
            description = $"black Canon camera bag, panda {tag} badge on the strap",
            contact = new { phone = "13900139000" },
            lang = "en",
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { category = "camera", colour = "black" },
        });

        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", Desk);
        await page.FillAsync("#code", "demo-" + Desk);
        await page.ClickAsync("#login button[type=submit]");
        var card = page.Locator($"article[data-code='{found}']");
        await card.WaitForAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });

        var first = card.Locator(".matches li").First;
        await Assertions.Expect(first).ToContainTextAsync(lost, new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });
        await Assertions.Expect(first).ToContainTextAsync("Lost item");
        await Assertions.Expect(card.Locator(".matches")).Not.ToContainTextAsync("13800138000");
        await FormDriver.ScreenshotAsync(page, "station-matches-en-US", copyToDocs: false);
    }
}
