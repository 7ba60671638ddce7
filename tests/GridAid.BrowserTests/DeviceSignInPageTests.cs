using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// A sign-in remembered on a device, as staff meet it: the station signs in once and a new tab opens on the inbox; the
/// phone keeps a device token, never the access code; one admin sign-in serves every admin page; the admin revokes the
/// station's device from the admin page, and the station's open inbox asks to sign in again, saying why.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DeviceSignInPageTests(BrowserFixture fx)
{
    private const string Station = "ts-tianjie-grid";

    /// <summary>Every value the page keeps in local and session storage, joined.</summary>
    private const string Kept = "() => [localStorage, sessionStorage].flatMap(s => Object.keys(s).map(k => k + '=' + s.getItem(k))).join('\\n')";

    [Theory]
    [InlineData("zh-CN", 360, "登录已结束")]
    [InlineData("en-US", 1280, "Your sign-in has ended")]
    public async Task A_station_signs_in_once_and_the_admin_can_end_it(string locale, int width, string ended)
    {
        await using var staff = await fx.NewContextAsync(locale);
        var inbox = await staff.NewPageAsync();
        await inbox.SetViewportSizeAsync(width, 800);
        await inbox.GotoAsync("/station/");
        await Assertions.Expect(inbox.Locator("#remember")).ToBeCheckedAsync();
        await FormDriver.ScreenshotAsync(inbox, $"signin-remember-{width}-{locale}", copyToDocs: false);
        await inbox.FillAsync("#sid", Station);
        await inbox.FillAsync("#code", "demo-" + Station);
        await inbox.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(inbox.Locator("#inbox")).ToBeVisibleAsync();

        // Kept: a device token, never the code.
        var kept = await inbox.EvaluateAsync<string>(Kept);
        Assert.Contains($"taishan.{Station}.d-", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-" + Station, kept, StringComparison.Ordinal);
        var deviceId = kept[(kept.IndexOf(".d-", StringComparison.Ordinal) + 3)..].Split('-')[0];

        // A new tab on the same device opens on the inbox.
        var second = await staff.NewPageAsync();
        await second.GotoAsync("/station/");
        await Assertions.Expect(second.Locator("#inbox")).ToBeVisibleAsync();
        await Assertions.Expect(second.Locator("#login")).ToBeHiddenAsync();
        await second.CloseAsync();

        // The admin signs in once for every admin page, finds the station's device by name and revokes it.
        await using var desk = await fx.NewContextAsync(locale);
        var admin = await desk.NewPageAsync();
        await admin.SetViewportSizeAsync(width, 800);
        await admin.GotoAsync("/admin/");
        await admin.FillAsync("#code", "demo-admin");
        await admin.ClickAsync("#login button[type=submit]");
        var row = admin.Locator($"#devices tr:has(button[data-device='{deviceId}'])");
        await Assertions.Expect(row).ToContainTextAsync(locale.StartsWith("en", StringComparison.Ordinal) ? "Heavenly Street Grid Office" : "天街网格工作站");
        Assert.DoesNotContain(Station, await row.InnerTextAsync(), StringComparison.Ordinal);
        var directory = await desk.NewPageAsync();
        await directory.GotoAsync("/admin/directory.html");
        await Assertions.Expect(directory.Locator("#login")).ToBeHiddenAsync();
        await directory.CloseAsync();

        await row.ScrollIntoViewIfNeededAsync();
        await FormDriver.ScreenshotAsync(admin, $"admin-devices-{width}-{locale}", copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(admin));
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(admin.Locator($"button[data-device='{deviceId}']")).ToHaveCountAsync(0);

        // The open inbox learns at its next poll, and says why it asks again.
        await Assertions.Expect(inbox.Locator("#login")).ToBeVisibleAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });
        await Assertions.Expect(inbox.Locator("#lerr")).ToContainTextAsync(ended);
        Assert.DoesNotContain($"taishan.{Station}.d-", await inbox.EvaluateAsync<string>(Kept), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_remembered_the_sign_in_lasts_the_tab_and_signing_out_ends_it()
    {
        await using var staff = await fx.NewContextAsync("en-US");
        var page = await staff.NewPageAsync();
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", Station);
        await page.FillAsync("#code", "demo-" + Station);
        await page.UncheckAsync("#remember");
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#inbox")).ToBeVisibleAsync();
        var credential = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('gridaid.signin.station')).credential");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('gridaid.signin.station')"));

        var other = await staff.NewPageAsync();
        await other.GotoAsync("/station/");
        await Assertions.Expect(other.Locator("#login")).ToBeVisibleAsync();

        await page.ClickAsync("#out");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/{Station}/alerts");
        request.Headers.Add("X-GridAid-Auth", credential);
        using var response = await fx.Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
