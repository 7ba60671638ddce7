using System.Globalization;
using GridAid.Core.Reports;
using GridAid.Functions.Auth;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace GridAid.Functions.Admin;

/// <summary>Every report of the admin's area as CSV, optionally one year and one kind, status or station.</summary>
public sealed class ExportFunctions(CallerAuthenticator auth, ReportStore reports, IOptions<GridAidOptions> options)
{
    /// <summary>Enough for years of a busy area; a larger export should go by year.</summary>
    private const int MaxRows = 100_000;

    [Function(nameof(ExportReports))]
    public async Task<IActionResult> ExportReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports.csv")] HttpRequest req, CancellationToken ct)
    {
        var (admin, denied) = await auth.AuthorizeAdminAsync(req, ct);
        if (admin is null)
        {
            return denied!;
        }

        var q = req.Query;
        var year = YearRange.Parse(q["year"].FirstOrDefault(), options.Value.AreaUtcOffset);
        var (from, to) = year is null ? (DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1)) : (year.From, year.To);
        ReportKind? kind = ReportKinds.TryParse(q["kind"].FirstOrDefault(), out var k) ? k : null;
        ReportStatus? status = ReportStatuses.TryParse(q["status"].FirstOrDefault(), out var s) ? s : null;
        if ((year is null && Given("year")) || (kind is null && Given("kind")) || (status is null && Given("status")))
        {
            // An export that silently ignored a filter would hand over more than was asked for.
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "筛选条件无效", "A filter is not valid");
        }

        bool Given(string name) => q[name].FirstOrDefault() is { Length: > 0 };
        var station = q["station"].FirstOrDefault() is { Length: > 0 } st ? st : null;

        var response = req.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"gridaid-{admin.AreaId}-{year?.Year.ToString(CultureInfo.InvariantCulture) ?? "all"}.csv\"";
        response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(response.Body, ReportCsv.Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(ReportCsv.Header);
        var rows = 0;
        await foreach (var report in reports.ListBetweenAsync(admin.AreaId, from, to, ct))
        {
            if ((kind is null || report.Kind == kind) && (status is null || report.Status == status)
                && (station is null || report.StationIds.Contains(station, StringComparer.Ordinal)))
            {
                await writer.WriteAsync(ReportCsv.Row(report));
                if (++rows >= MaxRows)
                {
                    break;
                }
            }
        }

        await writer.FlushAsync(ct);
        return new EmptyResult();
    }
}
