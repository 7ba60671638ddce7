using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>No page logs an error or a warning in the console (the favicon included), at 360 and 1280 px, in both languages.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ConsoleCleanTests(BrowserFixture fx)
{
    public static TheoryData<string, int> Screens() => new()
    {
        { "zh-CN", 360 }, { "en-US", 360 }, { "zh-CN", 1280 }, { "en-US", 1280 }, { "ko-KR", 360 },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_page_keeps_the_console_clean(string locale, int width)
    {
        var code = await fx.SubmitAsync(new
        {
            kind = "tip", point = FormDriver.Point, description = "console", clientRequestId = "console-" + Guid.NewGuid().ToString("N"),
        });

        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        var logged = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") logged.Add($"{page.Url}: {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => logged.Add($"{page.Url}: uncaught: {e}");

        string[] pages =
        [
            "/", "/r/" + FormDriver.Point, "/r/", "/s/" + code, "/s/", "/api/s/" + code, "/privacy.html",
            "/station/", "/admin/", "/admin/directory.html", "/admin/posters.html", "/admin/replies.html",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // Signed in, the admin pages load their tables too.
        await page.GotoAsync("/admin/");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(logged.Count == 0, string.Join("\n", logged));
    }

    [Fact]
    public async Task The_favicon_is_served()
    {
        // What every browser asks for on its own (no page names an icon): one 32 px ICO, a few hundred bytes.
        using var response = await fx.Http.GetAsync("/favicon.ico");
        Assert.True(response.IsSuccessStatusCode);
        Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0, 0, 1, 0], bytes[..4]);
    }
}
