using GridAid.LocalHost.Outbox;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>The admin sets a station's channels on the directory page and tests one; the status page's 110 advice.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ChannelPagesTests(BrowserFixture fx)
{
    private static readonly LocatorWaitForOptions Wait = BrowserFixture.WithinPageStep;

    [Theory]
    [InlineData("en-US", "Delivered", "ts-yuanbao-hotel")]
    [InlineData("zh-CN", "已送达", "ts-cablecar-grid")]
    public async Task Admin_sets_a_signed_webhook_sees_it_without_its_secret_and_a_test_message_arrives(string locale, string delivered, string station)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/directory.html");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        var item = page.Locator($"#sl li:has-text('{station}')");
        await item.WaitForAsync(Wait);
        await item.Locator("button").Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("#chs")).ToBeVisibleAsync();

        // A secret too short is marked at its field; then a good one is saved and never shown again.
        await page.SelectOptionAsync("#ch-t0", "webhook");
        await page.FillAsync("#ch-u0", new Uri(fx.BaseAddress, "/_outbox/webhook").ToString());
        await page.FillAsync("#ch-s0", "short");
        await page.ClickAsync("#chf button[type=submit]");
        await Assertions.Expect(page.Locator("#chf [data-f='channels[0].secret'] .err")).Not.ToBeEmptyAsync();
        await page.FillAsync("#ch-s0", LocalOutbox.DefaultSecret);
        await page.ClickAsync("#chf button[type=submit]");
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync(station);
        var saved = page.Locator("#ch-saved li").First;
        await Assertions.Expect(saved).ToContainTextAsync("#1");
        await Assertions.Expect(page.Locator("#chs")).Not.ToContainTextAsync(LocalOutbox.DefaultSecret);
        // The form is emptied once the answer is in: nothing of the secret stays on the page.
        await Assertions.Expect(page.Locator("#ch-s0")).ToHaveValueAsync(string.Empty);

        await saved.Locator("button").ClickAsync();
        await Assertions.Expect(saved).ToContainTextAsync(delivered);
        Assert.Contains(LocalOutbox.Received, e => e.Kind == "webhook" && e.Verified && e.DeliveryId is { } id && id.Contains(station, StringComparison.Ordinal));
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await page.Locator("#chs").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "directory-channels-" + locale + ".png") });
    }

    [Fact]
    public async Task A_lost_person_at_the_command_tier_shows_the_110_advice_in_both_languages()
    {
        var code = await fx.SubmitAsync(new
        {
            kind = "lost_person",
            point = "ts-nantianmen",
            description = "6 岁男孩，红外套",
            contact = new { phone = "13800138000" },
            lang = "en",
            clientRequestId = "bt-" + Guid.NewGuid().ToString("N"),
            details = new { age = "6", clothing = "red coat" },
        });
        await fx.RoutedReportAsync(code);
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        // The command tier comes after minutes here: the page gets the report's answer as the API gives it then.
        await page.RouteAsync("**/api/reports/" + code, async route =>
        {
            var response = await route.FetchAsync();
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!.AsObject();
            json["callPolice"] = true;
            json["timeline"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["at"] = DateTimeOffset.UtcNow.ToString("O"), ["status"] = "routed", ["note"] = "command" });
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = json.ToJsonString() });
        });
        await page.GotoAsync("/s/" + code);

        var call = page.Locator("#call110");
        await Assertions.Expect(call).ToBeVisibleAsync();
        await Assertions.Expect(call).ToContainTextAsync("请立即拨打 110");
        await Assertions.Expect(call).ToContainTextAsync("call the police on 110");
        Assert.Equal("tel:110", await call.Locator("a").GetAttributeAsync("href"));
        await Assertions.Expect(page.Locator("#tl")).ToContainTextAsync("command centre");
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await FormDriver.ScreenshotAsync(page, "status-call110-en", copyToDocs: false);
    }
}
