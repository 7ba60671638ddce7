using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAid.IntegrationTests;

/// <summary>
/// An admin changes the area's directory through the API. The fixture is shared and other tests rely on the Taishan
/// demo directory, so every test creates its own <c>ts-test-…</c> stations, cells and points and deletes them again.
/// </summary>
[Collection(SharedGridAid.Name)]
public class DirectoryAdminTests(GridAidFixture f)
{
    private static readonly AuthenticationHeaderValue Admin = GridAidFixture.TaishanAdmin;
    private static readonly AuthenticationHeaderValue LaoshanAdmin = GridAidFixture.Bearer("laoshan", "admin", "ls-admin-code");

    private static string NewId() => "ts-test-" + Guid.NewGuid().ToString("N")[..8];

    private static object StationBody(string en = "Test Station", string type = "grid_member") =>
        new { name = new { zh = "测试站点", en }, type, phone = "0538-0000999" };

    private static object CellBody(string[] stations, string[]? neighbours = null) =>
        new { name = new { zh = "测试网格", en = "Test cell" }, stationIds = stations, neighbourCellIds = neighbours ?? [] };

    private static object PointBody(string cell) => new { name = new { zh = "测试点位", en = "Test point" }, gridCellId = cell };

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string url, AuthenticationHeaderValue? auth = null, object? body = null)
    {
        using var response = await f.SendAsync(method, url, auth, body);
        return response.StatusCode;
    }

    private async Task<JsonElement> NewCodeAsync(string stationId)
    {
        using var response = await f.SendAsync(HttpMethod.Post, $"/api/admin/stations/{stationId}/access-code", Admin);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task CleanUpAsync(string? point = null, string[]? cells = null, string[]? stations = null)
    {
        if (point is not null)
        {
            await StatusAsync(HttpMethod.Delete, $"/api/admin/points/{point}", Admin);
        }

        foreach (var cell in cells ?? [])
        {
            await StatusAsync(HttpMethod.Delete, $"/api/admin/cells/{cell}", Admin);
        }

        foreach (var station in stations ?? [])
        {
            await StatusAsync(HttpMethod.Delete, $"/api/admin/stations/{station}", Admin);
        }
    }

    [Fact]
    public async Task A_new_station_cell_and_point_are_listed_and_a_report_there_reaches_the_new_station()
    {
        var (station, cell, point) = (NewId(), NewId(), NewId());
        try
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(HttpMethod.Put, $"/api/admin/stations/{station}", Admin, StationBody()));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Put, $"/api/admin/stations/{station}", Admin, StationBody("Test Station 2")));
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(HttpMethod.Put, $"/api/admin/cells/{cell}", Admin, CellBody([station], ["tianjie"])));
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(HttpMethod.Put, $"/api/admin/points/{point}", Admin, PointBody(cell)));

            var directory = await f.GetJsonAsync("/api/admin/directory", Admin);
            Assert.Equal("taishan", directory.GetProperty("area").GetProperty("id").GetString());
            var listed = directory.GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("id").GetString() == station);
            Assert.Equal("Test Station 2", listed.GetProperty("name").GetProperty("en").GetString());
            Assert.Equal("grid_member", listed.GetProperty("type").GetString());
            Assert.Contains(directory.GetProperty("cells").EnumerateArray(), c => c.GetProperty("id").GetString() == cell);
            Assert.Contains(directory.GetProperty("points").EnumerateArray(), p => p.GetProperty("code").GetString() == point);

            // The public point lookup and routing see it at once: a write clears this instance's directory cache.
            var detail = await f.GetJsonAsync($"/api/points/{point}");
            Assert.Equal(station, detail.GetProperty("station").GetProperty("id").GetString());
            var credential = (await NewCodeAsync(station)).GetProperty("credential").GetString()!;
            var code = await f.SubmitAsync(GridAidFixture.LostItem(point));
            var auth = new AuthenticationHeaderValue("Bearer", credential);
            await f.WaitForAlertAsync(station, code, auth);

            // A station with an open alert cannot be deleted (nobody could act on the alert any more); resolved, it can.
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(HttpMethod.Delete, $"/api/admin/points/{point}", Admin));
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(HttpMethod.Delete, $"/api/admin/cells/{cell}", Admin));
            Assert.Equal(HttpStatusCode.Conflict, await StatusAsync(HttpMethod.Delete, $"/api/admin/stations/{station}", Admin));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Post, $"/api/stations/{station}/alerts/{code}/resolve", auth));
        }
        finally
        {
            await CleanUpAsync(point, [cell], [station]);
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Get, $"/api/points/{point}"));
        var after = await f.GetJsonAsync("/api/admin/directory", Admin);
        Assert.DoesNotContain(after.GetProperty("stations").EnumerateArray(), s => s.GetProperty("id").GetString() == station);
        Assert.DoesNotContain(after.GetProperty("points").EnumerateArray(), p => p.GetProperty("code").GetString() == point);
    }

    [Fact]
    public async Task A_new_access_code_works_once_shown_and_the_previous_one_stops()
    {
        var station = NewId();
        try
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(HttpMethod.Put, $"/api/admin/stations/{station}", Admin, StationBody()));
            var first = await NewCodeAsync(station);
            Assert.Equal(station, first.GetProperty("stationId").GetString());
            var code = first.GetProperty("accessCode").GetString()!;
            Assert.Equal($"taishan.{station}.{code}", first.GetProperty("credential").GetString());
            var firstAuth = new AuthenticationHeaderValue("Bearer", first.GetProperty("credential").GetString());
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, $"/api/stations/{station}/alerts", firstAuth));

            var second = await NewCodeAsync(station);
            var secondAuth = new AuthenticationHeaderValue("Bearer", second.GetProperty("credential").GetString());
            Assert.NotEqual(code, second.GetProperty("accessCode").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, $"/api/stations/{station}/alerts", firstAuth));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, $"/api/stations/{station}/alerts", secondAuth));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Post, $"/api/admin/stations/{NewId()}/access-code", Admin));

            // Deleting the station deletes its access code with it.
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(HttpMethod.Delete, $"/api/admin/stations/{station}", Admin));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, $"/api/stations/{station}/alerts", secondAuth));
        }
        finally
        {
            await CleanUpAsync(stations: [station]);
        }
    }

    [Fact]
    public async Task What_is_still_used_cannot_be_deleted_and_a_point_code_of_another_area_cannot_be_taken()
    {
        var (station, cell, neighbour, point) = (NewId(), NewId(), NewId(), NewId());
        try
        {
            await StatusAsync(HttpMethod.Put, $"/api/admin/stations/{station}", Admin, StationBody());
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(HttpMethod.Put, $"/api/admin/cells/{cell}", Admin, CellBody([station])));
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(HttpMethod.Put, $"/api/admin/cells/{neighbour}", Admin, CellBody([station], [cell, "tianjie"])));
            await StatusAsync(HttpMethod.Put, $"/api/admin/points/{point}", Admin, PointBody(cell));

            using var used = await f.SendAsync(HttpMethod.Delete, $"/api/admin/stations/{station}?lang=en", Admin);
            Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
            Assert.Contains("Grid cells still use", (await used.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, await StatusAsync(HttpMethod.Delete, "/api/admin/stations/ts-daiding-police", Admin));
            Assert.Equal(HttpStatusCode.Conflict, await StatusAsync(HttpMethod.Delete, $"/api/admin/cells/{cell}", Admin));
            Assert.Equal(HttpStatusCode.Conflict, await StatusAsync(HttpMethod.Put, $"/api/admin/points/{LaoshanTestArea.Point}", Admin, PointBody(cell)));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Delete, $"/api/admin/points/{LaoshanTestArea.Point}", Admin));
            var laoshanPoint = await f.GetJsonAsync($"/api/points/{LaoshanTestArea.Point}");
            Assert.Equal(LaoshanTestArea.AreaId, laoshanPoint.GetProperty("area").GetProperty("id").GetString());

            // Once its point is gone the cell can go, and the cells around it forget it.
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(HttpMethod.Delete, $"/api/admin/points/{point}", Admin));
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(HttpMethod.Delete, $"/api/admin/cells/{cell}", Admin));
            var directory = await f.GetJsonAsync("/api/admin/directory", Admin);
            var around = directory.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == neighbour);
            Assert.Equal(["tianjie"], around.GetProperty("neighbourCellIds").EnumerateArray().Select(n => n.GetString()));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Delete, $"/api/admin/cells/{cell}", Admin));
        }
        finally
        {
            await CleanUpAsync(point, [cell, neighbour], [station]);
        }
    }

    [Fact]
    public async Task Invalid_changes_get_field_errors_in_both_languages()
    {
        using var badId = await f.SendAsync(HttpMethod.Put, "/api/admin/stations/Bad_Id?lang=en", Admin, StationBody(type: "volunteer"));
        using var unknownCell = await f.SendAsync(HttpMethod.Put, $"/api/admin/points/{NewId()}", Admin, PointBody("no-such-cell"));
        using var noStations = await f.SendAsync(HttpMethod.Put, $"/api/admin/cells/{NewId()}", Admin, CellBody([], ["no-such-cell"]));
        using var unreadable = await f.SendAsync(HttpMethod.Put, $"/api/admin/stations/{NewId()}", Admin, "not an object");

        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("application/problem+json", badId.Content.Headers.ContentType!.MediaType);
        var problem = await badId.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Please check the highlighted fields", problem.GetProperty("title").GetString());
        Assert.Equal("请检查标出的内容", problem.GetProperty("titles").GetProperty("zh").GetString());
        Assert.Equal("id_invalid", problem.GetProperty("codes").GetProperty("id")[0].GetString());
        Assert.Equal("invalid_choice", problem.GetProperty("codes").GetProperty("type")[0].GetString());
        Assert.StartsWith("Use lower-case", problem.GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, unknownCell.StatusCode);
        var cellProblem = await unknownCell.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cell_unknown", cellProblem.GetProperty("codes").GetProperty("gridCellId")[0].GetString());
        Assert.Equal("请选择本景区的网格", cellProblem.GetProperty("errors").GetProperty("gridCellId")[0].GetString());

        var stationsProblem = await noStations.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stations_required", stationsProblem.GetProperty("codes").GetProperty("stationIds")[0].GetString());
        Assert.Equal("cell_unknown", stationsProblem.GetProperty("codes").GetProperty("neighbourCellIds")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(HttpMethod.Put, "/api/admin/stations/admin", Admin, StationBody()));
    }

    [Fact]
    public async Task Only_the_areas_admin_may_read_or_change_its_directory()
    {
        var station = GridAidFixture.Station("ts-daiding-police");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, "/api/admin/directory"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(HttpMethod.Get, "/api/admin/directory", station));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(HttpMethod.Put, $"/api/admin/stations/{NewId()}", station, StationBody()));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(HttpMethod.Post, "/api/admin/stations/ts-daiding-police/access-code", station));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(HttpMethod.Delete, "/api/admin/points/ts-nantianmen", station));

        // The Laoshan admin sees Laoshan only and cannot reach Taishan's stations, cells or points.
        var laoshan = await f.GetJsonAsync("/api/admin/directory", LaoshanAdmin);
        Assert.Equal("laoshan", laoshan.GetProperty("area").GetProperty("id").GetString());
        Assert.Equal([LaoshanTestArea.Station], laoshan.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal([LaoshanTestArea.Point], laoshan.GetProperty("points").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Delete, "/api/admin/stations/ts-hongmen-police", LaoshanAdmin));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Delete, "/api/admin/cells/tianjie", LaoshanAdmin));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Delete, "/api/admin/points/ts-nantianmen", LaoshanAdmin));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Post, "/api/admin/stations/ts-hongmen-police/access-code", LaoshanAdmin));
        Assert.Equal(HttpStatusCode.Conflict, await StatusAsync(HttpMethod.Put, "/api/admin/points/ts-nantianmen", LaoshanAdmin, PointBody("taiqing")));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(HttpMethod.Put, "/api/admin/cells/taiqing", LaoshanAdmin, CellBody(["ts-hongmen-police"])));

        var taishan = await f.GetJsonAsync("/api/admin/directory", Admin);
        Assert.Contains(taishan.GetProperty("stations").EnumerateArray(), s => s.GetProperty("id").GetString() == "ts-hongmen-police");
        Assert.Equal("taishan", (await f.GetJsonAsync("/api/points/ts-nantianmen")).GetProperty("area").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/api/stations/ts-hongmen-police/alerts", GridAidFixture.Station("ts-hongmen-police")));
    }
}
