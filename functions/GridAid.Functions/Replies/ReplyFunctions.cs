using GridAid.Core.Duplicates;
using GridAid.Core.Replies;
using GridAid.Core.Reports;
using GridAid.Core.Text;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Replies;

/// <summary>
/// Replies and notes (docs/replies.md): a station the report reached, or the area's admin, posts a public reply (the
/// reporter reads it on the status page, the no-JS page and Open311's <c>status_notes</c>) or an internal note (staff
/// only); one tap posts a canned reply. The admin edits the canned replies. A station that has either report, or the
/// admin, merges a duplicate into its original.
/// </summary>
public sealed class ReplyFunctions(ReplyActions actions, CannedReplyStore canned)
{
    /// <summary><c>{"text", "visibility": "public"|"internal", "lang"?}</c>, or <c>{"cannedId"}</c> (a public reply in the reporter's language).</summary>
    [Function(nameof(PostReply))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> PostReply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{trackingCode}/replies")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct) =>
        PostAsync(req, stationId, isAdmin: false, trackingCode, ct);

    /// <summary>The admin's reply or note, as the station's (named "the scenic area office" on public views).</summary>
    [Function(nameof(PostReplyAsAdmin))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public Task<IActionResult> PostReplyAsAdmin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/reports/{trackingCode}/replies")] HttpRequest req,
        string trackingCode, CancellationToken ct) =>
        PostAsync(req, Core.Alerts.SharedSearch.Admin, isAdmin: true, trackingCode, ct);

    private async Task<IActionResult> PostAsync(HttpRequest req, string by, bool isAdmin, string trackingCode, CancellationToken ct)
    {
        var lang = req.Language();
        if (!(await req.ReadJsonAsync<ReplyRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        ReplyVisibility visibility;
        if (body.Visibility is null || body.CannedId is not null)
        {
            visibility = ReplyVisibility.Public;
        }
        else if (!WireNames.TryParse(body.Visibility, out visibility))
        {
            var bad = new ValidationErrors();
            bad.Add("visibility", "invalid_choice", ReportRules.Message("invalid_choice"));
            return ApiResults.ValidationProblem(bad, lang);
        }

        var text = ReplyRules.Clean(body.Text);
        if (body.CannedId is null && ReplyRules.Validate("text", text) is { IsValid: false } errors)
        {
            return ApiResults.ValidationProblem(errors, lang);
        }

        var result = TrackingCode.Normalize(trackingCode) is { } code
            ? await actions.PostAsync(req.Caller().AreaId, by, isAdmin, code, visibility, text, body.Lang, body.CannedId, ct)
            : new ReplyResult(ReplyOutcome.NotFound);
        return result.Outcome switch
        {
            ReplyOutcome.Posted => ApiResults.Json(new { replies = result.Replies }, StatusCodes.Status201Created),
            ReplyOutcome.UnknownCanned => ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.thereIsNoSuchCanned"), lang),
            ReplyOutcome.Full => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.thisReportHasMaxperreportReplies", ("maxPerReport", ReplyRules.MaxPerReport)), lang),
            ReplyOutcome.Merged => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.thisReportWasMergedInto", ("mergedInto", result.MergedInto)), lang),
            _ => ApiResults.NotFound(Texts.Of("problem.noSuchReportOrIt")),
        };
    }

    /// <summary>The area's canned replies (the defaults until the admin saves a list), for the station page's one-tap replies.</summary>
    [Function(nameof(ListCannedReplies))]
    [CallableBy(Callers.AreaMember)]
    public async Task<IActionResult> ListCannedReplies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "canned-replies")] HttpRequest req, CancellationToken ct) =>
        ApiResults.Json(CannedReplies.OrDefaults(await canned.GetAsync(req.Caller().AreaId, ct)));

    /// <summary>The same list for the admin's page, with whether it is the defaults.</summary>
    [Function(nameof(GetCannedReplies))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> GetCannedReplies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/canned-replies")] HttpRequest req, CancellationToken ct)
    {
        var saved = await canned.GetAsync(req.Caller().AreaId, ct);
        return ApiResults.Json(new { isDefault = saved is null, replies = CannedReplies.OrDefaults(saved) });
    }

    /// <summary>Replaces the area's canned replies: <c>{"replies": [{id, kind, zh, en}]}</c>, both texts required.</summary>
    [Function(nameof(PutCannedReplies))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutCannedReplies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/canned-replies")] HttpRequest req, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<CannedRepliesRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var (list, errors) = CannedReplies.Validate(body.Replies);
        if (list is null)
        {
            return ApiResults.ValidationProblem(errors, req.Language());
        }

        await canned.PutAsync(req.Caller().AreaId, list, ct);
        return ApiResults.Json(new { isDefault = false, replies = list });
    }

    /// <summary><c>{"into": code}</c>: this report (a duplicate) is merged into that one; both codes then lead to its status. A repeat is a no-op.</summary>
    [Function(nameof(MergeDuplicate))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> MergeDuplicate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{trackingCode}/merge")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct) =>
        MergeAsync(req, stationId, isAdmin: false, trackingCode, ct);

    [Function(nameof(MergeDuplicateAsAdmin))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public Task<IActionResult> MergeDuplicateAsAdmin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/reports/{trackingCode}/merge")] HttpRequest req,
        string trackingCode, CancellationToken ct) =>
        MergeAsync(req, Core.Alerts.SharedSearch.Admin, isAdmin: true, trackingCode, ct);

    private async Task<IActionResult> MergeAsync(HttpRequest req, string by, bool isAdmin, string trackingCode, CancellationToken ct)
    {
        var lang = req.Language();
        if (!(await req.ReadJsonAsync<MergeRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        if (TrackingCode.Normalize(body.Into) is not { } into)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.giveTheTrackingCodeOf"), lang);
        }

        var result = TrackingCode.Normalize(trackingCode) is { } code
            ? await actions.MergeAsync(req.Caller().AreaId, by, isAdmin, code, into, ct)
            : new MergeResult(MergeRefusal.NotFound);
        return result.Refusal switch
        {
            null => ApiResults.Json(new { trackingCode = result.Duplicate, mergedInto = result.Original }),
            MergeRefusal.SameReport => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.aReportCannotBeMerged"), lang),
            MergeRefusal.DifferentKind => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.onlyReportsOfTheSame"), lang),
            MergeRefusal.Person => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.personsAreNotMergedEach"), lang),
            MergeRefusal.MergedElsewhere => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.thisReportWasAlreadyMerged"), lang),
            _ => ApiResults.NotFound(Texts.Of("problem.noSuchReportOrIt")),
        };
    }
}

public sealed record ReplyRequest(string? Text, string? Visibility, string? Lang, string? CannedId);

public sealed record CannedRepliesRequest(IReadOnlyList<CannedReplyInput>? Replies);

public sealed record MergeRequest(string? Into);
