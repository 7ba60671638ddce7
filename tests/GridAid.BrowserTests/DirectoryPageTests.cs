using System.Net;
using System.Net.Http.Headers;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>
/// The admin's directory page. The browser fixture is shared, so the test adds its own station and point and
/// deletes them again (through the page, and through the API should the test fail half way).
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DirectoryPageTests(BrowserFixture fx)
{
    private static readonly LocatorWaitForOptions Wait = BrowserFixture.WithinPageStep;

    [Fact]
    public async Task Admin_adds_a_station_and_a_point_gets_a_new_access_code_and_deletes_them()
    {
        var id = "ts-test-" + Guid.NewGuid().ToString("N")[..8];
        var point = "ts-test-" + Guid.NewGuid().ToString("N")[..8];
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
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        try
        {
            await page.GotoAsync("/admin/directory.html");
            await page.FillAsync("#code", "demo-admin");
            await page.ClickAsync("#login button[type=submit]");
            await page.Locator("#sl li:has-text('ts-daiding-police')").WaitForAsync(Wait);
            await Assertions.Expect(page.Locator("#sl li:has-text('ts-daiding-police')")).ToContainTextAsync("duty station");

            // A bad id is marked at its field.
            await page.FillAsync("#s-id", "Bad Id");
            await page.ClickAsync("#sf button[type=submit]");
            await Assertions.Expect(page.Locator("#sf [data-f=id] .err")).ToContainTextAsync("lower-case");
            Assert.Equal("true", await page.GetAttributeAsync("#s-id", "aria-invalid"));
            Assert.Empty(await FormDriver.AxeViolationsAsync(page));

            // A station.
            await page.FillAsync("#s-id", id);
            await page.FillAsync("#s-zh", "测试失物招领");
            await page.FillAsync("#s-en", "Test Lost & Found");
            await page.SelectOptionAsync("#s-type", "lost_and_found");
            await page.FillAsync("#s-ph", "0538-0000123");
            await page.ClickAsync("#sf button[type=submit]");
            var stationItem = page.Locator($"#sl li:has-text('{id}')");
            await stationItem.WaitForAsync(Wait);
            await Assertions.Expect(stationItem).ToContainTextAsync("Lost & found");
            await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync("Saved");
            Assert.Equal(1, await page.Locator($"#c-st input[value='{id}']").CountAsync());

            // A point in a cell chosen from the list.
            await page.FillAsync("#p-id", point);
            await page.FillAsync("#p-zh", "测试点位");
            await page.FillAsync("#p-en", "Test point");
            // Every other listed language (languages.json) has a field of its own, optional, saved with the others.
            await Assertions.Expect(page.Locator("label[for=p-ko]")).ToHaveTextAsync("Name in 한국어 (optional)");
            await page.FillAsync("#p-ko", "테스트 지점");
            await page.SelectOptionAsync("#p-cell", "tianjie");
            await page.ClickAsync("#pf button[type=submit]");
            var pointItem = page.Locator($"#pl li:has-text('{point}')");
            await pointItem.WaitForAsync(Wait);
            await Assertions.Expect(pointItem).ToContainTextAsync("Heavenly Street");
            using (var read = new HttpRequestMessage(HttpMethod.Get, "/api/admin/directory"))
            {
                read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "taishan.admin.demo-admin");
                using var directory = System.Text.Json.JsonDocument.Parse(await (await fx.Http.SendAsync(read)).Content.ReadAsStringAsync());
                var saved = directory.RootElement.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("code").GetString() == point);
                Assert.Equal("테스트 지점", saved.GetProperty("name").GetProperty("ko").GetString());
            }

            // A new access code, shown once, works at once.
            await stationItem.Locator("button:has-text('New code')").ClickAsync();
            await page.Locator("#nc").WaitForAsync(Wait);
            var code = (await page.InnerTextAsync("#ncc")).Trim();
            Assert.Equal(GridAid.Core.Security.AccessCode.CodeLength, code.Length);
            using (var inbox = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/{id}/alerts"))
            {
                inbox.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"taishan.{id}.{code}");
                (await fx.Http.SendAsync(inbox)).EnsureSuccessStatusCode();
            }

            Assert.Empty(await FormDriver.AxeViolationsAsync(page));
            Assert.Empty(foreign);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the page scrolls sideways at 360 px");
            var small = await page.EvaluateAsync<string[]>(
                @"() => [...document.querySelectorAll('button, .chip, input:not([type=checkbox]), select, a.btn')]
                    .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
                    .map(e => (e.id || e.className || e.tagName) + ':' + e.getBoundingClientRect().height)");
            Assert.Empty(small);
            await FormDriver.ScreenshotAsync(page, "directory-en", copyToDocs: false);

            // Deleting asks first, then the items are gone.
            await page.ClickAsync("#ndone");
            await pointItem.Locator("button:has-text('Delete')").ClickAsync();
            await Assertions.Expect(pointItem).ToHaveCountAsync(0);
            await stationItem.Locator("button:has-text('Delete')").ClickAsync();
            await Assertions.Expect(stationItem).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync("Deleted");
        }
        finally
        {
            await DeleteAsync("/api/admin/points/" + point);
            await DeleteAsync("/api/admin/stations/" + id);
        }
    }

    [Fact]
    public async Task Admin_renames_the_area_moves_its_duty_station_and_replaces_their_own_code_shown_once()
    {
        // The admin code is replaced here, so this test has an area, storage and host of its own.
        const string area = "bt-area";
        const string adminCode = "bt-admin-code";
        var seed = new AreaSeed(
            new Area(area, new("测试景区", "Test Area"), "bt-post"),
            [
                new Station(area, "bt-post", new("测试派出所", "Test Police Post"), StationType.PolicePost),
                new Station(area, "bt-shop", new("测试小店", "Test Shop"), StationType.GridMember),
            ],
            [],
            [],
            new Dictionary<string, string> { ["admin"] = adminCode });
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, extraAreas: [seed], seedDemo: false);
        await using var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/admin/directory.html");
        await page.FillAsync("#area", area);
        await page.FillAsync("#code", adminCode);
        await page.ClickAsync("#login button[type=submit]");
        await page.Locator("#sl li:has-text('bt-shop')").WaitForAsync(Wait);
        await Assertions.Expect(page.Locator("#a-zh")).ToHaveValueAsync("测试景区");
        await Assertions.Expect(page.Locator("#a-duty")).ToHaveValueAsync("bt-post");

        // A missing name is marked at its field, and nothing is saved.
        await page.FillAsync("#a-en", " ");
        await page.ClickAsync("#af button[type=submit]");
        await Assertions.Expect(page.Locator("#af [data-f='name.en'] .err")).ToContainTextAsync("required");
        Assert.Equal("true", await page.GetAttributeAsync("#a-en", "aria-invalid"));

        // Renamed, with the shop on duty.
        await page.FillAsync("#a-en", "Renamed Area");
        await page.SelectOptionAsync("#a-duty", "bt-shop");
        await page.ClickAsync("#af button[type=submit]");
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync("Area settings saved: Renamed Area");
        await Assertions.Expect(page.Locator("#an")).ToHaveTextAsync("Renamed Area");
        await Assertions.Expect(page.Locator("#sl li:has-text('bt-shop')")).ToContainTextAsync("duty station");
        await Assertions.Expect(page.Locator("#sl li:has-text('bt-post')")).Not.ToContainTextAsync("duty station");

        // A new admin code, shown once: the old one is dead at once, the page goes on with the new one.
        await page.ClickAsync("#acode");
        await page.Locator("#nc").WaitForAsync(Wait);
        await Assertions.Expect(page.Locator("#nc-h")).ToContainTextAsync("New admin access code for Renamed Area");
        var code = (await page.InnerTextAsync("#ncc")).Trim();
        Assert.Equal(GridAid.Core.Security.AccessCode.CodeLength, code.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, await AdminStatusAsync(host, $"{area}.admin.{adminCode}"));
        Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(host, $"{area}.admin.{code}"));
        Assert.Empty(await FormDriver.AxeViolationsAsync(page));
        await FormDriver.ScreenshotAsync(page, "directory-area-en", copyToDocs: false);

        await page.ClickAsync("#ndone");
        await page.FillAsync("#a-zh", "新名字");
        await page.ClickAsync("#af button[type=submit]");
        await Assertions.Expect(page.Locator("#msg")).ToContainTextAsync("Area settings saved");
        Assert.True(await page.Locator("#login").IsHiddenAsync());
    }

    private static async Task<HttpStatusCode> AdminStatusAsync(LocalHostInstance host, string credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/directory");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task DeleteAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BrowserFixture.AdminToken);
        using var response = await fx.Http.SendAsync(request);
    }
}
