using GridAid.Functions.Poison;

namespace GridAid.Functions.Admin;

/// <summary>Messages of the admin's area that failed every delivery, and re-driving them.</summary>
public sealed class FailedMessageFunctions(FailedMessages failed)
{
    [Function(nameof(ListFailedMessages))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListFailedMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/failed")] HttpRequest req, CancellationToken ct) =>
        ApiResults.NoStore(ApiResults.Json(new { items = await failed.ListAsync(req.Caller().AreaId, ct) }));

    [Function(nameof(RedriveFailedMessage))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> RedriveFailedMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/failed/{queue}/{id}/redrive")] HttpRequest req,
        string queue, string id, CancellationToken ct) =>
        await failed.RedriveAsync(req.Caller().AreaId, queue, id, ct) == RedriveOutcome.Redriven
            ? new AcceptedResult()
            : ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noFailedMessage", null);
}
