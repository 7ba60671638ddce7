using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>The admin's printable QR posters: one per point, QR images that load, one poster per printed page.</summary>
[Collection(BrowserGroup.Name)]
public sealed partial class PosterPageTests(BrowserFixture fx)
{
    [Fact]
    public async Task Admin_sees_a_poster_for_every_point_with_its_qr_code_and_prints_one_per_page()
    {
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/posters.html");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");

        var posters = page.Locator("article.poster");
        await posters.Nth(19).WaitForAsync(BrowserFixture.WithinPageStep);
        var count = await posters.CountAsync();
        Assert.True(count >= 20, $"{count} posters");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        var broken = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.p-qr')].filter(i => !(i.naturalWidth > 0)).map(i => i.src)");
        Assert.Empty(broken);
        Assert.Equal(count, await page.Locator(".p-qr").CountAsync());

        var nantianmen = page.Locator("article.poster[data-code=ts-nantianmen]");
        Assert.Contains("南天门", await nantianmen.InnerTextAsync());
        Assert.Contains("South Heaven Gate", await nantianmen.InnerTextAsync());
        Assert.Contains("岱顶派出所", await nantianmen.InnerTextAsync());
        Assert.Contains("110", await nantianmen.InnerTextAsync());
        Assert.Contains(fx.BaseAddress.Authority + "/r/ts-nantianmen", await nantianmen.InnerTextAsync());
        Assert.Equal("/api/points/ts-nantianmen/qr.svg", await nantianmen.Locator("img").GetAttributeAsync("src"));
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "posters-360.png") });
        await nantianmen.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "poster-360.png") });

        // Search narrows what is shown; printing takes every ticked poster, one per page.
        await page.FillAsync("#q", "南天门");
        await Assertions.Expect(page.Locator("article.poster:not(.out)")).ToHaveCountAsync(1);
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "posters-a5.pdf"), PreferCSSPageSize = true, PrintBackground = true });
        Assert.Equal(count, PdfPages(pdf));

        await page.ClickAsync("#none");
        await page.ClickAsync("#all");
        await page.CheckAsync("input[name=paper][value=A4]");
        pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "poster-a4.pdf"), PreferCSSPageSize = true, PrintBackground = true });
        Assert.Equal(1, PdfPages(pdf));
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
    }

    [Fact]
    public async Task A_korean_admin_prints_posters_in_chinese_korean_and_english_from_the_files()
    {
        await using var context = await fx.NewContextAsync("ko-KR");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/posters.html");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");

        var nantianmen = page.Locator("article.poster[data-code=ts-nantianmen]");
        await nantianmen.Locator("img").WaitForAsync(BrowserFixture.WithinPageStep);
        await Assertions.Expect(nantianmen.Locator(".p-cta span")).ToHaveTextAsync(["扫码报告失物、走失、求助", "스캔하여 분실물, 실종자, 위험을 신고하거나 도움을 요청하세요", "Scan to report lost items, missing people, hazards or ask for help"]);
        await Assertions.Expect(nantianmen.Locator(".p-cta span").Nth(1)).ToHaveAttributeAsync("lang", "ko");
        // The demo's names have no Korean: each is written once, in the languages it has.
        await Assertions.Expect(nantianmen.Locator(".p-name span")).ToHaveTextAsync(["南天门", "South Heaven Gate"]);
        await Assertions.Expect(page.Locator("#ps-h")).ToHaveTextAsync("QR 포스터");
        await Assertions.Expect(page.Locator("#cnt")).ToContainTextAsync("장 선택");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await nantianmen.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "poster-ko-360.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "posters-ko-360.png") });
    }

    [Fact]
    public async Task A_printed_poster_shows_no_controls_and_fits_its_page()
    {
        await using var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fx.BaseAddress.ToString(),
            Locale = "en-US",
            // A5 at 96 dpi less the 8 mm margins, the area the poster has on paper.
            ViewportSize = new ViewportSize { Width = 499, Height = 733 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/posters.html");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        var poster = page.Locator("article.poster[data-code=ts-nantianmen]");
        await poster.Locator("img").WaitForAsync(BrowserFixture.WithinPageStep);
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("#pf").IsVisibleAsync());
        Assert.False(await page.Locator("header.top").IsVisibleAsync());
        Assert.False(await poster.Locator(".pick").IsVisibleAsync());
        var box = await poster.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Height, 600, 733);
        var sos = await poster.Locator(".p-sos").BoundingBoxAsync();
        Assert.NotNull(sos);
        Assert.True(sos.Y + sos.Height <= box.Y + box.Height + 1, "the emergency number is inside the poster");

        var file = Path.Combine(BrowserFixture.ScreenshotDir, "poster.png");
        await poster.ScreenshotAsync(new LocatorScreenshotOptions { Path = file, Type = ScreenshotType.Png });
        FormDriver.CopyToDocs(file, "poster");

        // A4: the same poster, larger, still on one page.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.CheckAsync("input[name=paper][value=A4]");
        await page.SetViewportSizeAsync(733, 1062);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        box = await poster.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Height, 900, 1062);
        await poster.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "poster-a4.png"), Type = ScreenshotType.Png });
    }

    /// <summary>Pages in a PDF from Chromium: its page objects (<c>/Type /Page</c>, not <c>/Pages</c>).</summary>
    private static int PdfPages(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
