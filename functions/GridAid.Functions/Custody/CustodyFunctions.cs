using GridAid.Core.Custody;
using GridAid.Core.Reports;

namespace GridAid.Functions.Custody;

/// <summary>
/// Found items in custody (docs/custody.md): a station takes one in (where it is kept, the notice date), reads its list
/// (nearest deadline first), and hands an item to the police or disposes of it; the admin reads the area's list. The
/// hand-over to the owner is the match's (<c>Matching/MatchActions</c>), which takes the item out of custody.
/// </summary>
public sealed class CustodyFunctions(CustodyActions actions)
{
    [Function(nameof(ListStationCustody))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationCustody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/custody")] HttpRequest req, string stationId, CancellationToken ct) =>
        ApiResults.Json(await actions.ListAsync(req.Caller().AreaId, stationId, ct));

    [Function(nameof(ListAreaCustody))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListAreaCustody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/custody")] HttpRequest req, CancellationToken ct) =>
        ApiResults.Json(await actions.ListAsync(req.Caller().AreaId, null, ct));

    /// <summary>
    /// <c>{"storage": "储物柜 3 / locker 3", "noticeAt": "…"}</c>: takes the found item into the station's custody, or
    /// changes where it is kept or the notice date (today unless given; the deadline is one year later).
    /// </summary>
    [Function(nameof(TakeIntoCustody))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> TakeIntoCustody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "stations/{stationId}/alerts/{trackingCode}/custody")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<CustodyRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var result = TrackingCode.Normalize(trackingCode) is { } code
            ? await actions.TakeAsync(req.Caller().AreaId, stationId, code, body.Storage, body.NoticeAt, ct)
            : new CustodyResult(CustodyOutcome.NoReport);
        return Answer(result, req.Language());
    }

    /// <summary><c>{"to": "police"|"disposed", "note": "…"}</c>: the item leaves the station's custody (a disposal says how).</summary>
    [Function(nameof(ReleaseFromCustody))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> ReleaseFromCustody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/custody/{trackingCode}/release")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<ReleaseRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var lang = req.Language();
        if (body.To is not ("police" or "disposed") || !WireNames.TryParse<CustodyEnd>(body.To, out var to))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "请选择交给派出所（police）或处置（disposed）", "Choose \"police\" or \"disposed\"", lang);
        }

        var result = TrackingCode.Normalize(trackingCode) is { } code
            ? await actions.ReleaseAsync(req.Caller().AreaId, stationId, code, to, body.Note, ct)
            : new CustodyResult(CustodyOutcome.NotHeld);
        return Answer(result, lang);
    }

    internal static IActionResult Answer(CustodyResult result, string? lang) => result switch
    {
        { Outcome: CustodyOutcome.Done, Item: { } item } => ApiResults.Json(item),
        { Outcome: CustodyOutcome.NoReport } => ApiResults.NotFound("此站点没有该报告的警报", "This station has no alert for that report"),
        { Outcome: CustodyOutcome.NotHeld } => ApiResults.NotFound("此物品不在保管中", "That item is not in custody"),
        { Refusal: CustodyRefusal.NotFoundItem } => ApiResults.Problem(StatusCodes.Status409Conflict, "只有拾获物品可以保管", "Only a found item is kept in custody", lang),
        { Refusal: CustodyRefusal.StorageInvalid } => ApiResults.Problem(StatusCodes.Status400BadRequest,
            $"请填写存放位置（最多{CustodyRules.MaxStorageLength}字）", $"Say where it is kept (at most {CustodyRules.MaxStorageLength} characters)", lang),
        { Refusal: CustodyRefusal.NoticeInvalid } => ApiResults.Problem(StatusCodes.Status400BadRequest,
            "招领公告日期不能晚于今天，也不能早于报告日期", "The notice date cannot be after today or before the report", lang),
        { Refusal: CustodyRefusal.HeldElsewhere } => ApiResults.Problem(StatusCodes.Status409Conflict, "此物品由另一个站点保管", "Another station holds this item", lang),
        { Refusal: CustodyRefusal.Released } => ApiResults.Problem(StatusCodes.Status409Conflict, "此物品已不在保管中", "This item has already left custody", lang),
        { Refusal: CustodyRefusal.NotHolder } => ApiResults.Problem(StatusCodes.Status403Forbidden, "只有保管此物品的站点可以移交或处置", "Only the station holding the item hands it over or disposes of it", lang),
        _ => ApiResults.Problem(StatusCodes.Status400BadRequest,
            $"处置时请写明处置方式（最多{CustodyRules.MaxNoteLength}字）", $"Say how it was disposed of (at most {CustodyRules.MaxNoteLength} characters)", lang),
    };
}

public sealed class CustodyRequest
{
    public string? Storage { get; set; }

    public DateTimeOffset? NoticeAt { get; set; }
}

public sealed class ReleaseRequest
{
    public string? To { get; set; }

    public string? Note { get; set; }
}
