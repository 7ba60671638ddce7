namespace GridAid.Functions.Matching;

/// <summary>Lost ↔ found: the candidates for an item report a station holds (or its admin reads), best first.</summary>
public sealed class MatchFunctions(ItemMatches matches)
{
    [Function(nameof(ListAlertMatches))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListAlertMatches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts/{trackingCode}/matches")] HttpRequest req,
        string stationId, string trackingCode, CancellationToken ct) =>
        await matches.ForAsync(req.Caller(), stationId, trackingCode, ct) is { } found
            ? ApiResults.Json(found)
            : ApiResults.NotFound("此站点没有该报告的警报", "This station has no alert for that report");
}
