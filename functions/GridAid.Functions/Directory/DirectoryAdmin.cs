using GridAid.Core.Directory;
using GridAid.Core.Security;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GridAid.Functions.Directory;

/// <summary>
/// An area admin changes the area's stations, grid cells, QR points and station access codes. Every change is
/// checked by <see cref="DirectoryRules"/> against the directory read fresh from the table (not the cache), then
/// written, then this instance's <see cref="DirectoryCache"/> is cleared so routing and sign-in here see it at once;
/// other instances see it within <see cref="DirectoryCache.Ttl"/> (30 s), a replaced access code included.
/// Deleting a grid cell removes it from the neighbour lists of the cells around it (one transaction).
/// Two admins changing the same area at the same instant are not serialized: the last write wins.
/// </summary>
public sealed class DirectoryAdmin(DirectoryStore store, DirectoryCache cache, AlertStore alerts)
{
    public async Task<IActionResult> GetAsync(string areaId, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        return ApiResults.Json(new
        {
            area = area.Area,
            stations = area.Stations.OrderBy(s => s.Id, StringComparer.Ordinal).ToList(),
            cells = area.Cells.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(),
            points = area.Points.OrderBy(p => p.Code, StringComparer.Ordinal).ToList(),
        });
    }

    public async Task<IActionResult> PutStationAsync(string areaId, string id, StationInput? input, string? lang, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        var (station, errors) = DirectoryRules.Station(area, id, input);
        if (station is null)
        {
            return ApiResults.ValidationProblem(errors, lang);
        }

        await store.UpsertStationAsync(station, ct);
        cache.Clear();
        return ApiResults.Json(station, area.FindStation(id) is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public async Task<IActionResult> DeleteStationAsync(string areaId, string id, string? lang, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        if (area.FindStation(id) is null)
        {
            return ApiResults.NotFound("未找到该站点", "No station has this id");
        }

        switch (DirectoryRules.StationInUse(area, id))
        {
            case "default":
                return ApiResults.Problem(StatusCodes.Status409Conflict,
                    "这是景区的值班站点，不能删除", "This is the area's duty station: it cannot be deleted", lang);
            case not null:
                return ApiResults.Problem(StatusCodes.Status409Conflict,
                    "仍有网格使用此站点，请先从网格中移除", "Grid cells still use this station: remove it from them first", lang);
        }

        var inbox = await alerts.ListForStationAsync(areaId, id, 1000, ct);
        if (inbox.Any(a => a.Status < Core.Reports.ReportStatus.Resolved))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict,
                "该站点还有未解决的警报，请先转交或解决", "This station still has open alerts: transfer or resolve them first", lang);
        }

        await store.DeleteStationAsync(areaId, id, ct);
        cache.Clear();
        return new NoContentResult();
    }

    public async Task<IActionResult> PutCellAsync(string areaId, string id, CellInput? input, string? lang, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        var (cell, errors) = DirectoryRules.Cell(area, id, input);
        if (cell is null)
        {
            return ApiResults.ValidationProblem(errors, lang);
        }

        await store.UpsertCellAsync(cell, ct);
        cache.Clear();
        return ApiResults.Json(cell, area.FindCell(id) is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public async Task<IActionResult> DeleteCellAsync(string areaId, string id, string? lang, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        if (area.FindCell(id) is null)
        {
            return ApiResults.NotFound("未找到该网格", "No grid cell has this id");
        }

        if (DirectoryRules.CellHasPoints(area, id))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict,
                "网格内仍有二维码点位，请先移走或删除", "QR points are still in this grid cell: move or delete them first", lang);
        }

        if (!await store.DeleteCellAsync(areaId, id, ct))
        {
            return ApiResults.NotFound("未找到该网格", "No grid cell has this id");
        }

        cache.Clear();
        return new NoContentResult();
    }

    public async Task<IActionResult> PutPointAsync(string areaId, string code, PointInput? input, string? lang, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        var (point, errors) = DirectoryRules.Point(area, code, input);
        if (point is null)
        {
            return ApiResults.ValidationProblem(errors, lang);
        }

        if (!await store.UpsertPointAsync(point, ct))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict,
                "该点位编号已被其他景区使用", "This point code belongs to another area", lang);
        }

        cache.Clear();
        return ApiResults.Json(point, area.FindPoint(code) is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public async Task<IActionResult> DeletePointAsync(string areaId, string code, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        if (area.FindPoint(code) is not { } point)
        {
            return ApiResults.NotFound("未找到该点位", "No QR point has this code");
        }

        await store.DeletePointAsync(areaId, point.Code, ct);
        cache.Clear();
        return new NoContentResult();
    }

    /// <summary>A new random access code for a station: only its hash is stored, the code is answered once, the old one stops working.</summary>
    public async Task<IActionResult> NewAccessCodeAsync(string areaId, string stationId, CancellationToken ct)
    {
        if (await store.LoadAsync(areaId, ct) is not { } area)
        {
            return AreaNotFound();
        }

        if (area.FindStation(stationId) is null)
        {
            return ApiResults.NotFound("未找到该站点", "No station has this id");
        }

        var code = AccessCode.NewCode();
        await store.SetAccessHashAsync(areaId, stationId, AccessCode.Hash(areaId, stationId, code), ct);
        cache.Clear();
        return new NoStoreResult(ApiResults.Json(
            new { stationId, accessCode = code, credential = $"{areaId}.{stationId}.{code}" },
            StatusCodes.Status201Created));
    }

    private static IActionResult AreaNotFound() => ApiResults.NotFound("未找到该景区", "No such area");

    /// <summary>An answer carrying a secret: no cache may keep it.</summary>
    private sealed class NoStoreResult(IActionResult inner) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteResultAsync(context);
        }
    }
}
