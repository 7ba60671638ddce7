using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The tourist form against abuse and old data: a 429 is told in the person's language and waited out (at least its
/// Retry-After) with the draft kept; drafts on the phone expire after 24 hours; the honeypot is out of people's way
/// and a submission that fills it is refused.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FormHardeningTests(BrowserFixture fx)
{
    private const string DraftKey = "gridaid.draft";

    [Theory]
    [InlineData("en-US", "Too many reports from this network")]
    [InlineData("zh-CN", "该网络提交的报告过多")]
    public async Task A_429_shows_the_servers_title_in_the_persons_language_and_waits_its_retry_after_keeping_the_draft(string locale, string title)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        var marker = "throttled-" + Guid.NewGuid().ToString("N");
        await FormDriver.FillAsync(page, "lost_item", marker);

        var clock = Stopwatch.StartNew();
        var sent = new List<TimeSpan>();
        await page.RouteAsync("**/api/reports", async route =>
        {
            int n;
            lock (sent)
            {
                sent.Add(clock.Elapsed);
                n = sent.Count;
            }

            if (n == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 429,
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "3" },
                    ContentType = "application/problem+json",
                    Body = JsonSerializer.Serialize(new
                    {
                        title = "Too many reports from this network",
                        titles = new { zh = "该网络提交的报告过多", en = "Too many reports from this network" },
                        status = 429,
                    }),
                });
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync(title);
        // Waiting out the server: no "try again now" to hammer it with, the report locked and kept on the phone.
        Assert.True(await page.IsHiddenAsync("#again"));
        Assert.True(await page.IsDisabledAsync("#desc"));
        Assert.Contains(marker, await page.EvaluateAsync<string>($"() => localStorage.getItem('{DraftKey}')"), StringComparison.Ordinal);
        await page.Locator("#send").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "form-429-" + locale + ".png") });
        // Coming back online must not cut the wait short either.
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");

        await page.Locator("#rc-code").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var code = (await page.InnerTextAsync("#rc-code")).Trim();
        lock (sent)
        {
            Assert.Equal(2, sent.Count);
            Assert.True(sent[1] - sent[0] >= TimeSpan.FromSeconds(3), $"sent again after {(sent[1] - sent[0]).TotalSeconds:0.00} s");
        }

        Assert.Equal(code, Assert.Single(await fx.ReportsAsync(r => r.Str("description").Contains(marker, StringComparison.Ordinal))).Str("trackingCode"));
    }

    [Fact]
    public async Task A_429_without_a_body_is_told_in_the_strings_words()
    {
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "tip", "throttled-plain-" + Guid.NewGuid().ToString("N"));
        await page.RouteAsync("**/api/reports", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "120" },
        }));

        await page.ClickAsync("#send");

        var strings = JsonDocument.Parse(await File.ReadAllTextAsync(GridAid.TestSupport.RepoPaths.Combine("web", "i18n", "zh-CN.json"))).RootElement;
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync(strings.GetProperty("tooMany").GetString()!);
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync("120");
    }

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
    public async Task A_draft_older_than_a_day_is_discarded_and_a_recent_one_restored()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);

        // What the form keeps carries the time it was kept.
        await page.FillAsync("#desc", "kept-now");
        var saved = JsonDocument.Parse(await page.EvaluateAsync<string>($"() => localStorage.getItem('{DraftKey}')")).RootElement;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(saved.GetProperty("at").GetInt64());
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        foreach (var (hoursAgo, kept) in new (double?, bool)[] { (25, false), (null, false), (23, true) })
        {
            var draft = "draft-" + (hoursAgo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "undated");
            await page.EvaluateAsync(
                "([key, text, hours]) => localStorage.setItem(key, JSON.stringify({ id: '0123456789abcdef0123456789abcdef', v: { description: text, 'contact.phone': '13800138000' }, pending: false, " +
                "at: hours === null ? undefined : Date.now() - hours * 3600e3 }))",
                new object?[] { DraftKey, draft, hoursAgo });

            await page.ReloadAsync();
            await page.Locator("#langs button").First.WaitForAsync();

            var what = hoursAgo is null ? "a draft without a time" : $"a draft of {hoursAgo} hours ago";
            Assert.True((await page.InputValueAsync("#desc") == draft) == kept, what + (kept ? " is restored" : " is discarded"));
            Assert.True((await page.InputValueAsync("#phone") == "13800138000") == kept, what);
            var stored = await page.EvaluateAsync<string?>($"() => localStorage.getItem('{DraftKey}')");
            Assert.True(kept ? stored is not null : stored is null, what + ": stored " + stored);
        }
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
