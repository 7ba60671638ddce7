namespace GridAid.Functions.Matching;

/// <summary>
/// Lost ↔ found: the candidates for an item report a station holds (or its admin reads), best first; for a lost or found
/// person, the people of the other side (<see cref="PersonMatches"/>), in the same route.
/// </summary>
public sealed class MatchFunctions(ItemMatches matches, PersonMatches persons)
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
            : ApiResults.NotFound("此站点没有该报告的警报", "This station has no alert for that report");
    }
}
