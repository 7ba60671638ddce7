using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GridAid.BrowserTests;

/// <summary>
/// The form checks with the server's own rules (<c>GET /api/report-rules</c>): what the page refuses before sending,
/// the server refuses too, with the same code and the same message in the same language; and a lost person's
/// essentials fit one 360×740 screen.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class FormRulesTests(BrowserFixture fx, ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var locale in new[] { "zh-CN", "en-US" })
        {
            foreach (var c in new[] { "age_in_words", "height_999", "paste_5000", "phone_12345678901" })
            {
                data.Add(c, locale);
            }
        }

        return data;
    }

    /// <summary>A lost-person report, right but for one field; the field each case gets wrong.</summary>
    private static (Dictionary<string, string> Fields, string Path) Case(string name)
    {
        var fields = new Dictionary<string, string>
        {
            ["#d-age"] = "6",
            ["#d-clothing"] = "红色外套 red jacket",
            ["#phone"] = "13800138000",
        };
        switch (name)
        {
            case "age_in_words":
                fields["#d-age"] = "six";
                return (fields, "details.age");
            case "height_999":
                fields["#d-height"] = "999";
                return (fields, "details.height");
            case "paste_5000":
                fields["#d-clothing"] = new string('衣', 5000);
                return (fields, "details.clothing");
            default:
                fields["#phone"] = "12345678901";
                return (fields, "contact.phone");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task What_the_page_refuses_the_server_refuses_with_the_same_words(string name, string locale)
    {
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var (fields, path) = Case(name);
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        var posts = 0;
        page.Request += (_, r) => { if (r.Method == "POST" && r.Url.EndsWith("/api/reports", StringComparison.Ordinal)) posts++; };
        var rules = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/report-rules", StringComparison.Ordinal));
        await FormDriver.OpenAsync(page);
        await rules;
        await page.CheckAsync("#k-lost_person");
        await FormDriver.OpenMoreAsync(page);
        // The rules are in: the browser's own maxlength (which would cut a paste silently) is gone.
        await Assertions.Expect(page.Locator("#d-clothing")).Not.ToHaveAttributeAsync("maxlength", new Regex(".*"));
        foreach (var (selector, value) in fields)
        {
            await page.FillAsync(selector, value);
        }

        await page.ClickAsync("#send");
        var shown = page.Locator($"[data-f='{path}'] .err");
        await shown.WaitForAsync();
        var pageMessage = (await shown.InnerTextAsync()).Trim();
        Assert.Equal(0, posts);
        Assert.Equal(1, await page.Locator(".err").CountAsync());
        if (name == "paste_5000")
        {
            Assert.Equal(5000, (await page.InputValueAsync("#d-clothing")).Length);
            await Assertions.Expect(page.Locator("#c-d-clothing")).ToHaveTextAsync(english ? "5000 / 300 characters" : "5000 / 300 字");
            await Assertions.Expect(page.Locator("#c-d-clothing")).ToHaveClassAsync(new Regex("over"));
        }

        await FormDriver.ScreenshotAsync(page, $"form-check-{name}-{locale}", copyToDocs: false);

        // The same report, straight to the server in the same language.
        var details = new Dictionary<string, string> { ["age"] = fields["#d-age"], ["clothing"] = fields["#d-clothing"] };
        if (fields.TryGetValue("#d-height", out var height))
        {
            details["height"] = height;
        }

        using var response = await fx.Http.PostAsJsonAsync("/api/reports", new
        {
            kind = "lost_person",
            point = FormDriver.Point,
            lang = english ? "en" : "zh-CN",
            clientRequestId = "rules-" + Guid.NewGuid().ToString("N"),
            contact = new { phone = fields["#phone"] },
            details,
        });
        Assert.Equal(400, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal([path], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(errors.GetProperty(path)[0].GetString(), pageMessage);
        output.WriteLine($"{name} {locale}: {pageMessage}");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_lost_persons_essentials_fit_one_phone_screen_and_send_folded(string locale)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await Assertions.Expect(page.Locator("#place")).ToHaveTextAsync("南天门 · South Heaven Gate");
        await page.CheckAsync("#k-lost_person");

        Assert.Null(await page.Locator("#more").GetAttributeAsync("open"));
        foreach (var essential in new[] { "#d-age", "#d-clothing", "#d-lastSeenPlace", "#phone", "#send" })
        {
            var box = await page.Locator(essential).BoundingBoxAsync();
            Assert.True(box is { } b && b.Y + b.Height <= 740, $"{essential} ends at {box?.Y + box?.Height} px, below the 740 px screen");
        }

        Assert.False(await page.Locator("#d-personName").IsVisibleAsync());
        await FormDriver.ScreenshotAsync(page, "form-lost-person-folded-" + locale, copyToDocs: false);

        await page.FillAsync("#d-age", "7");
        await page.FillAsync("#d-clothing", "蓝色校服 blue school uniform");
        await page.FillAsync("#d-lastSeenPlace", "玉皇顶 Jade Emperor Peak");
        await page.FillAsync("#phone", "13900139000");
        var code = await FormDriver.SubmitAsync(page);
        var report = await fx.RoutedReportAsync(code);
        Assert.Equal("lost_person", report.Str("kind"));
    }

    [Fact]
    public async Task The_no_js_forms_maxlengths_are_the_rules_lengths()
    {
        using var rules = JsonDocument.Parse(await fx.Http.GetStringAsync("/api/report-rules"));
        var html = await File.ReadAllTextAsync(GridAid.TestSupport.RepoPaths.Combine("web", "r.html"));
        var checkedFields = 0;
        foreach (Match m in MaxLengthPattern().Matches(html))
        {
            var field = m.Groups["name"].Value;
            var lengths = rules.RootElement.GetProperty("kinds").EnumerateObject()
                .Select(k => k.Value.GetProperty("fields"))
                .Where(f => f.TryGetProperty(field, out _))
                .Select(f => f.GetProperty(field))
                .Select(r => r.TryGetProperty("max", out var max) ? max.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture).Length : r.GetProperty("maxLength").GetInt32())
                .Distinct()
                .ToList();
            Assert.True(lengths.Count == 1, $"{field}: the kinds disagree or none has it ({string.Join(", ", lengths)})");
            Assert.Equal(lengths[0], int.Parse(m.Groups["max"].Value, System.Globalization.CultureInfo.InvariantCulture));
            checkedFields++;
        }

        Assert.True(checkedFields >= 14, $"only {checkedFields} fields with a maxlength found");
    }

    [GeneratedRegex("name=\"(?<name>(details\\.[a-zA-Z]+|description|contact\\.name))\"[^>]*maxlength=\"(?<max>\\d+)\"")]
    private static partial Regex MaxLengthPattern();
}
