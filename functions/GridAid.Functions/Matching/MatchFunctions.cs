using GridAid.Core.Matching;
using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Functions.Matching;

/// <summary>
/// Lost ↔ found: the candidates for an item report a station holds (or its admin reads), best first; for a lost or found
/// person, the people of the other side (<see cref="PersonMatches"/>), in the same route; confirming one as the partner,
/// checking a claim against the owner's hidden detail, and the hand-over (docs/matching.md, "Bringing them together").
/// Only the station holding the report acts; the admin alone may reveal the hidden detail, audited.
/// </summary>
public sealed class MatchFunctions(ItemMatches matches, PersonMatches persons, MatchActions actions)
{
    [Function(nameof(ListAlertMatches))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListAlertMatches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts/{trackingCode}/matches")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct)
    {
        if (await matches.ForAsync(req.Caller(), stationId, trackingCode, ct) is { } items)
        {
            return ApiResults.Json(items);
        }

        // Not an item (or not this station's): a person, read again. Person alerts are few; an item alert costs one read.
        return await persons.ForAsync(req.Caller(), stationId, trackingCode, ct) is { } people
            ? ApiResults.Json(people)
            : NoAlert;
    }

    /// <summary>
    /// Confirms <c>{"with": code}</c> as the partner of the station's report; <c>where</c> (<c>{zh, en}</c>, optional) says
    /// where the owner collects, the station's name by default. Both reports are linked, both timelines say so; a repeat
    /// changes nothing.
    /// </summary>
    [Function(nameof(ConfirmMatch))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> ConfirmMatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{trackingCode}/match")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct) =>
        PairStepAsync<MatchRequest>(req, trackingCode, (body, lang) =>
            string.IsNullOrWhiteSpace(body.With)
                ? ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.giveTheTrackingCodeOf2"), lang)
                : Where(body) is { IsTooLong: true }
                    ? ApiResults.Problem(StatusCodes.Status400BadRequest,
                        Texts.Of("problem.keepWhereToCollectTo", ("maxLength", LocalizedNote.MaxLength)), lang)
                    : null,
            (body, code) => actions.ConfirmAsync(req.Caller().AreaId, stationId, code, body.With!, Where(body), ct), ct);

    private static LocalizedNote? Where(MatchRequest body) => LocalizedNote.Clean(body.Where?.Zh, body.Where?.En);

    /// <summary>
    /// <c>{"claim": what the claimant says}</c> against the owner's hidden detail, on either report of a confirmed pair:
    /// <c>{"match": true|false, "hasSecret": true}</c>, never the detail; <c>{"hasSecret": false}</c> when the owner left
    /// none (identity alone decides). Every check is recorded on both timelines, the text never.
    /// </summary>
    [Function(nameof(CheckClaim))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> CheckClaim(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{trackingCode}/claim-check")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct) =>
        PairStepAsync<ClaimRequest>(req, trackingCode, (body, lang) =>
            string.IsNullOrWhiteSpace(body.Claim) || body.Claim.Length > ClaimText.MaxLength
                ? ApiResults.Problem(StatusCodes.Status400BadRequest,
                    Texts.Of("problem.typeWhatTheClaimantSays", ("maxLength", ClaimText.MaxLength)), lang)
                : null,
            (body, code) => actions.CheckClaimAsync(req.Caller().AreaId, stationId, code, body.Claim!, ct), ct);

    /// <summary>
    /// <c>{"claimantName", "phoneLast4"}</c>: the item is handed over. The record (name, last 4 phone digits, station, time)
    /// is kept on the lost report; both reports are resolved and every station holding either stands down. Refused until
    /// a claim check matched, when the owner left a hidden detail.
    /// </summary>
    [Function(nameof(HandOverItem))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> HandOverItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{trackingCode}/handover")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct) =>
        PairStepAsync<HandoverRequest>(req, trackingCode, (body, lang) =>
            ConfirmedMatch.Claimant(body.ClaimantName, body.PhoneLast4) is null
                ? ApiResults.Problem(StatusCodes.Status400BadRequest,
                    Texts.Of("problem.giveTheClaimantsNameAt", ("maxNameLength", ConfirmedMatch.MaxNameLength)), lang)
                : null,
            (body, code) =>
            {
                var claimant = ConfirmedMatch.Claimant(body.ClaimantName, body.PhoneLast4)!.Value;
                return actions.HandOverAsync(req.Caller().AreaId, stationId, code, claimant.Name, claimant.Last4, ct);
            },
            ct);

    /// <summary>The owner's hidden detail of a lost item, for the area's admin: written to the audit trail.</summary>
    [Function(nameof(RevealClaimSecret))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> RevealClaimSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports/{trackingCode}/secret")] HttpRequest req,
        string trackingCode, CancellationToken ct) =>
        TrackingCode.Normalize(trackingCode) is { } code && await actions.SecretAsync(req.Caller().AreaId, code, ct) is { Found: true } found
            ? ApiResults.NoStore(ApiResults.Json(new { trackingCode = code, secret = found.Secret, hasSecret = found.Secret is not null }))
            : ApiResults.NotFound(Texts.Of("problem.noReport"));

    /// <summary>One step on a pair: the body read, refused by <paramref name="refuse"/> (null: fine), then taken and its outcome answered.</summary>
    private static async Task<IActionResult> PairStepAsync<T>(
        HttpRequest req, string trackingCode, Func<T, string?, IActionResult?> refuse, Func<T, string, Task<PairResult>> take, CancellationToken ct)
        where T : class
    {
        if (!(await req.ReadJsonAsync<T>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var lang = req.Language();
        if (refuse(body, lang) is { } refused)
        {
            return refused;
        }

        return TrackingCode.Normalize(trackingCode) is { } code ? Answer(await take(body, code), lang) : NoAlert;
    }

    private static IActionResult NoAlert => ApiResults.NotFound(Texts.Of("problem.thisStationHasNoAlert"));

    private static IActionResult Answer(PairResult result, string? lang) => result switch
    {
        { Outcome: PairOutcome.Done, ClaimMatched: { } matched } => ApiResults.Json(new { match = matched, hasSecret = true }),
        { Outcome: PairOutcome.Done } => ApiResults.Json(result.Pair!),
        { Outcome: PairOutcome.NoSecret } => ApiResults.Json(new { hasSecret = false }),
        { Outcome: PairOutcome.OtherUnknown } => ApiResults.Problem(StatusCodes.Status404NotFound,
            Texts.Of("problem.noReportOfThisArea"), lang),
        { Outcome: PairOutcome.Refused, Refusal: { } refusal } => Refused(refusal, lang),
        _ => NoAlert,
    };

    private static IActionResult Refused(MatchRefusal refusal, string? lang) => refusal switch
    {
        MatchRefusal.KindsDoNotPair => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.onlyALostItemAnd"), lang),
        MatchRefusal.HandoverCodeNotChecked => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.checkTheParentsHandOver"), lang),
        MatchRefusal.PolicePostOnly => ApiResults.Problem(StatusCodes.Status403Forbidden,
            Texts.Of("problem.onlyAPolicePostConfirms"), lang),
        MatchRefusal.Closed => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.oneOfTheTwoReports"), lang),
        MatchRefusal.SameReport => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.aReportCannotBeMatched"), lang),
        MatchRefusal.MatchedElsewhere => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.oneOfTheTwoReports2"), lang),
        MatchRefusal.NotMatched => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.confirmTheMatchFirst"), lang),
        MatchRefusal.ClaimNotChecked => ApiResults.Problem(StatusCodes.Status409Conflict,
            Texts.Of("problem.theOwnerLeftAHidden"), lang),
        _ => ApiResults.Problem(StatusCodes.Status429TooManyRequests,
            Texts.Of("problem.maxwrongclaimsWrongAnswersInA", ("maxWrongClaims", ConfirmedMatch.MaxWrongClaims)), lang),
    };
}

/// <summary>The body of a confirm: the partner's tracking code, and where the owner collects (optional).</summary>
public sealed record MatchRequest(string? With, LocalizedNote? Where);

public sealed record ClaimRequest(string? Claim);

public sealed record HandoverRequest(string? ClaimantName, string? PhoneLast4);
