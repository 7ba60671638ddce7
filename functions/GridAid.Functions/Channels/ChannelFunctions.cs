using GridAid.Core.Channels;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Channels;

/// <summary>
/// A station's notification channels (WeCom, DingTalk, webhooks; docs/channels.md): the admin sets and tests them and sees
/// failed deliveries; a station sees its own; the queue function delivers.
/// </summary>
public sealed class ChannelFunctions(ChannelAdmin admin, ChannelDelivery delivery)
{
    [Function(nameof(GetStationChannels))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> GetStationChannels(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/stations/{id}/channels")] HttpRequest req, string id, CancellationToken ct) =>
        Answer(req, await admin.GetAsync(req.Caller().AreaId, id, ct));

    /// <summary>Replaces the station's channels; answers them without secrets (and without the URLs' query values).</summary>
    [Function(nameof(PutStationChannels))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> PutStationChannels(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "admin/stations/{id}/channels")] HttpRequest req, string id, CancellationToken ct) =>
        (await req.ReadJsonAsync<List<ChannelInput?>>(ct)).TryGet(out var body, out var problem)
            ? Answer(req, await admin.PutAsync(req.Caller().AreaId, id, body, ct))
            : problem;

    [Function(nameof(TestStationChannel))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> TestStationChannel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/stations/{id}/channels/{index}/test")] HttpRequest req, string id, string index, CancellationToken ct) =>
        int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
            ? Answer(req, await admin.TestAsync(req.Caller().AreaId, id, i, ct))
            : Answer(req, new ChannelResult(ChannelOutcome.ChannelNotFound));

    /// <summary>The area's deliveries that failed every attempt, newest first.</summary>
    [Function(nameof(ListFailedDeliveries))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListFailedDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/deliveries/failed")] HttpRequest req, CancellationToken ct) =>
        ApiResults.Json(await admin.FailedAsync(req.Caller().AreaId, null, ct));

    /// <summary>The station's own failed deliveries (its page warns that its group did not hear an alert).</summary>
    [Function(nameof(ListStationFailedDeliveries))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationFailedDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/deliveries/failed")] HttpRequest req, string stationId, CancellationToken ct) =>
        ApiResults.Json(await admin.FailedAsync(req.Caller().AreaId, stationId, ct));

    [Function(nameof(DeliverToChannel))]
    public Task DeliverToChannel([QueueTrigger(QueueNames.Deliveries)] string message, CancellationToken ct) =>
        delivery.HandleAsync(message, ct);

    private static IActionResult Answer(HttpRequest req, ChannelResult result) => result.Outcome switch
    {
        ChannelOutcome.Read or ChannelOutcome.Saved or ChannelOutcome.Tested => ApiResults.NoStore(ApiResults.Json(result.Value!)),
        ChannelOutcome.Invalid => ApiResults.ValidationProblem(result.Errors!, req.Language()),
        ChannelOutcome.StationNotFound => ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noStationId", null),
        _ => ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noChannel", null),
    };
}
