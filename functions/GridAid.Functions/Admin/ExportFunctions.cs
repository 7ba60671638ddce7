using System.Globalization;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Admin;

/// <summary>Every report of the admin's area as CSV, optionally one year and one kind, status or station.</summary>
public sealed class ExportFunctions(ReportStore reports, IOptions<GridAidOptions> options)
{
    /// <summary>Enough for years of a busy area; a larger export should go by year.</summary>
    private const int MaxRows = 100_000;

    [Function(nameof(ExportReports))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> ExportReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports.csv")] HttpRequest req, CancellationToken ct)
    {
        if (!req.ReadReportQuery().TryGet(out var query, out var problem))
        {
            return problem;
        }

        var areaId = req.Caller().AreaId;
        var year = query.Year is { } y ? YearRange.Of(y, options.Value.AreaUtcOffset) : null;
        var (from, to) = year is null ? (DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1)) : (year.From, year.To);

        var response = req.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"gridaid-{areaId}-{year?.Year.ToString(CultureInfo.InvariantCulture) ?? "all"}.csv\"";
        response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(response.Body, ReportCsv.Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(ReportCsv.Header);
        var rows = 0;
        var zone = options.Value.AreaTimeZone();
        await foreach (var report in reports.ListBetweenAsync(areaId, from, to, ct))
        {
            if ((query.Kind is null || report.Kind == query.Kind) && (query.Status is null || report.Status == query.Status)
                && (query.StationId is null || report.StationIds.Contains(query.StationId, StringComparer.Ordinal)))
            {
                await writer.WriteAsync(ReportCsv.Row(report, zone));
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
