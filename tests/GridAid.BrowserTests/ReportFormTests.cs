using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GridAid.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class ReportFormTests(BrowserFixture fx, ITestOutputHelper output)
{
    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var lang in new[] { "zh-CN", "en-US" })
        {
            foreach (var kind in FormDriver.Kinds)
            {
                data.Add(kind, lang);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public async Task Each_kind_submits_once_and_reaches_the_points_station(string kind, string locale)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);

        var english = locale.StartsWith("en", StringComparison.Ordinal);
        Assert.Equal(english ? "en" : "zh-CN", await page.GetAttributeAsync("html", "lang"));
        // The place name arrives with the point lookup: wait for it (web-first assertions retry until it shows).
        await Assertions.Expect(page.Locator("#place")).ToHaveTextAsync("南天门 · South Heaven Gate");
        await Assertions.Expect(page.Locator("#station")).ToContainTextAsync(english ? "Summit Police Post" : "岱顶派出所");

        var marker = "m-" + Guid.NewGuid().ToString("N");
        await FormDriver.FillAsync(page, kind, marker);
        var shoot = kind == "lost_person";
        var lang = english ? "en" : "zh";
        if (shoot)
        {
            // The README's picture shows what a parent would write, not the test's marker.
            await page.FillAsync("#desc", english ? "Lost her near the cable-car exit; she has a pink backpack" : "在索道出口附近走散，背着粉色小书包");
            await FormDriver.ScreenshotAsync(page, "form-" + lang, copyToDocs: true);
            await page.FillAsync("#desc", marker);
        }

        var code = await FormDriver.SubmitAsync(page);
        Assert.Matches("^[A-Z2-9-]{6,}$", code);
        Assert.Equal("/s/" + code, new Uri(await page.Locator("#rc-link").GetAttributeAsync("href") ?? "", UriKind.Relative).ToString());
        if (shoot)
        {
            await FormDriver.ScreenshotAsync(page, "receipt-" + lang, copyToDocs: true);
        }

        var report = await fx.RoutedReportAsync(code);
        Assert.Equal(kind, report.Str("kind"));
        Assert.Equal(FormDriver.Point, report.Str("pointCode"));
        Assert.Equal(FormDriver.PointStation, report.GetProperty("stationIds")[0].GetString());
        Assert.Equal(english ? "en" : "zh-CN", report.Str("lang"));
        Assert.Contains(marker, report.Str("description"));
        Assert.Single(await fx.ReportsAsync(r => r.Str("description").Contains(marker, StringComparison.Ordinal)));

        // The draft is cleared once accepted.
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('gridaid.draft')"));
        output.WriteLine($"{kind} ({locale}) → {code}");
    }

    [Fact]
    public async Task Offline_submit_keeps_the_draft_and_sends_exactly_one_report_when_back_online()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        var marker = "offline-" + Guid.NewGuid().ToString("N");
        await FormDriver.FillAsync(page, "lost_person", marker);

        await context.SetOfflineAsync(true);
        await page.ClickAsync("#send");
        await page.Locator("#again").WaitForAsync(BrowserFixture.WithinPageStep);
        Assert.Contains("saved on this phone", await page.InnerTextAsync("#msg"));
        Assert.Contains(marker, await page.EvaluateAsync<string>("() => localStorage.getItem('gridaid.draft')"));
        await page.ClickAsync("#again"); // a second attempt while still offline
        await page.Locator("#again").WaitForAsync();

        await context.SetOfflineAsync(false);
        // The form sends at once on the 'online' event; were that missed, its next retry is at most FormRetryCeiling away.
        await page.Locator("#rc-code").WaitForAsync(BrowserFixture.AfterTimer(BrowserFixture.FormRetryCeiling));
        var code = (await page.InnerTextAsync("#rc-code")).Trim();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('gridaid.draft')"));
        var report = await fx.RoutedReportAsync(code);
        Assert.Equal("lost_person", report.Str("kind"));
        Assert.Single(await fx.ReportsAsync(r => r.Str("description").Contains(marker, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_lost_answer_after_the_server_accepted_still_makes_exactly_one_report()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        var marker = "lost-answer-" + Guid.NewGuid().ToString("N");
        await FormDriver.FillAsync(page, "lost_item", marker);

        // The request reaches the server and is accepted; the answer never reaches the phone (one bar of signal).
        var forwarded = 0;
        await page.RouteAsync("**/api/reports", async route =>
        {
            await route.FetchAsync();
            Interlocked.Increment(ref forwarded);
            await route.AbortAsync("connectionreset");
        });
        await page.ClickAsync("#send");
        await page.Locator("#again").WaitForAsync(BrowserFixture.WithinPageStep);
        Assert.True(forwarded >= 1);
        Assert.Single(await fx.ReportsAsync(r => r.Str("description").Contains(marker, StringComparison.Ordinal)));
        // What the server may already hold cannot be edited away while the phone waits for its answer.
        Assert.True(await page.IsDisabledAsync("#desc"));
        Assert.True(await page.IsVisibleAsync("#locked"));

        // The network comes back: the retry carries the same clientRequestId and gets the same report back.
        await page.UnrouteAllAsync();
        await page.ClickAsync("#again");
        await page.Locator("#rc-code").WaitForAsync(BrowserFixture.WithinPageStep);
        var code = (await page.InnerTextAsync("#rc-code")).Trim();

        var reports = await fx.ReportsAsync(r => r.Str("description").Contains(marker, StringComparison.Ordinal));
        Assert.Equal(code, Assert.Single(reports).Str("trackingCode"));
    }

    [Fact]
    public async Task A_final_refusal_unlocks_the_form_and_a_stuck_report_can_be_edited_as_a_new_one()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "tip", "refused-" + Guid.NewGuid().ToString("N"));

        // A final "no" that is not a validation problem (say, a proxy's 403): the form unlocks and says so.
        await page.RouteAsync("**/api/reports", route => route.FulfillAsync(new RouteFulfillOptions { Status = 403, ContentType = "application/problem+json", Body = "{\"title\":\"Not allowed here\"}" }));
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("#errs")).ToContainTextAsync("Not allowed here");
        Assert.False(await page.IsDisabledAsync("#desc"));
        Assert.True(await page.IsHiddenAsync("#locked"));

        // A report that cannot get through stays locked until the person chooses to edit it as a new report.
        await page.UnrouteAllAsync();
        await page.RouteAsync("**/api/reports", route => route.AbortAsync("connectionrefused"));
        var firstId = await page.InputValueAsync("#rid");
        await page.ClickAsync("#send");
        await page.Locator("#again").WaitForAsync(BrowserFixture.WithinPageStep);
        Assert.True(await page.IsDisabledAsync("#desc"));
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.ClickAsync("#edit");
        Assert.False(await page.IsDisabledAsync("#desc"));
        Assert.NotEqual(firstId, await page.InputValueAsync("#rid"));
    }

    [Fact]
    public async Task Reload_mid_draft_restores_the_input()
    {
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "lost_person", "reload-check");

        await page.ReloadAsync();
        await page.Locator("#langs button").First.WaitForAsync();
        await page.Locator("#d-age").WaitForAsync();

        Assert.True(await page.IsCheckedAsync("#k-lost_person"));
        Assert.True(await page.IsCheckedAsync("input[name='details.sex'][value='female']"));
        Assert.Equal("6", await page.InputValueAsync("#d-age"));
        Assert.Equal("红色外套 red jacket", await page.InputValueAsync("#d-clothing"));
        Assert.Equal("13800138000", await page.InputValueAsync("#phone"));
        Assert.Contains("reload-check", await page.InputValueAsync("#desc"));
    }

    [Fact]
    public async Task Switching_language_keeps_the_input()
    {
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "hazard", "switch-check");
        await page.ClickAsync("#langs button[lang='en']");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");

        Assert.Equal("Hazard", (await page.InnerTextAsync("label:has(#k-hazard)")).Trim());
        Assert.Equal("fall_risk", await page.InputValueAsync("#d-hazardType"));
        Assert.Contains("switch-check", await page.InputValueAsync("#desc"));
    }

    [Fact]
    public async Task Validation_errors_show_next_to_their_field_in_the_persons_language()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await page.CheckAsync("#k-lost_person");
        await page.FillAsync("#d-age", "200");
        await page.FillAsync("#d-clothing", "blue");
        await page.ClickAsync("#send");

        // The page checks with the server's rules: both errors at once, in the server's words.
        await page.Locator("[data-f='contact.phone'] .err").WaitForAsync();
        Assert.Equal("Enter a number from 0 to 120", await page.InnerTextAsync("[data-f='details.age'] .err"));
        Assert.Equal("Leave your phone number so the police can call you", await page.InnerTextAsync("[data-f='contact.phone'] .err"));
        await page.FillAsync("#phone", "13800138000");
        await page.ClickAsync("#send");
        await page.Locator("[data-f='details.age'] .err").WaitForAsync(BrowserFixture.WithinPageStep);
        Assert.Equal("Enter a number from 0 to 120", await page.InnerTextAsync("[data-f='details.age'] .err"));
        Assert.Equal("true", await page.GetAttributeAsync("#d-age", "aria-invalid"));
        Assert.Equal("alert", await page.GetAttributeAsync("#errs", "role"));

        await page.ClickAsync("#langs button[lang='zh-CN']");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'zh-CN'");
        Assert.Equal("请输入0到120之间的数字", await page.InnerTextAsync("[data-f='details.age'] .err"));
    }

    [Fact]
    public async Task Without_a_point_the_person_picks_a_place_from_a_searchable_list()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page, "/r/");
        await page.FillAsync("#q", "heaven");
        await page.ClickAsync("#places button:has-text('South Heaven Gate')");
        await page.Locator("#place:has-text('南天门')").WaitForAsync();
        await FormDriver.FillAsync(page, "help", "picked-" + Guid.NewGuid().ToString("N"));
        var report = await fx.RoutedReportAsync(await FormDriver.SubmitAsync(page));
        Assert.Equal(FormDriver.Point, report.Str("pointCode"));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Without_javascript_the_form_posts_and_gets_an_html_receipt(string locale)
    {
        await using var context = await fx.NewContextAsync(locale, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/r/" + FormDriver.Point);
        var marker = "nojs-" + Guid.NewGuid().ToString("N");
        await page.CheckAsync("#k-lost_item");
        await page.SelectOptionAsync("#d-category", "wallet");
        await page.FillAsync("#d-colour", "brown");
        await page.FillAsync("#desc", marker);
        await page.ClickAsync("#send");

        var code = (await page.Locator("#rc-code").InnerTextAsync(new LocatorInnerTextOptions { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds })).Trim();
        Assert.EndsWith("/api/reports", page.Url, StringComparison.Ordinal);
        Assert.Equal("/api/s/" + code, await page.GetAttributeAsync("a.primary", "href")); // the server-rendered status page
        Assert.Contains(locale.StartsWith("en", StringComparison.Ordinal) ? "Summit Police Post" : "岱顶派出所", await page.InnerTextAsync("main"));
        var report = await fx.RoutedReportAsync(code);
        Assert.Equal("lost_item", report.Str("kind"));
        Assert.Equal(FormDriver.Point, report.Str("pointCode"));
        Assert.Equal(FormDriver.PointStation, report.GetProperty("stationIds")[0].GetString());
        Assert.Equal("wallet", report.GetProperty("details").GetProperty("category").GetString());
        await FormDriver.ScreenshotAsync(page, "receipt-nojs-" + locale, copyToDocs: false);

        // axe-core needs scripts: check the same receipt markup in a page that runs them.
        var html = await page.ContentAsync();
        await using var jsContext = await fx.NewContextAsync(locale);
        var jsPage = await jsContext.NewPageAsync();
        await jsPage.GotoAsync("/privacy.html");
        await jsPage.SetContentAsync(html);
        Assert.Empty(await FormDriver.AxeViolationsAsync(jsPage));
    }

    [Fact]
    public async Task Without_javascript_errors_come_back_as_an_html_page_in_the_persons_language()
    {
        await using var context = await fx.NewContextAsync("en-US", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/r/" + FormDriver.Point);
        await page.CheckAsync("#k-lost_person");
        await page.ClickAsync("#send");

        await page.Locator("#er-h").WaitForAsync();
        var text = await page.InnerTextAsync("main");
        Assert.Contains("Phone: Leave your phone number so the police can call you", text);
        Assert.Contains("Clothing: This field is required", text);
        Assert.Equal("/r/" + FormDriver.Point, await page.GetAttributeAsync("a.primary", "href"));
    }
}
