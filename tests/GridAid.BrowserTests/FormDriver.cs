using System.Text.Json;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>Fills the report form the way a person would, one kind at a time.</summary>
public static class FormDriver
{
    public const string Point = "ts-nantianmen";
    public const string PointStation = "ts-daiding-police";

    public static readonly string[] Kinds = ["lost_person", "found_person", "lost_item", "found_item", "help", "hazard", "tip"];

    /// <summary>Waits until the page's strings are applied (the language switch button is rendered).</summary>
    public static async Task OpenAsync(IPage page, string path = "/r/" + Point)
    {
        await page.GotoAsync(path);
        await page.Locator("#langs button").First.WaitForAsync();
    }

    public static async Task FillAsync(IPage page, string kind, string marker)
    {
        await page.CheckAsync("#k-" + kind);
        await OpenMoreAsync(page);
        switch (kind)
        {
            case "lost_person":
                await page.FillAsync("#d-relationship", "女儿 daughter");
                await page.FillAsync("#d-age", "6");
                await page.CheckAsync("input[name='details.sex'][value='female']");
                await page.FillAsync("#d-height", "115");
                await page.FillAsync("#d-clothing", "红色外套 red jacket");
                await page.FillAsync("#d-shoes", "白色运动鞋 white trainers");
                await page.FillAsync("#d-lastSeenAt", "14:30");
                await page.FillAsync("#d-lastSeenPlace", "索道出口 cable-car exit");
                await page.FillAsync("#phone", "13800138000");
                break;
            case "found_person":
                await page.SelectOptionAsync("#d-ageBand", "3_6");
                await page.CheckAsync("input[name='details.sex'][value='male']");
                await page.FillAsync("#d-clothing", "red coat, blue trousers");
                await page.FillAsync("#d-foundPlace", "path outside the hotel");
                await page.Locator(".k-fp input[name='details.whereNow'][value='with_reporter']").CheckAsync();
                await page.FillAsync("#phone", "13700137000");
                break;
            case "lost_item":
                await page.SelectOptionAsync("#d-category", "bag");
                await page.FillAsync("#d-colour", "black");
                await page.FillAsync("#d-brand", "Jansport, torn strap");
                await page.FillAsync("#d-secret", "a blue pen inside");
                await page.FillAsync("#phone", "+4915112345678");
                break;
            case "found_item":
                await page.SelectOptionAsync("#d-category", "phone");
                await page.FillAsync("#d-foundPlace", "bench by the gate");
                await page.Locator(".k-fi input[name='details.whereNow'][value='with_reporter']").CheckAsync();
                break;
            case "hazard":
                await page.SelectOptionAsync("#d-hazardType", "fall_risk");
                await page.CheckAsync("input[name='details.severity'][value='high']");
                break;
        }

        await page.FillAsync("#desc", (kind is "help" ? "Need water. " : kind is "tip" ? "Saw a loose railing. " : string.Empty) + marker);
    }

    /// <summary>Unfolds "more details" (the optional fields, and a lost person's description), as a tap on it would.</summary>
    public static async Task OpenMoreAsync(IPage page)
    {
        if (await page.Locator("#more").GetAttributeAsync("open") is null)
        {
            await page.ClickAsync("#more > summary");
        }
    }

    /// <summary>Submits and returns the tracking code from the receipt.</summary>
    public static async Task<string> SubmitAsync(IPage page)
    {
        await page.ClickAsync("#send");
        var code = page.Locator("#rc-code");
        await code.WaitForAsync(BrowserFixture.WithinPageStep);
        return (await code.InnerTextAsync()).Trim();
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? string.Empty;

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(GridAid.TestSupport.RepoPaths.Combine("node_modules", "axe-core", "axe.min.js")));

    /// <summary>
    /// Runs axe-core from the repository's node_modules and returns its violations, one line each. Evaluated through the
    /// DevTools protocol rather than added as a script tag: the pages' Content-Security-Policy refuses inline scripts.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document)).violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        return JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool copyToDocs)
    {
        var file = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Type = ScreenshotType.Png });
        if (copyToDocs)
        {
            CopyToDocs(file, name);
        }
    }

    /// <summary>
    /// Refreshes the README's screenshot in docs/screenshots, only when <c>GRIDAID_UPDATE_DOCS=1</c>: every run has
    /// other tracking codes and ports, and a test run should not leave the work tree changed.
    /// </summary>
    public static void CopyToDocs(string file, string name)
    {
        if (Environment.GetEnvironmentVariable("GRIDAID_UPDATE_DOCS") != "1")
        {
            return;
        }

        var docs = GridAid.TestSupport.RepoPaths.Combine("docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(file, Path.Combine(docs, name + ".png"), overwrite: true);
    }
}
