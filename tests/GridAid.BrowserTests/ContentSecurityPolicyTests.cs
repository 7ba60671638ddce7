using GridAid.Functions.Http;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The pages do their work under the served Content-Security-Policy and Permissions-Policy: the form (with its location
/// button), the receipt, the status page, the station inbox and the three admin pages, in Chromium, with every CSP
/// violation (the <c>securitypolicyviolation</c> event and the console), policy warning and script error collected.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fx)
{
    private static readonly LocatorWaitForOptions Wait = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_form_its_location_button_the_receipt_and_the_status_page_work_under_the_policy()
    {
        await using var context = await fx.NewContextAsync("en-US");
        await context.GrantPermissionsAsync(["geolocation"]);
        await context.SetGeolocationAsync(new Geolocation { Latitude = 36.2556f, Longitude = 117.1061f, Accuracy = 20 });
        var watch = await PolicyWatch.StartAsync(context);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/r/" + FormDriver.Point);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await page.Locator("#langs button").First.WaitForAsync();
        await FormDriver.FillAsync(page, "lost_item", "csp-" + Guid.NewGuid().ToString("N"));
        // Geolocation is allowed to the page itself (Permissions-Policy geolocation=(self)).
        await page.ClickAsync("#geo");
        await Assertions.Expect(page.Locator("#desc")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("36\\.2556"));
        var code = await FormDriver.SubmitAsync(page);
        await fx.RoutedReportAsync(code);

        await page.GotoAsync("/s/" + code);
        await page.Locator("#tl li").First.WaitForAsync(Wait);
        await page.GotoAsync("/");
        await page.Locator("#langs button").First.WaitForAsync();
        await page.GotoAsync("/privacy.html");

        Assert.True(watch.Problems.Count == 0, string.Join('\n', watch.Problems));
    }

    [Fact]
    public async Task The_station_inbox_works_under_the_policy()
    {
        await using var context = await fx.NewContextAsync("zh-CN");
        var watch = await PolicyWatch.StartAsync(context);
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "help", "csp-inbox-" + Guid.NewGuid().ToString("N"));
        var code = await FormDriver.SubmitAsync(page);
        await fx.RoutedReportAsync(code);

        await page.GotoAsync("/station");
        await page.FillAsync("#sid", FormDriver.PointStation);
        await page.FillAsync("#code", "demo-" + FormDriver.PointStation);
        await page.ClickAsync("#login button[type=submit]");
        var card = page.Locator($"article.alert:has-text('{code}')");
        await card.WaitForAsync(Wait);
        await card.Locator("button").First.ClickAsync();
        await page.Locator($"article.alert:has-text('{code}') .badge").WaitForAsync(Wait);

        Assert.True(watch.Problems.Count == 0, string.Join('\n', watch.Problems));
    }

    [Fact]
    public async Task The_admin_table_export_directory_and_posters_work_under_the_policy()
    {
        using var report = await fx.Http.PostAsync("/api/reports", new StringContent(
            "{\"kind\":\"tip\",\"point\":\"" + FormDriver.Point + "\",\"description\":\"csp-admin\",\"lang\":\"en\",\"clientRequestId\":\"csp-" + Guid.NewGuid().ToString("N") + "\"}",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, report.StatusCode);
        await using var context = await fx.NewContextAsync("en-US");
        var watch = await PolicyWatch.StartAsync(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        await page.Locator("#rows tr").First.WaitForAsync(Wait);
        await Assertions.Expect(page.Locator("#fig")).ToContainTextAsync("People reunited");
        // The CSV export: fetched with the credential header, then saved from a blob: link.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GotoAsync("/admin/directory.html"); // the tab's admin sign-in serves every admin page
        await page.Locator("#sl li:has-text('ts-daiding-police')").WaitForAsync(Wait);

        await page.GotoAsync("/admin/posters.html"); // the tab's admin sign-in serves every admin page
        await page.Locator("article.poster img").First.WaitForAsync(Wait);
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        // The paper size lives in posters.css's @page rule, replaced through the CSSOM (no inline <style>).
        Assert.Contains("size: a5", await PageRuleAsync(page), StringComparison.OrdinalIgnoreCase);
        await page.CheckAsync("input[name=paper][value=A4]");
        Assert.Contains("size: a4", await PageRuleAsync(page), StringComparison.OrdinalIgnoreCase);

        Assert.True(watch.Problems.Count == 0, string.Join('\n', watch.Problems));
    }

    [Fact]
    public async Task The_watch_sees_what_the_policy_refuses()
    {
        // Guards the tests above against passing with a watch that sees nothing.
        await using var context = await fx.NewContextAsync("en-US");
        var watch = await PolicyWatch.StartAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/privacy.html");

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.head.append(s); }");

        await Eventually.Get(() => Task.FromResult<object?>(watch.Problems.Any(p => p.Contains("script-src", StringComparison.Ordinal)) ? true : null), TimeSpan.FromSeconds(5), "the refused inline script to be seen");
        Assert.False(await page.EvaluateAsync<bool>("() => window.ran === true"));
    }

    private static Task<string> PageRuleAsync(IPage page) =>
        page.EvaluateAsync<string>("() => [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSPageRule).map(r => r.cssText).join(' ')");
}

/// <summary>
/// Collects, for every page of a browser context: Content-Security-Policy violations (the <c>securitypolicyviolation</c>
/// event, through a binding that the policy cannot block, and Chromium's console messages), Permissions-Policy header
/// errors, and uncaught script errors.
/// </summary>
public sealed class PolicyWatch
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<PolicyWatch> StartAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var watch = new PolicyWatch();
        await context.ExposeFunctionAsync("__policyViolation", (string text) => watch.Add("violation: " + text));
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.__policyViolation(" +
            "location.pathname + ': ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber), true);");
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                watch.Add("console " + message.Type + ": " + message.Text);
            }
        };
        context.Page += (_, page) => page.PageError += (_, error) => watch.Add("page error at " + page.Url + ": " + error);
        return watch;
    }

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
