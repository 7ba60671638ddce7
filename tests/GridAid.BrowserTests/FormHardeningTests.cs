using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>The tourist form against abuse: a post past its limits gets the bilingual page with a way back.</summary>
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
}
