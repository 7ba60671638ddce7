using GridAid.Core.Reports;
using GridAid.Functions.Auth;
using GridAid.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace GridAid.Functions.Stations;

/// <summary>A station's inbox: its alerts, newest first, and the steps it takes on them.</summary>
public sealed class StationFunctions(CallerAuthenticator auth, AlertActions actions, IOptions<GridAidOptions> options)
{
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

    [Function(nameof(ResolveAlert))]
    public Task<IActionResult> ResolveAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/alerts/{reportId}/resolve")] HttpRequest req,
        string stationId, string reportId, CancellationToken ct) =>
        StepAsync(req, stationId, reportId, ReportStatus.Resolved, ct);

    private async Task<IActionResult> StepAsync(HttpRequest req, string stationId, string reportId, ReportStatus target, CancellationToken ct)
    {
        if (await auth.AuthenticateAsync(req, ct) is not { } caller)
        {
            return ApiResults.Unauthorized();
        }

        // Only the station itself acts on its alert; an admin reads but does not act in a station's name.
        if (caller.Principal != stationId)
        {
            return ApiResults.Forbidden();
        }

        if (TrackingCode.Normalize(reportId) is not { } code
            || await actions.StepAsync(caller.AreaId, stationId, code, target, ct) is not { } alert)
        {
            return ApiResults.NotFound("该站点没有这条警报", "This station has no such alert");
        }

        return ApiResults.Json(alert);
    }
}
