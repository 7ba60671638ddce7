using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The tourist form against abuse: a post past its limits gets the bilingual page with a way back; the honeypot is out
/// of people's way and a submission that fills it is refused.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FormHardeningTests(BrowserFixture fx)
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Without_javascript_an_oversized_post_gets_the_bilingual_page_with_a_way_back(string locale)
    {
        await using var context = await fx.NewContextAsync(locale, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/r/" + FormDriver.Point);
        await page.CheckAsync("#k-tip");
        // More than the page's maxlength lets a person type: what a script posting the form sends.
        await page.EvalOnSelectorAsync("#desc", "e => e.removeAttribute('maxlength')");
        await page.FillAsync("#desc", new string('x', 70 * 1024));
        await page.ClickAsync("#send");

        await page.Locator("#rf-h").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var text = await page.InnerTextAsync("main");
        Assert.Contains("报告没有发出", text, StringComparison.Ordinal);
        Assert.Contains("Report not sent", text, StringComparison.Ordinal);
        Assert.Equal("/r/" + FormDriver.Point, await page.GetAttributeAsync("a.primary", "href"));
        await FormDriver.ScreenshotAsync(page, "refused-nojs-" + locale, copyToDocs: false);

        // axe-core needs scripts: check the same markup in a page that runs them.
        var html = await page.ContentAsync();
        await using var jsContext = await fx.NewContextAsync(locale);
        var jsPage = await jsContext.NewPageAsync();
        await jsPage.GotoAsync("/privacy.html");
        await jsPage.SetContentAsync(html);
        Assert.Empty(await FormDriver.AxeViolationsAsync(jsPage));
    }

    [Fact]
    public async Task The_honeypot_is_out_of_peoples_way()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        var trap = page.Locator("#website");

        Assert.Equal("website", await trap.GetAttributeAsync("name"));
        Assert.Equal("-1", await trap.GetAttributeAsync("tabindex"));
        Assert.Equal("off", await trap.GetAttributeAsync("autocomplete"));
        Assert.Equal("true", await page.Locator(".hp").GetAttributeAsync("aria-hidden"));
        var box = await trap.BoundingBoxAsync();
        Assert.True(box is null || box.X + box.Width <= 0, $"the honeypot is on screen at {box?.X}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the honeypot widens the page");

        // Tabbing through the whole form never lands on it.
        await page.FocusAsync("#k-lost_person");
        var visited = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            visited.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.tagName"));
        }

        Assert.Contains("send", visited);
        Assert.DoesNotContain("website", visited);
        // The accessibility tree does not offer it either.
        Assert.Equal(0, await page.GetByRole(AriaRole.Textbox, new PageGetByRoleOptions { Name = "Leave empty" }).CountAsync());
    }

    [Fact]
    public async Task A_submission_that_fills_the_honeypot_is_refused_and_nothing_is_stored()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        var marker = "bot-" + Guid.NewGuid().ToString("N");
        await FormDriver.FillAsync(page, "tip", marker);
        // What a form-filling bot does: every field, hidden or not.
        await page.EvaluateAsync("() => { document.querySelector('#website').value = 'http://spam.example'; }");

        await page.ClickAsync("#send");

        await Assertions.Expect(page.Locator("#errs")).ToContainTextAsync("The report could not be sent", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        Assert.False(await page.IsDisabledAsync("#desc"));
        Assert.Empty(await fx.ReportsAsync(r => r.Str("description").Contains(marker, StringComparison.Ordinal)));
    }
}
