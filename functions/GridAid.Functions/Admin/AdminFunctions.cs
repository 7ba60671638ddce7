using GridAid.Core.Reports;
using GridAid.Functions.Auth;
using GridAid.Functions.Http;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.Functions.Admin;

/// <summary>The area admin's view of every report, filtered by kind, status and station, one page at a time.</summary>
public sealed class AdminFunctions(CallerAuthenticator auth, ReportStore reports, ResolvedReportRedaction redaction)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Function(nameof(ListReports))]
    public async Task<IActionResult> ListReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports")] HttpRequest req, CancellationToken ct)
    {
        var (caller, denied) = await auth.AuthorizeAdminAsync(req, ct);
        if (caller is null)
        {
            return denied!;
        }

        var q = req.Query;
        ReportKind? kind = null;
        ReportStatus? status = null;
        if (q["kind"].FirstOrDefault() is { Length: > 0 } k)
        {
            if (!ReportKinds.TryParse(k, out var parsed))
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "未知的报告类型", "Unknown report kind");
            }

            kind = parsed;
        }

        if (q["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (!ReportStatuses.TryParse(s, out var parsed))
            {
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "未知的状态", "Unknown status");
            }

            status = parsed;
        }

        var pageSize = int.TryParse(q["pageSize"].FirstOrDefault(), out var n) ? Math.Clamp(n, 1, MaxPageSize) : DefaultPageSize;
        var station = q["station"].FirstOrDefault() is { Length: > 0 } st ? st : null;
        var page = await reports.ListAsync(caller.AreaId, new ReportFilter(kind, status, station), pageSize, q["continuation"].FirstOrDefault(), ct);
        return ApiResults.Json(new { items = page.Items, continuationToken = page.ContinuationToken });
    }

    /// <summary>Removes a report's personal data now, when the person asks a station to delete it sooner.</summary>
    [Function(nameof(RedactReport))]
    public async Task<IActionResult> RedactReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/reports/{trackingCode}/redact")] HttpRequest req,
        string trackingCode, CancellationToken ct)
    {
        var (caller, denied) = await auth.AuthorizeAdminAsync(req, ct);
        if (caller is null)
        {
            return denied!;
        }

        return TrackingCode.Normalize(trackingCode) is { } code && await redaction.RedactNowAsync(caller.AreaId, code, ct)
            ? new NoContentResult()
            : ApiResults.NotFound("未找到该查询码", "No report has this tracking code");
    }
}
