using GridAid.Core.Reports;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Admin;

/// <summary>The area admin's view of every report, filtered by kind, status and station, one page at a time.</summary>
public sealed class AdminFunctions(ReportStore reports, ResolvedReportRedaction redaction)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Function(nameof(ListReports))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports")] HttpRequest req, CancellationToken ct)
    {
        if (!req.ReadReportQuery().TryGet(out var query, out var problem))
        {
            return problem;
        }

        var paging = req.ReadPaging(DefaultPageSize, MaxPageSize);
        var page = await reports.ListAsync(req.Caller().AreaId, new ReportFilter(query.Kind, query.Status, query.StationId), paging.PageSize, paging.Continuation, ct);
        return ApiResults.Json(new { items = page.Items, continuationToken = page.ContinuationToken });
    }

    /// <summary>Removes a report's personal data now, when the person asks a station to delete it sooner.</summary>
    [Function(nameof(RedactReport))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> RedactReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/reports/{trackingCode}/redact")] HttpRequest req,
        string trackingCode, CancellationToken ct) =>
        TrackingCode.Normalize(trackingCode) is { } code && await redaction.RedactNowAsync(req.Caller().AreaId, code, ct)
            ? new NoContentResult()
            : ApiResults.NotFound("未找到该查询码", "No report has this tracking code");
}
