using Microsoft.Playwright;

namespace GridAid.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class StaffPagesTests(BrowserFixture fx)
{
    [Fact]
    public async Task Station_inbox_signs_in_shows_the_lost_person_on_top_and_acknowledges_it()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "lost_person", "inbox-" + Guid.NewGuid().ToString("N"));
        var code = await FormDriver.SubmitAsync(page);
        await fx.RoutedReportAsync(code);

        var card = await OpenInboxAtAsync(page, code);
        Assert.Contains("urgent", await card.GetAttributeAsync("class"));
        Assert.Contains(code, await page.Locator("article.alert").First.InnerTextAsync());
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await FormDriver.ScreenshotAsync(page, "station-en", copyToDocs: false);

        await card.Locator("button:has-text('Acknowledge')").ClickAsync();
        await page.Locator($"article.alert:has-text('{code}') .badge:has-text('Seen by the station')").WaitForAsync(BrowserFixture.WithinPageStep);
    }

    [Fact]
    public async Task Admin_table_signs_in_filters_by_kind_and_lists_reports()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "hazard", "admin-" + Guid.NewGuid().ToString("N"));
        var code = await FormDriver.SubmitAsync(page);
        await fx.RoutedReportAsync(code);

        await page.GotoAsync("/admin/");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        await page.Locator($"#rows tr:has-text('{code}')").WaitForAsync(BrowserFixture.WithinPageStep);
        await Assertions.Expect(page.Locator("#fig")).ToContainTextAsync("People reunited");
        await FormDriver.ScreenshotAsync(page, "admin-en", copyToDocs: false);
        await page.SelectOptionAsync("#fk", "hazard");
        await page.ClickAsync("#filters button[type=submit]");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#rows tr')].every(r => r.children[2].textContent === 'Hazard')");
        await page.Locator($"#rows tr:has-text('{code}')").WaitForAsync();
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
    }

    [Fact]
    public async Task A_station_starts_work_on_an_alert_and_transfers_it_to_another_station()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "help", "transfer-" + Guid.NewGuid().ToString("N"));
        var code = await FormDriver.SubmitAsync(page);
        await fx.RoutedReportAsync(code);

        var card = await OpenInboxAtAsync(page, code);

        await card.Locator("button:has-text('Start work')").ClickAsync();
        await page.Locator($"article.alert:has-text('{code}') .badge:has-text('{await StatusTextAsync(page, "in_progress")}')").WaitForAsync(BrowserFixture.WithinPageStep);
        await page.Locator($"article.alert:has-text('{code}') select.to").SelectOptionAsync("ts-tianjie-grid");
        await page.Locator($"article.alert:has-text('{code}') button:has-text('Transfer')").ClickAsync();
        await page.Locator($"article.alert:has-text('{code}') dd:has-text('Heavenly Street Grid Office')").WaitForAsync(BrowserFixture.WithinPageStep);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        var routed = await fx.RoutedReportAsync(code);
        var report = (await fx.ReportsAsync(r => r.Str("trackingCode") == code)).Single();
        Assert.Contains("ts-tianjie-grid", report.GetProperty("stationIds").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("in_progress", report.Str("status"));
        Assert.Equal(code, routed.Str("trackingCode"));
    }

    private static Task<string> StatusTextAsync(IPage page, string status) => page.EvaluateAsync<string>($"() => G.t('status.{status}')");

    /// <summary>Signs in to the inbox of the station that owns the test point and waits for the report's card.</summary>
    private static async Task<ILocator> OpenInboxAtAsync(IPage page, string code)
    {
        await page.GotoAsync("/station/");
        await page.FillAsync("#sid", FormDriver.PointStation);
        await page.FillAsync("#code", "demo-" + FormDriver.PointStation);
        await page.ClickAsync("#login button[type=submit]");
        var card = page.Locator($"article.alert:has-text('{code}')");
        await card.WaitForAsync(BrowserFixture.WithinPageStep);
        return card;
    }
}
