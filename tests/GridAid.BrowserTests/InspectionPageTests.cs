using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The inspection page on a 360 px phone, as the hotel's grid member meets it: a venue of its cell, one card per item
/// with three big choices, a failed item takes a note and a photo, the venue then shows the rectification to put right
/// and the inspection in its history; a dispute warning with an identity number is refused in the page's language.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class InspectionPageTests(BrowserFixture fx)
{
    private const string Member = "ts-yuanbao-hotel";

    private async Task<string> NewVenueAsync(string zh, string en)
    {
        var id = "bv-" + Guid.NewGuid().ToString("N")[..8];
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/venues/{id}")
        {
            Content = JsonContent.Create(new { name = new { zh, en }, type = "small_restaurant", gridCellId = "tianjie", stationId = Member, contact = "0538-0000777" }, options: GridAidJson.Options),
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BrowserFixture.AdminToken);
        using var response = await fx.Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/station/inspect.html");
        await page.FillAsync("#sid", Member);
        await page.FillAsync("#code", "demo-" + Member);
        await page.ClickAsync("#login button[type=submit]");
    }

    [Theory]
    [InlineData("zh-CN", "不合格", "记录：新增整改 1 项", "灭火器过期")]
    [InlineData("en-US", "Fail", "1 rectifications opened", "Extinguisher out of date")]
    public async Task A_grid_member_records_an_inspection_with_a_failed_item_and_its_photo_on_a_phone(string locale, string fail, string saved, string note)
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var venue = await NewVenueAsync("测试面馆" + tag, "Test Noodles " + tag);
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await SignInAsync(page);

        await page.Locator("button.venue", new() { HasText = tag }).ClickAsync();
        var items = page.Locator("#insp fieldset.item");
        await Assertions.Expect(items).ToHaveCountAsync(6); // a small restaurant's default checklist
        for (var i = 0; i < 6; i++)
        {
            await items.Nth(i).Locator("input[value=pass]").CheckAsync();
        }

        // The first item (extinguishers) fails: its note and photo appear.
        var first = items.Nth(0);
        await first.Locator("label", new() { HasText = fail }).ClickAsync();
        await Assertions.Expect(first.Locator("textarea")).ToBeVisibleAsync();
        await first.Locator("textarea").FillAsync(note);
        await first.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "IMG_1.jpg", MimeType = "image/jpeg", Buffer = TestPhotos.JpegWithGps() });
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await FormDriver.ScreenshotAsync(page, $"inspect-form-360-{locale}", copyToDocs: false);

        // Nothing overflows the phone's width.
        var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");

        await page.Locator("#insp button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync(saved, new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync(note);
        await Assertions.Expect(page.Locator(".history .photos img")).ToHaveCountAsync(1);
        await FormDriver.ScreenshotAsync(page, $"inspect-saved-360-{locale}", copyToDocs: false);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/{Member}/venues/{venue}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"taishan.{Member}.demo-{Member}");
        using var answer = await fx.Http.SendAsync(read);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var open = Assert.Single(body.GetProperty("open").EnumerateArray());
        Assert.Equal("extinguishers", open.GetProperty("itemId").GetString());
        var recorded = Assert.Single(body.GetProperty("inspections").EnumerateArray());
        Assert.True(recorded.GetProperty("photos").TryGetProperty("extinguishers", out _));
    }

    [Theory]
    [InlineData("zh-CN", "请勿填写身份证号码")]
    [InlineData("en-US", "Do not give identity numbers")]
    public async Task A_dispute_warning_with_an_identity_number_is_refused_on_the_page(string locale, string refusal)
    {
        await using var context = await fx.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await SignInAsync(page);
        await page.Locator("[data-tab=disputes]").ClickAsync();

        await page.Locator("#d-parties").FillAsync("王某 370902199001011234");
        await page.Locator("#d-what").FillAsync("为摊位位置争吵 · quarrel over a stall");
        await page.Locator("#dsp button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#derr")).ToContainTextAsync(refusal, new() { Timeout = (float)BrowserFixture.PageStep.TotalMilliseconds });
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await FormDriver.ScreenshotAsync(page, $"inspect-dispute-360-{locale}", copyToDocs: false);
    }
}

/// <summary>The admin adds a venue and edits a venue type's checklist on the directory page; both are what the stations then get.</summary>
[Collection(BrowserGroup.Name)]
public sealed class VenueDirectoryPageTests(BrowserFixture fx)
{
    [Fact]
    public async Task Admin_adds_a_venue_and_edits_a_checklist_that_the_station_then_inspects_by()
    {
        var id = "bv-" + Guid.NewGuid().ToString("N")[..8];
        await using var context = await fx.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await page.GotoAsync("/admin/directory.html");
        await page.FillAsync("#code", "demo-admin");
        await page.ClickAsync("#login button[type=submit]");
        await page.Locator("#vl li:has-text('yuanbao-hotel')").WaitForAsync(BrowserFixture.WithinPageStep);

        await page.FillAsync("#v-id", id);
        await page.FillAsync("#v-zh", "测试网吧");
        await page.FillAsync("#v-en", "Test Internet Café");
        await page.SelectOptionAsync("#v-type", "small_internet_cafe");
        await page.SelectOptionAsync("#v-cell", "tianjie");
        await page.SelectOptionAsync("#v-st", "ts-tianjie-grid");
        await page.ClickAsync("#vf button[type=submit]");
        await Assertions.Expect(page.Locator($"#vl li:has-text('{id}')")).ToContainTextAsync("小网吧");

        // The internet cafés' checklist, replaced by two lines; a bad severity is refused first.
        await page.SelectOptionAsync("#k-type", "small_internet_cafe");
        await Assertions.Expect(page.Locator("#k-items")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^extinguishers \\| major"));
        await page.FillAsync("#k-items", "exits | critical | 安全出口畅通 | Exits clear\nsmoking | sometimes | 禁止吸烟 | No smoking");
        await page.ClickAsync("#klf button[type=submit]");
        await Assertions.Expect(page.Locator("#klf [data-f=items] .err")).ToContainTextAsync("items[1].severity");
        await page.FillAsync("#k-items", "exits | critical | 安全出口畅通 | Exits clear\nsmoking | major | 禁止吸烟 | No smoking");
        await page.ClickAsync("#klf button[type=submit]");
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync("已保存检查表");
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        // The page is long: the venues and checklists sections on their own, to look at.
        await page.Locator("section[aria-labelledby=ve-h]").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "directory-venues-360-zh-CN.png") });
        await page.Locator("section[aria-labelledby=cl-h]").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "directory-checklists-360-zh-CN.png") });

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/ts-tianjie-grid/venues/{id}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "taishan.ts-tianjie-grid.demo-ts-tianjie-grid");
        using var answer = await fx.Http.SendAsync(read);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["exits", "smoking"], body.GetProperty("checklist").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // Put the default back for the other tests of this host.
        using var restore = new HttpRequestMessage(HttpMethod.Put, "/api/admin/checklists/small_internet_cafe")
        {
            Content = JsonContent.Create(new
            {
                items = GridAid.Core.Inspections.DefaultChecklists.For(GridAid.Core.Inspections.VenueType.SmallInternetCafe).Items
                    .Select(i => new { id = i.Id, severity = i.Severity.ToString().ToLowerInvariant(), text = new { zh = i.Text.Zh, en = i.Text.En } }),
            }),
        };
        restore.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BrowserFixture.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await fx.Http.SendAsync(restore)).StatusCode);
    }
}
