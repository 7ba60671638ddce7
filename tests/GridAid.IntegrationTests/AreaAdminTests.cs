using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Security;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests;

/// <summary>
/// An admin renames the area, moves its duty station and replaces their own access code. Each test works in an area
/// of its own (created here), so a changed name, duty station or admin code touches no other test.
/// </summary>
[Collection(SharedGridAid.Name)]
public class AreaAdminTests(GridAidFixture f)
{
    private const string Post = "aa-post";
    private const string Shop = "aa-shop";

    private sealed record TestArea(string Id, string AdminCode)
    {
        public AuthenticationHeaderValue Admin => GridAidFixture.Bearer(Id, "admin", AdminCode);

        public AuthenticationHeaderValue Station(string id) => GridAidFixture.Bearer(Id, id, "code-" + id);
    }

    private async Task<TestArea> NewAreaAsync()
    {
        var id = "aa-" + Guid.NewGuid().ToString("N")[..8];
        var seed = new AreaSeed(
            new Area(id, new("测试景区", "Test Area"), Post),
            [
                new Station(id, Post, new("测试派出所", "Test Police Post"), StationType.PolicePost),
                new Station(id, Shop, new("测试小店", "Test Shop"), StationType.GridMember),
            ],
            [],
            [],
            new Dictionary<string, string> { [Post] = "code-" + Post, [Shop] = "code-" + Shop, ["admin"] = "admin-" + id });
        Assert.Equal(AreaCreation.Created, (await f.Host.Get<DirectoryStore>().CreateAreaAsync(seed, CancellationToken.None)).Outcome);
        return new TestArea(id, "admin-" + id);
    }

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string url, AuthenticationHeaderValue? auth, object? body = null)
    {
        using var response = await f.SendAsync(method, url, auth, body);
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RawAsync(HttpMethod method, string url, AuthenticationHeaderValue auth, string? json)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = auth;
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await f.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task An_admin_renames_the_area_and_moves_its_duty_station_and_reports_follow_at_once()
    {
        var area = await NewAreaAsync();

        using var put = await f.SendAsync(HttpMethod.Put, "/api/admin/area", area.Admin, new { name = new { zh = " 新名字 ", en = " New Name " }, defaultStationId = Shop });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var answered = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(area.Id, answered.GetProperty("id").GetString());
        Assert.Equal("New Name", answered.GetProperty("name").GetProperty("en").GetString());
        Assert.Equal(Shop, answered.GetProperty("defaultStationId").GetString());

        var directory = await f.GetJsonAsync("/api/admin/directory", area.Admin);
        Assert.Equal("新名字", directory.GetProperty("area").GetProperty("name").GetProperty("zh").GetString());
        Assert.Equal(Shop, directory.GetProperty("area").GetProperty("defaultStationId").GetString());

        // A report naming the area without a point goes to the new duty station.
        var code = await f.SubmitAsync(new { kind = "found_item", area = area.Id, description = "一个黑色背包", lang = "zh-CN", clientRequestId = GridAidFixture.NewRequestId(), details = new { category = "bag" } });
        await f.WaitForAlertAsync(Shop, code, area.Station(Shop));

        // The duty station cannot be deleted; the former one now can.
        Assert.Equal(HttpStatusCode.Conflict, await StatusAsync(HttpMethod.Delete, $"/api/admin/stations/{Shop}", area.Admin));
        Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(HttpMethod.Delete, $"/api/admin/stations/{Post}", area.Admin));
    }

    [Fact]
    public async Task Area_changes_need_both_names_and_a_station_of_the_area()
    {
        var area = await NewAreaAsync();

        var (status, empty) = await RawAsync(HttpMethod.Put, "/api/admin/area", area.Admin, "{}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["name.zh", "name.en", "defaultStationId"], empty.GetProperty("codes").EnumerateObject().Select(p => p.Name).ToArray());

        // Another area's station is no station of this one.
        var (foreign, body) = await RawAsync(HttpMethod.Put, "/api/admin/area?lang=en", area.Admin,
            JsonSerializer.Serialize(new { name = new { zh = "名", en = "Name" }, defaultStationId = LaoshanTestArea.Station }));
        Assert.Equal(HttpStatusCode.BadRequest, foreign);
        Assert.Equal("station_unknown", body.GetProperty("codes").GetProperty("defaultStationId")[0].GetString());
        Assert.Contains("station of this area", body.GetProperty("errors").GetProperty("defaultStationId")[0].GetString(), StringComparison.Ordinal);

        var directory = await f.GetJsonAsync("/api/admin/directory", area.Admin);
        Assert.Equal("Test Area", directory.GetProperty("area").GetProperty("name").GetProperty("en").GetString());
        Assert.Equal(Post, directory.GetProperty("area").GetProperty("defaultStationId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(HttpMethod.Put, "/api/admin/area", area.Station(Post), new { name = new { zh = "名", en = "Name" }, defaultStationId = Post }));
    }

    [Fact]
    public async Task An_admin_replaces_their_own_code_only_when_confirmed_and_the_old_one_stops_at_once()
    {
        var area = await NewAreaAsync();

        // Without the confirmation (the access matrix sends {}), nothing changes.
        foreach (var body in new[] { "{}", "{\"confirm\":false}", "{\"confirm\":\"yes\"}" })
        {
            var (status, problem) = await RawAsync(HttpMethod.Post, "/api/admin/access-code", area.Admin, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            if (problem.TryGetProperty("codes", out var codes))
            {
                Assert.Equal("confirm_required", codes.GetProperty("confirm")[0].GetString());
            }
        }

        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(HttpMethod.Post, "/api/admin/access-code", area.Admin));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/api/admin/directory", area.Admin));

        using var rotated = await f.SendAsync(HttpMethod.Post, "/api/admin/access-code", area.Admin, new { confirm = true });
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        Assert.Equal("no-store", rotated.Headers.CacheControl?.ToString());
        var issued = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var code = issued.GetProperty("accessCode").GetString()!;
        Assert.Equal(AccessCode.CodeLength, code.Length);
        Assert.Equal($"{area.Id}.admin.{code}", issued.GetProperty("credential").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, "/api/admin/directory", area.Admin));
        var fresh = new AuthenticationHeaderValue("Bearer", issued.GetProperty("credential").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/api/admin/directory", fresh));

        // Stations and other areas' admins keep their codes.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, $"/api/stations/{Post}/alerts", area.Station(Post)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/api/admin/directory", GridAidFixture.TaishanAdmin));
    }
}
