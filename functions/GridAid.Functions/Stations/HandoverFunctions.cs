using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Core.Text;

namespace GridAid.Functions.Stations;

/// <summary>A police post checks the one-time hand-over code the adult shows before a found child is handed over.</summary>
public sealed class HandoverFunctions(HandoverCheck check)
{
    /// <summary>
    /// Body <c>{"code":"123456"}</c>. 200 when it is the reporter's code (recorded on the timeline); 422 when it is not
    /// (refused, recorded too); 429 after too many wrong codes.
    /// </summary>
    [Function(nameof(CheckHandoverCode))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> CheckHandoverCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{trackingCode}/handover-code")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<HandoverCodeRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var lang = req.Language();
        var result = TrackingCode.Normalize(trackingCode) is { } code
            ? await check.CheckAsync(req.Caller().AreaId, stationId, code, body.Code, ct)
            : new HandoverResult(HandoverOutcome.NotFound);
        return result.Outcome switch
        {
            HandoverOutcome.Matched => ApiResults.Json(new { matched = true }),
            HandoverOutcome.Wrong => ApiResults.Problem(StatusCodes.Status422UnprocessableEntity,
                Texts.Of("problem.theHandOverCodeDoes"), lang),
            HandoverOutcome.Malformed => ApiResults.Problem(StatusCodes.Status400BadRequest,
                Texts.Of("problem.theHandOverCodeHas", ("digits", HandoverCode.Digits)), lang),
            HandoverOutcome.NotAPolicePost => ApiResults.Problem(StatusCodes.Status403Forbidden,
                Texts.Of("problem.onlyAPolicePostChecks"), lang),
            HandoverOutcome.NoCode => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.thisReportHasNoHand"), lang),
            HandoverOutcome.Closed => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.theReportIsResolved"), lang),
            HandoverOutcome.Limited => result.Wait is { } wait
                ? ApiResults.RetryAfter(ApiResults.Problem(StatusCodes.Status429TooManyRequests,
                    Texts.Of("problem.tooManyWrongCodesWait"), lang), (int)Math.Ceiling(wait.TotalSeconds))
                : ApiResults.Problem(StatusCodes.Status429TooManyRequests,
                    Texts.Of("problem.tooManyWrongCodesFor"), lang),
            _ => ApiResults.NotFound(Texts.Of("problem.thisStationHasNoSuch2")),
        };
    }
}

/// <summary>The body of a hand-over check: the six digits the adult shows.</summary>
public sealed record HandoverCodeRequest(string? Code);
