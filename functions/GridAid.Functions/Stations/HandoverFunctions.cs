using GridAid.Core.Reports;
using GridAid.Core.Security;

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
                "交接码不一致：不要交接。请家长再看一下手机上的交接码。", "The hand-over code does not match: do not hand over. Ask the parent to look at the code on their phone again.", lang),
            HandoverOutcome.Malformed => ApiResults.Problem(StatusCodes.Status400BadRequest,
                $"交接码是{HandoverCode.Digits}位数字", $"The hand-over code has {HandoverCode.Digits} digits", lang),
            HandoverOutcome.NotAPolicePost => ApiResults.Problem(StatusCodes.Status403Forbidden,
                "只有派出所核对交接码", "Only a police post checks a hand-over code", lang),
            HandoverOutcome.NoCode => ApiResults.Problem(StatusCodes.Status409Conflict,
                "这份报告没有交接码（只有走失人员报告有）", "This report has no hand-over code (only a lost-person report has one)", lang),
            HandoverOutcome.Closed => ApiResults.Problem(StatusCodes.Status409Conflict,
                "报告已结案", "The report is resolved", lang),
            HandoverOutcome.Limited => result.Wait is { } wait
                ? ApiResults.RetryAfter(ApiResults.Problem(StatusCodes.Status429TooManyRequests,
                    "错误次数太多，请稍后再试", "Too many wrong codes: wait a moment before the next one", lang), (int)Math.Ceiling(wait.TotalSeconds))
                : ApiResults.Problem(StatusCodes.Status429TooManyRequests,
                    "这份报告的错误交接码太多，已停止核对：请联系管理员", "Too many wrong codes for this report: checking has stopped, call the admin", lang),
            _ => ApiResults.NotFound("该站点没有这条警报", "This station has no such alert"),
        };
    }
}

/// <summary>The body of a hand-over check: the six digits the adult shows.</summary>
public sealed record HandoverCodeRequest(string? Code);
