using System.Net;
using Xunit.Abstractions;

namespace GridAid.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class PageQualityTests(BrowserFixture fx, ITestOutputHelper output)
{
    private const int BudgetBytes = 30 * 1024;

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Axe_finds_no_violations_on_the_form_receipt_and_status_pages(string locale)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        // With a kind chosen its fields show; with errors they are marked up.
        await page.CheckAsync("#k-lost_person");
        await page.ClickAsync("#send");
        await page.Locator("[data-f='contact.phone'] .err").WaitForAsync();
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        await FormDriver.FillAsync(page, "lost_person", "axe-" + Guid.NewGuid().ToString("N"));
        var code = await FormDriver.SubmitAsync(page);
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));

        await fx.RoutedReportAsync(code);
        await page.GotoAsync("/s/" + code);
        await page.Locator("#tl li").First.WaitForAsync();
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await FormDriver.ScreenshotAsync(page, "status-" + locale, copyToDocs: false);
    }

    [Fact]
    public async Task Status_page_shows_the_timeline_in_the_persons_language_and_refreshes_itself()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "lost_item", "status-" + Guid.NewGuid().ToString("N"));
        var code = await FormDriver.SubmitAsync(page);
        await fx.RoutedReportAsync(code);

        await page.GotoAsync("/s/" + code);
        await page.Locator("#tl li:has-text('Sent to the station')").WaitForAsync();
        Assert.Equal(code, (await page.InnerTextAsync("#code")).Trim());
        Assert.Contains("Summit Police Post", await page.InnerTextAsync("#stations"));

        // A station acknowledges; the open page shows it without a reload.
        using var ack = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{FormDriver.PointStation}/alerts/{code}/ack");
        ack.Headers.Authorization = new("Bearer", $"taishan.{FormDriver.PointStation}.demo-{FormDriver.PointStation}");
        (await fx.Http.SendAsync(ack)).EnsureSuccessStatusCode();
        await page.Locator("#tl li:has-text('Seen by the station')").WaitForAsync(BrowserFixture.AfterTimer(BrowserFixture.StatusPageRefresh));

        await page.ClickAsync("#langs button[lang='zh-CN']");
        await page.Locator("#tl li:has-text('站点已确认')").WaitForAsync();
    }

    [Fact]
    public async Task Form_page_with_everything_it_loads_transfers_at_most_30_KB_compressed()
    {
        // Which same-origin files does the page load (HTML, CSS, JS, strings)? Ask the browser.
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, r) =>
        {
            var uri = new Uri(r.Url);
            if (uri.Authority == fx.BaseAddress.Authority && !uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                urls.Add(uri.PathAndQuery);
            }
        };
        await FormDriver.OpenAsync(page);
        Assert.DoesNotContain(urls, u => !u.StartsWith('/'));

        // The other language's strings count too: the switch loads them.
        var files = urls.Append("/i18n/en.json").Append("/i18n/zh-CN.json").Distinct().ToList(); // a tourist page loads one of them
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = fx.BaseAddress };
        long total = 0;
        foreach (var file in files)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, file);
            request.Headers.AcceptEncoding.ParseAdd("br");
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
            Assert.False(string.IsNullOrEmpty(encoding), file + " is not compressed");
            output.WriteLine($"{file,-24} {bytes,7:N0} B ({encoding})");
            total += bytes;
        }

        var line = $"Form page weight: {total:N0} bytes compressed over {files.Count} files (budget {BudgetBytes:N0})";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Contains(files, f => f.StartsWith("/r/", StringComparison.Ordinal));
        Assert.Contains("/css/app.css", files);
        Assert.True(total <= BudgetBytes, line);
    }

    [Fact]
    public async Task The_form_makes_no_third_party_requests_and_fits_360_px()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, r) =>
        {
            if (new Uri(r.Url).Authority != fx.BaseAddress.Authority)
            {
                foreign.Add(r.Url);
            }
        };
        await FormDriver.OpenAsync(page);
        await page.CheckAsync("#k-lost_person");
        Assert.Empty(foreign);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the page scrolls sideways at 360 px");

        // Every visible button, link-button, choice and input is at least 44 px tall.
        var small = await page.EvaluateAsync<string[]>(
            @"() => [...document.querySelectorAll('button, .kind, .chip, input:not([type=radio]):not([type=hidden]), select, textarea')]
                .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
                .map(e => (e.id || e.className || e.tagName) + ':' + e.getBoundingClientRect().height)");
        Assert.Empty(small);
    }
}
