using System.Text.Json;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The admin at a desk (1280 px) and on a phone (360 px), in both languages: names instead of ids, one card per report
/// on a phone and nothing clipped on a desk, a report's own page with its personal data and the button that deletes
/// it, errors next to the control that caused them, a sign-in message about what the form asked, and a warning on
/// posters that point to an address no phone can open.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AdminPagesTests(BrowserFixture fx)
{
    public static TheoryData<string, int> Screens() => new()
    {
        { "zh-CN", 360 }, { "en-US", 360 }, { "zh-CN", 1280 }, { "en-US", 1280 },
    };

    private async Task<string> LostChildAsync(string personName)
    {
        var code = await fx.SubmitAsync(new
        {
            kind = "lost_person",
            point = FormDriver.Point,
            clientRequestId = "admin-" + Guid.NewGuid().ToString("N"),
            contact = new { phone = "13700137000", name = "王女士" },
            details = new { age = "6", clothing = "红色外套 red jacket", personName },
        });
        await fx.RoutedReportAsync(code);
        return code;
    }

    private static async Task<IPage> SignedInAsync(IBrowserContext context, int width, string path = "/admin/")
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await page.GotoAsync(path);
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        return page;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_reports_table_reads_names_and_fits_the_screen(string locale, int width)
    {
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var code = await LostChildAsync("小明");
        await using var context = await fx.NewContextAsync(locale);
        var page = await SignedInAsync(context, width);
        var row = page.Locator($"#rows tr:has-text('{code}')");
        await Assertions.Expect(row).ToContainTextAsync(english ? "South Heaven Gate" : "南天门");
        await Assertions.Expect(row).ToContainTextAsync(english ? "Summit Police Post" : "岱顶派出所");
        var text = await row.InnerTextAsync();
        Assert.DoesNotContain("ts-", text, StringComparison.Ordinal);

        var layout = await row.EvaluateAsync<JsonElement>(
            "tr => ({ display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right, tableWidth: tr.closest('table').getBoundingClientRect().width," +
            " clipped: [...tr.cells].filter(td => td.scrollWidth > td.clientWidth + 1).length, scroll: tr.closest('.scroll').scrollWidth - tr.closest('.scroll').clientWidth })");
        Assert.Equal(0, layout.GetProperty("clipped").GetInt32());
        Assert.True(layout.GetProperty("scroll").GetDouble() <= 1, "the table scrolls sideways: " + layout);
        if (width == 360)
        {
            Assert.Equal("block", layout.GetProperty("display").GetString());
            Assert.True(layout.GetProperty("right").GetDouble() <= 360, "a card runs off the screen: " + layout);
        }
        else
        {
            Assert.Equal("table-row", layout.GetProperty("display").GetString());
            Assert.True(layout.GetProperty("tableWidth").GetDouble() > 1000, "the table stays a narrow column: " + layout);
        }

        await row.ScrollIntoViewIfNeededAsync();
        await FormDriver.ScreenshotAsync(page, $"admin-reports-{width}-{locale}", copyToDocs: false);
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task A_report_opens_with_its_personal_data_and_the_admin_deletes_it(string locale, int width)
    {
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        // A lost item: a lost person here could be collapsed into another's alert by the flood containment.
        var name = "蓝色笔记本" + Guid.NewGuid().ToString("N")[..4];
        var code = await fx.SubmitAsync(new
        {
            kind = "lost_item",
            point = "ts-bixia-temple",
            clientRequestId = "admin-" + Guid.NewGuid().ToString("N"),
            contact = new { phone = "13700137000", name = "王女士" },
            details = new { category = "bag", secret = name },
        });
        await using var context = await fx.NewContextAsync(locale);
        var page = await SignedInAsync(context, width);
        await page.ClickAsync($"#rows a:has-text('{code}')");

        await Assertions.Expect(page.Locator("#rp-code")).ToHaveTextAsync(code);
        await Assertions.Expect(page.Locator("#pd")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#pd")).ToContainTextAsync("13700137000");
        var report = await fx.RoutedReportAsync(code);
        Assert.Equal(report.GetProperty("stationIds").GetArrayLength(), await page.Locator("#al tr").CountAsync());
        await Assertions.Expect(page.Locator("#al tr").First).ToContainTextAsync(english ? "Sent to the station" : "已送达站点");
        await Assertions.Expect(page.Locator("#tl li").First).ToBeVisibleAsync();
        await FormDriver.ScreenshotAsync(page, $"admin-report-{width}-{locale}", copyToDocs: false);

        page.Dialog += (_, d) => d.AcceptAsync();
        await page.ClickAsync("#redact");
        await Assertions.Expect(page.Locator("#redactMsg")).ToHaveTextAsync(english ? "Personal data deleted" : "个人信息已删除");
        await Assertions.Expect(page.Locator("#pd")).Not.ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#redact")).ToBeHiddenAsync();
        var after = Assert.Single(await fx.ReportsAsync(r => r.Str("trackingCode") == code));
        Assert.False(after.GetProperty("details").TryGetProperty("secret", out _));

        // Reading personal data is audited.
        using var audit = new HttpRequestMessage(HttpMethod.Get, "/api/admin/audit?pageSize=200");
        audit.Headers.Add("X-GridAid-Auth", BrowserFixture.AdminToken);
        using var answer = await fx.Http.SendAsync(audit);
        var log = await answer.Content.ReadAsStringAsync();
        Assert.Contains("GetReport", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_wrong_admin_code_says_what_the_form_asked_for(string locale)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        // The server's 401, answered here: real wrong codes count against this machine's failed sign-ins, which every
        // other test's sign-in shares.
        await page.RouteAsync("**/api/**", r => r.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = "{\"status\":401}" }));
        await page.GotoAsync("/admin/");
        await page.FillAsync("#code", "not-the-code");
        await page.ClickAsync("#login button[type=submit]");
        var message = page.Locator("#lerr");
        await Assertions.Expect(message).ToHaveTextAsync(locale.StartsWith("en", StringComparison.Ordinal) ? "Wrong area or admin access code" : "景区编号或管理员访问码不正确");
    }

    [Theory]
    [InlineData("zh-CN", 360)]
    [InlineData("en-US", 1280)]
    public async Task Deleting_the_duty_station_is_refused_next_to_its_button(string locale, int width)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await SignedInAsync(context, width, "/admin/directory.html");
        var item = page.Locator("#sl li:has-text('ts-daiding-police')");
        page.Dialog += (_, d) => d.AcceptAsync();
        var button = item.Locator("button.del");
        await button.ClickAsync();
        var error = item.Locator(".err");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).Not.ToBeEmptyAsync();
        var (b, e) = (await button.BoundingBoxAsync(), await error.BoundingBoxAsync());
        Assert.True(e!.Y - (b!.Y + b.Height) < 120, $"the message is {e.Y - b.Y} px from its button");
        Assert.True(await error.IsVisibleAsync());
        await error.ScrollIntoViewIfNeededAsync();
        await FormDriver.ScreenshotAsync(page, $"directory-refusal-{width}-{locale}", copyToDocs: false);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Posters_warn_when_their_codes_point_to_a_loopback_address(string locale)
    {
        using (var target = new HttpRequestMessage(HttpMethod.Get, "/api/admin/poster-target"))
        {
            target.Headers.Add("X-GridAid-Auth", BrowserFixture.AdminToken);
            using var answer = await fx.Http.SendAsync(target);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.IsSuccessStatusCode, body);
            Assert.Contains("\"private\":true", body, StringComparison.Ordinal);
        }

        await using var context = await fx.NewContextAsync(locale);
        var page = await SignedInAsync(context, 1280, "/admin/posters.html");
        var warning = page.Locator("#pwarn");
        await Assertions.Expect(warning).ToBeVisibleAsync(new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        await Assertions.Expect(warning).ToContainTextAsync("127.0.0.1");
        await FormDriver.ScreenshotAsync(page, "posters-warning-" + locale, copyToDocs: false);
    }
}
