using GridAid.Core.Custody;
using GridAid.Core.Reports;
using GridAid.Core.Text;

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
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.choosePoliceOrDisposed"), lang);
        }

        var result = TrackingCode.Normalize(trackingCode) is { } code
            ? await actions.ReleaseAsync(req.Caller().AreaId, stationId, code, to, body.Note, ct)
            : new CustodyResult(CustodyOutcome.NotHeld);
        return Answer(result, lang);
    }

    internal static IActionResult Answer(CustodyResult result, string? lang) => result switch
    {
        { Outcome: CustodyOutcome.Done, Item: { } item } => ApiResults.Json(item),
        { Outcome: CustodyOutcome.NoReport } => ApiResults.NotFound(Texts.Of("problem.thisStationHasNoAlert")),
        { Outcome: CustodyOutcome.NotHeld } => ApiResults.NotFound(Texts.Of("problem.thatItemIsNotIn")),
        { Refusal: CustodyRefusal.NotFoundItem } => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.onlyAFoundItemIs"), lang),
        { Refusal: CustodyRefusal.StorageInvalid } => ApiResults.Problem(StatusCodes.Status400BadRequest,
            Texts.Of("problem.sayWhereItIsKept", ("maxStorageLength", CustodyRules.MaxStorageLength)), lang),
        { Refusal: CustodyRefusal.NoticeInvalid } => ApiResults.Problem(StatusCodes.Status400BadRequest,
            Texts.Of("problem.theNoticeDateCannotBe"), lang),
        { Refusal: CustodyRefusal.HeldElsewhere } => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.anotherStationHoldsThisItem"), lang),
        { Refusal: CustodyRefusal.Released } => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.thisItemHasAlreadyLeft"), lang),
        { Refusal: CustodyRefusal.NotHolder } => ApiResults.Problem(StatusCodes.Status403Forbidden, Texts.Of("problem.onlyTheStationHoldingThe"), lang),
        _ => ApiResults.Problem(StatusCodes.Status400BadRequest,
            Texts.Of("problem.sayHowItWasDisposed", ("maxNoteLength", CustodyRules.MaxNoteLength)), lang),
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
