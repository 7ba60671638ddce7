using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Text;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Stations;

/// <summary>A station's inbox: its alerts, newest first, and the steps it takes on them. Only the station itself acts on its alerts; its admin reads them.</summary>
public sealed class StationFunctions(AlertActions actions, DirectoryCache directory, IOptions<GridAidOptions> options)
{
    /// <summary>The caller's area's stations, for transfer targets and the admin's station filter.</summary>
    [Function(nameof(ListStations))]
    [CallableBy(Callers.AreaMember)]
    public async Task<IActionResult> ListStations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations")] HttpRequest req, CancellationToken ct)
    {
        var area = await directory.GetAsync(req.Caller().AreaId, ct);
        return ApiResults.Json((area?.Stations ?? []).OrderBy(s => s.Type).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new { s.Id, s.Name, s.Type }).ToList());
    }

    /// <summary>
    /// Every open alert (each with the other stations' parts and the search's timeline), then a page of closed ones
    /// (<c>?continuation=</c> from <see cref="InboxResult.ContinuationHeader"/> pages on). Polled every second: while
    /// nothing changed, <c>If-None-Match</c> gets a 304 for one storage read (docs/live-inbox.md).
    /// </summary>
    [Function(nameof(ListStationAlerts))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationAlerts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts")] HttpRequest req, string stationId, CancellationToken ct)
    {
        var areaId = req.Caller().AreaId;
        var continuation = req.Query["continuation"].ToString() is { Length: > 0 and <= 2048 } c ? c : null;
        var etag = InboxResult.ETagOf(await actions.InboxVersionAsync(areaId, stationId, ct), continuation);
        if (req.IfNoneMatch(etag))
        {
            return new InboxResult(etag, null);
        }

        var o = options.Value;
        return new InboxResult(etag, await actions.InboxAsync(areaId, stationId, o.InboxSize, o.InboxClosedPageSize, continuation, ct));
    }

    [Function(nameof(AcknowledgeAlert))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> AcknowledgeAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/ack")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, StationAction.Acknowledge, ct);

    [Function(nameof(StartAlert))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> StartAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/start")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, StationAction.Start, ct);

    /// <summary>A lost person found and being taken to a police post; the search stays open until a police post resolves it.</summary>
    [Function(nameof(FoundHandingOver))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> FoundHandingOver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/found")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, StationAction.FoundHandingOver, ct);

    [Function(nameof(TransferAlert))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> TransferAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/transfer")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<TransferRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        if (body.ToStationId is not { Length: > 0 } target)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.chooseTheStationToHand"), req.Language());
        }

        // The reason is optional: plain text, the replies' limits (staff only: the receiving station's inbox, the timeline).
        var note = Core.Replies.ReplyRules.Clean(body.Note);
        if (note is not null && Core.Replies.ReplyRules.Validate("note", note) is { IsValid: false } errors)
        {
            return ApiResults.ValidationProblem(errors, req.Language());
        }

        var result = TrackingCode.Normalize(reportId) is { } code
            ? await actions.TransferAsync(req.Caller().AreaId, stationId, code, target, ct, note)
            : new TransferResult(TransferOutcome.NotFound);
        return result.Outcome switch
        {
            TransferOutcome.Transferred => ApiResults.Json(result.Alert!),
            TransferOutcome.AlreadyThere => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.thatStationAlreadyHasThis")),
            TransferOutcome.Closed => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.theReportIsResolvedThere")),
            _ => ApiResults.NotFound(Texts.Of("problem.thisStationHasNoSuch")),
        };
    }

    /// <summary>
    /// Resolves the alert. The body is optional (a bodiless post still resolves, as before): <c>{"note": {"zh": …, "en": …}}</c>
    /// is the closing note the tourist's status page shows in their language (either side may be missing, at most
    /// <see cref="LocalizedNote.MaxLength"/> characters each).
    /// </summary>
    [Function(nameof(ResolveAlert))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> ResolveAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/resolve")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct)
    {
        LocalizedNote? note = null;
        if (req.ContentLength is > 0 || (req.ContentLength is null && !string.IsNullOrEmpty(req.ContentType)))
        {
            if (!(await req.ReadJsonAsync<ResolveRequest>(ct)).TryGet(out var body, out var problem))
            {
                return problem;
            }

            note = LocalizedNote.Clean(body.Note?.Zh, body.Note?.En);
            if (note is { IsTooLong: true })
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest,
                    Texts.Of("problem.keepTheNoteToMaxlength", ("maxLength", LocalizedNote.MaxLength)), req.Language());
            }
        }

        return await StepAsync(req, stationId, reportId, StationAction.Resolve, ct, note);
    }

    /// <summary>The area's admin resolves a report: every station holding it stands down, each alert "resolved by" the admin.</summary>
    [Function(nameof(ResolveReportAsAdmin))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> ResolveReportAsAdmin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/reports/{trackingCode}/resolve")] HttpRequest req,
        string trackingCode, CancellationToken ct) =>
        TrackingCode.Normalize(trackingCode) is { } code && await actions.ResolveAsAdminAsync(req.Caller().AreaId, code, ct) is { } alerts
            ? ApiResults.Json(alerts)
            : ApiResults.NotFound(Texts.Of("problem.noReport"));

    private async Task<IActionResult> StepAsync(HttpRequest req, string stationId, string reportId, StationAction action, CancellationToken ct, LocalizedNote? note = null)
    {
        var result = TrackingCode.Normalize(reportId) is { } code
            ? await actions.StepAsync(req.Caller().AreaId, stationId, code, action, ct, note)
            : new StepResult(null);
        return result switch
        {
            { Alert: { } alert } => ApiResults.Json(alert),
            { Refusal: ActionRefusal.PoliceResolveOnly } => ApiResults.Problem(StatusCodes.Status403Forbidden,
                Texts.Of("problem.onlyAPolicePostOr"), req.Language()),
            { Refusal: ActionRefusal.NotALostPerson } => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.foundHandingOverIsFor"), req.Language()),
            _ => ApiResults.NotFound(Texts.Of("problem.thisStationHasNoSuch2")),
        };
    }
}

/// <summary>The optional body of a resolve: the closing note for the tourist.</summary>
public sealed record ResolveRequest(LocalizedNote? Note);

public sealed record TransferRequest(string? ToStationId, string? Note);
