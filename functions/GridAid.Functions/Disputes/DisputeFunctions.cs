using GridAid.Core.Disputes;
using GridAid.Functions.Inspections;

namespace GridAid.Functions.Disputes;

/// <summary>
/// Dispute early warnings: a station files them and reads those it filed or received; the police post it went to
/// records the outcome; the area's admin reads them all (audited: confidential).
/// </summary>
public sealed class DisputeFunctions(DisputeWarnings disputes)
{
    [Function(nameof(FileDispute))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> FileDispute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/disputes")] HttpRequest req, string stationId, CancellationToken ct) =>
        (await req.ReadJsonAsync<DisputeInput>(ct)).TryGet(out var body, out var problem)
            ? WorkResults.ToHttp(await disputes.FileAsync(req.Caller().AreaId, stationId, body, ct), req.Language())
            : problem;

    [Function(nameof(ListStationDisputes))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationDisputes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/disputes")] HttpRequest req, string stationId, CancellationToken ct) =>
        WorkResults.ToHttp(await disputes.ListAsync(req.Caller().AreaId, stationId, ct), req.Language());

    [Function(nameof(GetStationDispute))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> GetStationDispute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/disputes/{disputeId}")] HttpRequest req,
        string stationId, string disputeId, CancellationToken ct) =>
        WorkResults.ToHttp(await disputes.GetAsync(req.Caller(), stationId, disputeId, ct), req.Language());

    [Function(nameof(RecordDisputeOutcome))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> RecordDisputeOutcome(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/disputes/{disputeId}/outcome")] HttpRequest req,
        string stationId, string disputeId, CancellationToken ct) =>
        (await req.ReadJsonAsync<DisputeOutcomeInput>(ct)).TryGet(out var body, out var problem)
            ? WorkResults.ToHttp(await disputes.CloseAsync(req.Caller().AreaId, stationId, disputeId, body, ct), req.Language())
            : problem;

    [Function(nameof(ListDisputes))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> ListDisputes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/disputes")] HttpRequest req, CancellationToken ct) =>
        WorkResults.ToHttp(await disputes.ListAllAsync(req.Caller().AreaId, ct), req.Language());
}
