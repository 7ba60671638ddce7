using System.Text.Json;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// Issue 13's walk-through at 360 px: a found bag with a photo is handed in at a hotel's desk and entered there
/// ("New report", staff-entered, straight into the desk's custody, with where it is kept); a tourist reports the lost bag
/// at another point through the public form; the desk sees it suggested as the match, confirms it, checks the claimant's
/// hidden detail, and the tourist's status page says where to collect it; the hand-over takes the bag out of custody.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DeskCustodyPageTests(BrowserFixture fx)
{
    private const string Hotel = "ts-yuanbao-hotel";

    private static float Alert => (float)TestTimings.Alert.TotalMilliseconds;

    [Theory]
    [InlineData("zh-CN", "储物柜 3", "保管中的物品", "一致", "已找到，请到这里领取", "已交还失主")]
    [InlineData("en-US", "locker 3", "Items in custody", "Match", "Found: collect it here", "Handed to the owner")]
    public async Task A_bag_handed_in_at_the_desk_is_kept_matched_with_the_tourists_report_checked_and_the_tourist_reads_where_to_collect(
        string locale, string storage, string custodyTitle, string yes, string collect, string toOwner)
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var zh = locale.StartsWith("zh", StringComparison.Ordinal);
        await using var context = await fx.NewContextAsync(locale);
        var desk = await context.NewPageAsync();
        await desk.GotoAsync("/station/");
        await desk.FillAsync("#sid", Hotel);
        await desk.FillAsync("#code", "demo-" + Hotel);
        await desk.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(desk.Locator("#cu-h")).ToContainTextAsync(custodyTitle, new() { Timeout = Alert });

        // 1. The desk enters the bag someone handed over, with its photo and where it is kept.
        await desk.ClickAsync("#nr-box > summary");
        await desk.SelectOptionAsync("#nr-kind", "found_item");
        await desk.Locator("#nr-d-category").WaitForAsync();
        await desk.SelectOptionAsync("#nr-d-category", "bag");
        await desk.FillAsync("#nr-d-colour", "黑色 black");
        await desk.FillAsync("#nr-d-foundPlace", "天街台阶 Heavenly Street steps");
        await desk.SelectOptionAsync("#nr-point", "ts-yuanbao-hotel");
        await desk.FillAsync("#nr-desc", $"黑色 Osprey 双肩包，拉链上挂着熊猫{tag}挂件，侧袋有保温杯 black backpack, panda charm");
        await desk.FillAsync("#nr-storage", storage);
        await desk.FillAsync("#nr-cname", "李先生");
        await desk.SetInputFilesAsync("#nr-photo", new FilePayload { Name = "bag.jpg", MimeType = "image/jpeg", Buffer = TestPhotos.JpegWithGps() });
        await FormDriver.ScreenshotAsync(desk, "desk-new-report-" + locale, copyToDocs: false);
        await desk.ClickAsync("#nr button[type=submit]");
        await Assertions.Expect(desk.Locator("#nr-out.ok")).ToBeVisibleAsync(new() { Timeout = Alert });
        var found = System.Text.RegularExpressions.Regex.Match(await desk.InnerTextAsync("#nr-out"), "[A-Z0-9]{4}-[A-Z0-9]{4}").Value;
        Assert.NotEmpty(found);

        // 2. It is in the desk's custody at once, and its alert (with the photo) arrives as any report's does.
        var kept = desk.Locator($"#cu-list li:has(a[href='/s/{found}'])");
        await Assertions.Expect(kept).ToContainTextAsync(storage, new() { Timeout = Alert });
        var card = desk.Locator($"article[data-code='{found}']");
        await card.WaitForAsync(new() { Timeout = Alert });
        await Assertions.Expect(card.Locator(".photos img").First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"), new() { Timeout = Alert });
        await Assertions.Expect(card).ToContainTextAsync(storage, new() { Timeout = Alert });
        await FormDriver.ScreenshotAsync(desk, "desk-found-card-" + locale, copyToDocs: false);
        await kept.ScrollIntoViewIfNeededAsync();
        await FormDriver.ScreenshotAsync(desk, "desk-custody-" + locale, copyToDocs: false);
        var admin = JsonDocument.Parse(await fx.Http.GetStringAsync($"/api/reports/{found}")).RootElement;
        Assert.Contains(admin.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "staff_entered");

        // 3. A tourist at South Heaven Gate reports the lost bag through the public form.
        var tourist = await context.NewPageAsync();
        await FormDriver.OpenAsync(tourist, "/r/ts-nantianmen");
        await tourist.CheckAsync("#k-lost_item");
        await FormDriver.OpenMoreAsync(tourist);
        await tourist.SelectOptionAsync("#d-category", "bag");
        await tourist.FillAsync("#d-colour", "黑色");
        await tourist.FillAsync("#d-brand", "Osprey");
        await tourist.FillAsync("#d-secret", "熊貓徽章");
        await tourist.FillAsync("#phone", "13800138000");
        await tourist.FillAsync("#desc", $"黑色双肩包，拉链上挂着熊猫{tag}挂件，侧袋有保温杯");
        await FormDriver.ScreenshotAsync(tourist, "desk-tourist-form-" + locale, copyToDocs: false);
        var lost = await FormDriver.SubmitAsync(tourist);
        await fx.RoutedReportAsync(lost);

        // 4. At the desk the lost bag is the suggested match (the clerk reloads the page); confirm, then check the claim.
        await desk.ReloadAsync();
        card = desk.Locator($"article[data-code='{found}']");
        await card.WaitForAsync(new() { Timeout = Alert });
        await Assertions.Expect(card.Locator(".matches li").First).ToContainTextAsync(lost, new() { Timeout = Alert });
        await FormDriver.ScreenshotAsync(desk, "desk-match-suggested-" + locale, copyToDocs: false);
        await card.Locator($"[data-k='{found}:pair:{lost}']").ClickAsync();
        await card.Locator($"[data-k='{found}:pair-ok']").ClickAsync();
        await Assertions.Expect(card.Locator(".pair h3")).ToContainTextAsync(lost, new() { Timeout = Alert });
        await card.Locator($"[data-k='{found}:claim']").FillAsync("熊猫 徽章");
        await card.Locator($"[data-k='{found}:check']").ClickAsync();
        await Assertions.Expect(card.Locator("output.claim")).ToHaveTextAsync(yes, new() { Timeout = Alert });
        await FormDriver.ScreenshotAsync(desk, "desk-claim-checked-" + locale, copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(desk));

        // 5. The tourist's status page says where to collect: the hotel desk, in their language.
        var status = await context.NewPageAsync();
        await status.GotoAsync("/s/" + lost);
        await Assertions.Expect(status.Locator("#collect")).ToContainTextAsync(collect, new() { Timeout = Alert });
        await Assertions.Expect(status.Locator("#collect-t")).ToContainTextAsync(zh ? "元宝饭店" : "Yuanbao Hotel", new() { Timeout = Alert });
        await FormDriver.ScreenshotAsync(status, "desk-status-collect-" + locale, copyToDocs: false);

        // 6. The hand-over takes the bag out of the desk's custody.
        await card.Locator($"[data-k='{found}:name']").FillAsync("王芳");
        await card.Locator($"[data-k='{found}:last4']").FillAsync("8000");
        await card.Locator($"[data-k='{found}:handover']").ClickAsync();
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdone\b"), new() { Timeout = Alert });
        await desk.ReloadAsync();
        await Assertions.Expect(desk.Locator($"#cu-list li:has(a[href='/s/{found}'])")).ToContainTextAsync(toOwner, new() { Timeout = Alert });
    }
}
