using GridAid.Core.Directory;
using GridAid.Core.Inspections;

namespace GridAid.Functions.Directory;

/// <summary>The area admin manages the area (its names, its duty station, their own access code) and its stations, grid cells, QR points, station access codes, small venues and their checklists.</summary>
public sealed class DirectoryFunctions(DirectoryAdmin directory)
{
    [Function(nameof(GetDirectory))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> GetDirectory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/directory")] HttpRequest req, CancellationToken ct) =>
        Answer(req, await directory.GetAsync(req.Caller().AreaId, ct));

    [Function(nameof(PutArea))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutArea(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/area")] HttpRequest req, CancellationToken ct) =>
        (await req.ReadJsonAsync<AreaInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.PutAreaAsync(req.Caller().AreaId, body, ct))
            : problem;

    [Function(nameof(NewAdminAccessCode))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> NewAdminAccessCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/access-code")] HttpRequest req, CancellationToken ct) =>
        (await req.ReadJsonAsync<AdminCodeInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.NewAdminAccessCodeAsync(req.Caller().AreaId, body, ct))
            : problem;

    [Function(nameof(PutStation))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutStation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/stations/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        (await req.ReadJsonAsync<StationInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.PutStationAsync(req.Caller().AreaId, id, body, ct))
            : problem;

    [Function(nameof(DeleteStation))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> DeleteStation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/stations/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        Answer(req, await directory.DeleteStationAsync(req.Caller().AreaId, id, ct));

    [Function(nameof(NewStationAccessCode))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> NewStationAccessCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/stations/{id}/access-code")] HttpRequest req, string id, CancellationToken ct) =>
        Answer(req, await directory.NewAccessCodeAsync(req.Caller().AreaId, id, ct));

    [Function(nameof(PutCell))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutCell(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/cells/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        (await req.ReadJsonAsync<CellInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.PutCellAsync(req.Caller().AreaId, id, body, ct))
            : problem;

    [Function(nameof(DeleteCell))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> DeleteCell(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/cells/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        Answer(req, await directory.DeleteCellAsync(req.Caller().AreaId, id, ct));

    [Function(nameof(PutPoint))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutPoint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/points/{code}")] HttpRequest req, string code, CancellationToken ct) =>
        (await req.ReadJsonAsync<PointInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.PutPointAsync(req.Caller().AreaId, code, body, ct))
            : problem;

    [Function(nameof(DeletePoint))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> DeletePoint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/points/{code}")] HttpRequest req, string code, CancellationToken ct) =>
        Answer(req, await directory.DeletePointAsync(req.Caller().AreaId, code, ct));

    [Function(nameof(PutVenue))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutVenue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/venues/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        (await req.ReadJsonAsync<VenueInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.PutVenueAsync(req.Caller().AreaId, id, body, ct))
            : problem;

    [Function(nameof(DeleteVenue))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> DeleteVenue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/venues/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        Answer(req, await directory.DeleteVenueAsync(req.Caller().AreaId, id, ct));

    [Function(nameof(PutChecklist))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutChecklist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/checklists/{venueType}")] HttpRequest req, string venueType, CancellationToken ct) =>
        (await req.ReadJsonAsync<ChecklistInput>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await directory.PutChecklistAsync(req.Caller().AreaId, venueType, body, ct))
            : problem;

    private static IActionResult Answer(HttpRequest req, DirectoryResult result) => DirectoryResults.ToHttp(result, req.Language());
}
