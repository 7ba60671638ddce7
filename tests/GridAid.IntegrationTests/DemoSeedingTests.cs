using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Demo;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>
/// The Taishan demo is seeded once, when its area does not exist yet, and never again: a restart (a cold start in
/// Azure) keeps what the admin changed. In Azure it needs its own flag. Each test has its own Azurite and hosts.
/// </summary>
public class DemoSeedingTests
{
    private static readonly AuthenticationHeaderValue DemoAdmin = GridAidFixture.TaishanAdmin;

    private static async Task<HttpStatusCode> StatusAsync(LocalHostInstance host, HttpMethod method, string url, AuthenticationHeaderValue? auth = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = auth;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonElement> HealthAsync(LocalHostInstance host)
    {
        using var response = await host.Http.GetAsync("/api/health");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_restart_does_not_revive_a_rotated_admin_code_or_station_code()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        AuthenticationHeaderValue newAdmin;
        AuthenticationHeaderValue newStation;
        await using (var first = await LocalHostInstance.StartAsync(azurite.ConnectionString))
        {
            using var rotated = await first.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/admin/access-code")
            {
                Headers = { Authorization = DemoAdmin },
                Content = JsonContent.Create(new { confirm = true }),
            });
            Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
            newAdmin = new("Bearer", (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credential").GetString());

            using var station = await first.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/admin/stations/ts-daiding-police/access-code") { Headers = { Authorization = newAdmin } });
            Assert.Equal(HttpStatusCode.Created, station.StatusCode);
            newStation = new("Bearer", (await station.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credential").GetString());
        }

        await using var second = await LocalHostInstance.StartAsync(azurite.ConnectionString);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(second, HttpMethod.Get, "/api/admin/directory", DemoAdmin));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, HttpMethod.Get, "/api/admin/directory", newAdmin));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(second, HttpMethod.Get, "/api/stations/ts-daiding-police/alerts", GridAidFixture.Station("ts-daiding-police")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, HttpMethod.Get, "/api/stations/ts-daiding-police/alerts", newStation));
    }

    [Fact]
    public async Task A_restart_does_not_revert_directory_edits_or_bring_back_what_was_deleted()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using (var first = await LocalHostInstance.StartAsync(azurite.ConnectionString))
        {
            var renamed = new { name = new { zh = "红门警务站", en = "Hongmen Police Station" }, type = "police_post", phone = "0538-1111111" };
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, HttpMethod.Put, "/api/admin/stations/ts-hongmen-police", DemoAdmin, renamed));
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(first, HttpMethod.Delete, "/api/admin/points/ts-wanxian-tower", DemoAdmin));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, HttpMethod.Put, "/api/admin/area", DemoAdmin, new { name = new { zh = "泰山景区", en = "Mount Tai" }, defaultStationId = "ts-hongmen-police" }));
        }

        await using var second = await LocalHostInstance.StartAsync(azurite.ConnectionString);

        using var directory = await second.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/admin/directory") { Headers = { Authorization = DemoAdmin } });
        var json = await directory.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Mount Tai", json.GetProperty("area").GetProperty("name").GetProperty("en").GetString());
        Assert.Equal("ts-hongmen-police", json.GetProperty("area").GetProperty("defaultStationId").GetString());
        var hongmen = json.GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "ts-hongmen-police");
        Assert.Equal("Hongmen Police Station", hongmen.GetProperty("name").GetProperty("en").GetString());
        Assert.DoesNotContain(json.GetProperty("points").EnumerateArray(), p => p.GetProperty("code").GetString() == "ts-wanxian-tower");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(second, HttpMethod.Get, "/api/points/ts-wanxian-tower"));
        Assert.Equal(TaishanDemo.Seed.Points.Count - 1, json.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task In_Azure_the_demo_flag_alone_seeds_nothing()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["WEBSITE_SITE_NAME"] = "func-gridaid-test" });

        Assert.False(await host.Get<DirectoryStore>().AreaExistsAsync(TaishanDemo.AreaId, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, HttpMethod.Get, "/api/admin/directory", DemoAdmin));
        var health = await HealthAsync(host);
        Assert.Equal("unconfigured", health.GetProperty("status").GetString());
        Assert.False(health.TryGetProperty("demo", out _));
    }

    [Fact]
    public async Task In_Azure_with_the_extra_flag_the_demo_is_seeded_and_health_says_so()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["WEBSITE_SITE_NAME"] = "func-gridaid-demo",
            ["GridAid:AllowDemoInAzure"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Get, "/api/admin/directory", DemoAdmin));
        var health = await HealthAsync(host);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(TaishanDemo.AreaId, health.GetProperty("demo").GetString());
    }

    [Fact]
    public async Task Without_the_demo_health_does_not_mention_it()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["GridAid:DefaultArea"] = LaoshanTestArea.AreaId }, [LaoshanTestArea.Seed], seedDemo: false);

        var health = await HealthAsync(host);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.False(health.TryGetProperty("demo", out _));
        Assert.False(await host.Get<DirectoryStore>().AreaExistsAsync(TaishanDemo.AreaId, CancellationToken.None));
    }
}
