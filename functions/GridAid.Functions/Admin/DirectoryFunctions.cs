using System.Text.Json;
using GridAid.Core.Directory;
using GridAid.Core.Serialization;
using GridAid.Functions.Auth;
using GridAid.Functions.Directory;
using GridAid.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.Functions.Admin;

/// <summary>The area admin manages the area's stations, grid cells, QR points and station access codes.</summary>
public sealed class DirectoryFunctions(CallerAuthenticator auth, DirectoryAdmin directory)
{
    [Function(nameof(GetDirectory))]
    public Task<IActionResult> GetDirectory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/directory")] HttpRequest req, CancellationToken ct) =>
        AsAdminAsync(req, areaId => directory.GetAsync(areaId, ct), ct);

    [Function(nameof(PutStation))]
    public Task<IActionResult> PutStation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/stations/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        WithBodyAsync<StationInput>(req, (areaId, body) => directory.PutStationAsync(areaId, id, body, Lang(req), ct), ct);

    [Function(nameof(DeleteStation))]
    public Task<IActionResult> DeleteStation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/stations/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        AsAdminAsync(req, areaId => directory.DeleteStationAsync(areaId, id, Lang(req), ct), ct);

    [Function(nameof(NewStationAccessCode))]
    public Task<IActionResult> NewStationAccessCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/stations/{id}/access-code")] HttpRequest req, string id, CancellationToken ct) =>
        AsAdminAsync(req, areaId => directory.NewAccessCodeAsync(areaId, id, ct), ct);

    [Function(nameof(PutCell))]
    public Task<IActionResult> PutCell(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/cells/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        WithBodyAsync<CellInput>(req, (areaId, body) => directory.PutCellAsync(areaId, id, body, Lang(req), ct), ct);

    [Function(nameof(DeleteCell))]
    public Task<IActionResult> DeleteCell(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/cells/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        AsAdminAsync(req, areaId => directory.DeleteCellAsync(areaId, id, Lang(req), ct), ct);

    [Function(nameof(PutPoint))]
    public Task<IActionResult> PutPoint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/points/{code}")] HttpRequest req, string code, CancellationToken ct) =>
        WithBodyAsync<PointInput>(req, (areaId, body) => directory.PutPointAsync(areaId, code, body, Lang(req), ct), ct);

    [Function(nameof(DeletePoint))]
    public Task<IActionResult> DeletePoint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/points/{code}")] HttpRequest req, string code, CancellationToken ct) =>
        AsAdminAsync(req, areaId => directory.DeletePointAsync(areaId, code, ct), ct);

    private async Task<IActionResult> AsAdminAsync(HttpRequest req, Func<string, Task<IActionResult>> handle, CancellationToken ct)
    {
        var (admin, denied) = await auth.AuthorizeAdminAsync(req, ct);
        return admin is null ? denied! : await handle(admin.AreaId);
    }

    private Task<IActionResult> WithBodyAsync<T>(HttpRequest req, Func<string, T?, Task<IActionResult>> handle, CancellationToken ct)
        where T : class =>
        AsAdminAsync(req, async areaId =>
        {
            T? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<T>(req.Body, GridAidJson.Options, ct);
            }
            catch (JsonException)
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "无法读取提交的内容", "The request could not be read", Lang(req));
            }

            return await handle(areaId, body);
        }, ct);

    /// <summary>The language of messages: <c>?lang=</c>, else the browser's Accept-Language.</summary>
    private static string? Lang(HttpRequest req) =>
        req.Query["lang"].FirstOrDefault() is { Length: > 0 } lang ? lang : req.Headers.AcceptLanguage.FirstOrDefault();
}
