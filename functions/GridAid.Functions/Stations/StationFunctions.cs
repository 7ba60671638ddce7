using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Functions.Auth;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace GridAid.Functions.Stations;

/// <summary>A station's inbox: its alerts, newest first, and the steps it takes on them.</summary>
public sealed class StationFunctions(CallerAuthenticator auth, AlertActions actions, DirectoryCache directory, IOptions<GridAidOptions> options)
{
    /// <summary>The caller's area's stations, for transfer targets and the admin's station filter.</summary>
    [Function(nameof(ListStations))]
    public async Task<IActionResult> ListStations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations")] HttpRequest req, CancellationToken ct)
    {
        if (await auth.AuthenticateAsync(req, ct) is not { } caller)
        {
            return ApiResults.Unauthorized();
        }

        var area = await directory.GetAsync(caller.AreaId, ct);
        return ApiResults.Json((area?.Stations ?? []).OrderBy(s => s.Type).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new { s.Id, s.Name, s.Type }).ToList());
    }

    [Function(nameof(ListStationAlerts))]
    public async Task<IActionResult> ListStationAlerts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts")] HttpRequest req, string stationId, CancellationToken ct)
    {
        if (await auth.AuthenticateAsync(req, ct) is not { } caller)
        {
            return ApiResults.Unauthorized();
        }

        if (!caller.MaySee(stationId))
        {
            return ApiResults.Forbidden();
        }

        return ApiResults.Json(await actions.InboxAsync(caller.AreaId, stationId, options.Value.InboxSize, ct));
    }

    [Function(nameof(AcknowledgeAlert))]
    public Task<IActionResult> AcknowledgeAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/ack")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, ReportStatus.Acknowledged, ct);

    [Function(nameof(StartAlert))]
    public Task<IActionResult> StartAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/start")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, ReportStatus.InProgress, ct);

    [Function(nameof(TransferAlert))]
    public async Task<IActionResult> TransferAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/transfer")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct)
    {
        var (caller, denied) = await ActorAsync(req, stationId, ct);
        if (caller is null)
        {
            return denied!;
        }

        TransferRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TransferRequest>(req.Body, GridAidJson.Options, ct);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?.ToStationId is not { Length: > 0 } target)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "请选择要转交的站点", "Choose the station to hand this to");
        }

        var result = TrackingCode.Normalize(reportId) is { } code
            ? await actions.TransferAsync(caller.AreaId, stationId, code, target, ct)
            : new TransferResult(TransferOutcome.NotFound);
        return result.Outcome switch
        {
            TransferOutcome.Transferred => ApiResults.Json(result.Alert!),
            TransferOutcome.AlreadyThere => ApiResults.Problem(StatusCodes.Status409Conflict, "该站点已经收到这条报告", "That station already has this report"),
            TransferOutcome.Closed => ApiResults.Problem(StatusCodes.Status409Conflict, "报告已解决，无需转交", "The report is resolved: there is nothing to hand over"),
            _ => ApiResults.NotFound("该站点没有这条警报，或目标站点不存在", "This station has no such alert, or the target station does not exist"),
        };
    }

    [Function(nameof(ResolveAlert))]
    public Task<IActionResult> ResolveAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/resolve")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, ReportStatus.Resolved, ct);

    private async Task<IActionResult> StepAsync(HttpRequest req, string stationId, string reportId, ReportStatus target, CancellationToken ct)
    {
        var (caller, denied) = await ActorAsync(req, stationId, ct);
        if (caller is null)
        {
            return denied!;
        }

        if (TrackingCode.Normalize(reportId) is not { } code
            || await actions.StepAsync(caller.AreaId, stationId, code, target, ct) is not { } alert)
        {
            return ApiResults.NotFound("该站点没有这条警报", "This station has no such alert");
        }

        return ApiResults.Json(alert);
    }

    /// <summary>Only the station itself acts on its alerts; an admin reads but does not act in a station's name.</summary>
    private async Task<(Caller? Caller, IActionResult? Denied)> ActorAsync(HttpRequest req, string stationId, CancellationToken ct) =>
        await auth.AuthenticateAsync(req, ct) switch
        {
            null => (null, ApiResults.Unauthorized()),
            { } caller when caller.Principal != stationId => (null, ApiResults.Forbidden()),
            { } caller => (caller, null),
        };
}

public sealed record TransferRequest(string? ToStationId, string? Note);
