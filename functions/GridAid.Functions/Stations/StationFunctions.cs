using GridAid.Core.Reports;
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

    [Function(nameof(ListStationAlerts))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationAlerts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts")] HttpRequest req, string stationId, CancellationToken ct) =>
        ApiResults.Json(await actions.InboxAsync(req.Caller().AreaId, stationId, options.Value.InboxSize, ct));

    [Function(nameof(AcknowledgeAlert))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> AcknowledgeAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/ack")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, ReportStatus.Acknowledged, ct);

    [Function(nameof(StartAlert))]
    [CallableBy(Callers.RouteStation)]
    public Task<IActionResult> StartAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/start")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, ReportStatus.InProgress, ct);

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
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "请选择要转交的站点", "Choose the station to hand this to", req.Language());
        }

        var result = TrackingCode.Normalize(reportId) is { } code
            ? await actions.TransferAsync(req.Caller().AreaId, stationId, code, target, ct)
            : new TransferResult(TransferOutcome.NotFound);
        return result.Outcome switch
        {
            TransferOutcome.Transferred => ApiResults.Json(result.Alert!),
            TransferOutcome.AlreadyThere => ApiResults.Problem(StatusCodes.Status409Conflict, "该站点已经收到这条报告", "That station already has this report"),
            TransferOutcome.Closed => ApiResults.Problem(StatusCodes.Status409Conflict, "报告已解决，无需转交", "The report is resolved: there is nothing to hand over"),
            _ => ApiResults.NotFound("该站点没有这条警报，或目标站点不存在", "This station has no such alert, or the target station does not exist"),
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
                    $"说明最多{LocalizedNote.MaxLength}字", $"Keep the note to {LocalizedNote.MaxLength} characters", req.Language());
            }
        }

        return await StepAsync(req, stationId, reportId, ReportStatus.Resolved, ct, note);
    }

    private async Task<IActionResult> StepAsync(HttpRequest req, string stationId, string reportId, ReportStatus target, CancellationToken ct, LocalizedNote? note = null) =>
        TrackingCode.Normalize(reportId) is { } code && await actions.StepAsync(req.Caller().AreaId, stationId, code, target, ct, note) is { } alert
            ? ApiResults.Json(alert)
            : ApiResults.NotFound("该站点没有这条警报", "This station has no such alert");
}

/// <summary>The optional body of a resolve: the closing note for the tourist.</summary>
public sealed record ResolveRequest(LocalizedNote? Note);

public sealed record TransferRequest(string? ToStationId, string? Note);
