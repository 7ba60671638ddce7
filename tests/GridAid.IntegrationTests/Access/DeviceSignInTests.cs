using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Access;

/// <summary>
/// A sign-in remembered on a device: the access code is traded once for a device credential, which then works on
/// the station's routes and ends when it expires, when the admin revokes it, when the device signs out, or when the
/// station gets a new access code. It never carries the code, and the admin's list never shows a token.
/// </summary>
[Collection(SharedGridAid.Name)]
public class DeviceSignInTests(GridAidFixture f)
{
    private const string Desk = "ts-lost-found";

    private static AuthenticationHeaderValue Device(string credential) => new("Bearer", credential);

    private static async Task<JsonElement> RememberAsync(HttpClient http, AuthenticationHeaderValue auth, string? label = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signin/devices") { Content = JsonContent.Create(new { label }) };
        request.Headers.Authorization = auth;
        request.Headers.UserAgent.ParseAdd("GridAidTest/1.0");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpStatusCode> InboxAsync(HttpClient http, string stationId, AuthenticationHeaderValue auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/{stationId}/alerts");
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_device_credential_works_without_the_code_and_ends_when_the_admin_revokes_it()
    {
        var issued = await RememberAsync(f.Http, GridAidFixture.Station(Desk), "前台平板 · desk tablet");
        var credential = issued.GetProperty("credential").GetString()!;
        var id = issued.GetProperty("id").GetString()!;
        Assert.StartsWith($"taishan.{Desk}.d-{id}-", credential, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-" + Desk, credential, StringComparison.Ordinal);
        var expires = issued.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));

        Assert.Equal(HttpStatusCode.OK, await InboxAsync(f.Http, Desk, Device(credential)));
        // Only for its own station; a changed secret is no credential; a device credential cannot make another.
        Assert.Equal(HttpStatusCode.Forbidden, await InboxAsync(f.Http, "ts-daiding-police", Device(credential)));
        var tampered = credential[..^1] + (credential[^1] == '0' ? '1' : '0');
        Assert.Equal(HttpStatusCode.Unauthorized, await InboxAsync(f.Http, Desk, Device(tampered)));
        using (var again = await f.SendAsync(HttpMethod.Post, "/api/signin/devices", Device(credential), new { label = "copy" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }

        // The admin sees it by station and name, never its secret.
        using (var list = await f.SendAsync(HttpMethod.Get, "/api/admin/devices", GridAidFixture.TaishanAdmin))
        {
            var body = await list.Content.ReadAsStringAsync();
            var mine = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == id);
            Assert.Equal(Desk, mine.GetProperty("principal").GetString());
            Assert.Equal("前台平板 · desk tablet", mine.GetProperty("label").GetString());
            Assert.DoesNotContain(credential.Split('.')[2], body, StringComparison.Ordinal);
            Assert.DoesNotContain("secretHash", body, StringComparison.OrdinalIgnoreCase);
        }

        // A station may not list or revoke sign-ins.
        using (var station = await f.SendAsync(HttpMethod.Delete, $"/api/admin/devices/{id}", GridAidFixture.Station(Desk)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, station.StatusCode);
        }

        using (var revoke = await f.SendAsync(HttpMethod.Delete, $"/api/admin/devices/{id}", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await InboxAsync(f.Http, Desk, Device(credential)));
        using (var twice = await f.SendAsync(HttpMethod.Delete, $"/api/admin/devices/{id}", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        }

        // The access code itself still works: revoking a device ends only that device's sign-in.
        Assert.Equal(HttpStatusCode.OK, await InboxAsync(f.Http, Desk, GridAidFixture.Station(Desk)));
    }

    [Fact]
    public async Task Signing_out_ends_the_device_sign_in_and_the_browser_name_labels_it()
    {
        var issued = await RememberAsync(f.Http, GridAidFixture.Station("ts-zhongtianmen-police"));
        Assert.Equal(HttpStatusCode.OK, await InboxAsync(f.Http, "ts-zhongtianmen-police", Device(issued.GetProperty("credential").GetString()!)));

        var listed = await f.GetJsonAsync("/api/admin/devices", GridAidFixture.TaishanAdmin);
        var mine = Assert.Single(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == issued.GetProperty("id").GetString());
        Assert.Equal("GridAidTest/1.0", mine.GetProperty("label").GetString());

        using (var signOut = await f.SendAsync(HttpMethod.Delete, "/api/signin/devices/current", Device(issued.GetProperty("credential").GetString()!)))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await InboxAsync(f.Http, "ts-zhongtianmen-police", Device(issued.GetProperty("credential").GetString()!)));
        listed = await f.GetJsonAsync("/api/admin/devices", GridAidFixture.TaishanAdmin);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == issued.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_new_access_code_ends_every_device_sign_in_made_with_the_old_one()
    {
        var stationId = "ts-device-" + Guid.NewGuid().ToString("N")[..8];
        using (var put = await f.SendAsync(HttpMethod.Put, $"/api/admin/stations/{stationId}", GridAidFixture.TaishanAdmin,
            new { name = new { zh = "设备测试小店", en = "Device Test Shop" }, type = "grid_member" }))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        try
        {
            var first = await NewCodeAsync(stationId);
            var issued = await RememberAsync(f.Http, GridAidFixture.Bearer("taishan", stationId, first));
            var credential = issued.GetProperty("credential").GetString()!;
            Assert.Equal(HttpStatusCode.OK, await InboxAsync(f.Http, stationId, Device(credential)));

            var second = await NewCodeAsync(stationId);
            Assert.Equal(HttpStatusCode.Unauthorized, await InboxAsync(f.Http, stationId, Device(credential)));
            Assert.Equal(HttpStatusCode.OK, await InboxAsync(f.Http, stationId, GridAidFixture.Bearer("taishan", stationId, second)));
        }
        finally
        {
            using var _ = await f.SendAsync(HttpMethod.Delete, $"/api/admin/stations/{stationId}", GridAidFixture.TaishanAdmin);
        }
    }

    [Fact]
    public async Task A_device_sign_in_ends_at_its_lifetime()
    {
        // Its own storage: a second host on the shared one would take the shared host's queue messages.
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["GridAid:DeviceSignInLifetime"] = "00:00:02",
            ["GridAid:RateLimits:Enabled"] = "false",
        });
        var issued = await RememberAsync(host.Http, GridAidFixture.Station(Desk));
        var credential = issued.GetProperty("credential").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await InboxAsync(host.Http, Desk, Device(credential)));

        await Task.Delay(issued.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        Assert.Equal(HttpStatusCode.Unauthorized, await InboxAsync(host.Http, Desk, Device(credential)));
    }

    private async Task<string> NewCodeAsync(string stationId)
    {
        using var rotate = await f.SendAsync(HttpMethod.Post, $"/api/admin/stations/{stationId}/access-code", GridAidFixture.TaishanAdmin);
        Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        return (await rotate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessCode").GetString()!;
    }
}
