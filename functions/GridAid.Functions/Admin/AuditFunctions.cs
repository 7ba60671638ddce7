using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Admin;

/// <summary>The area's audit: which admin action was taken, by whom, when, newest first.</summary>
public sealed class AuditFunctions(AuditStore audit)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    [Function(nameof(ListAudit))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/audit")] HttpRequest req, CancellationToken ct)
    {
        var paging = req.ReadPaging(DefaultPageSize, MaxPageSize);
        var (items, continuation) = await audit.ListAsync(req.Caller().AreaId, paging.PageSize, paging.Continuation, ct);
        return ApiResults.NoStore(ApiResults.Json(new { items, continuationToken = continuation }));
    }
}
