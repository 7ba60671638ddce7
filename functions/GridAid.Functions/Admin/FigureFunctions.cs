using GridAid.Core.Figures;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Admin;

/// <summary>The area's year in numbers for its admin: reports by kind, status and month, people found, items returned.</summary>
public sealed class FigureFunctions(ReportStore reports, TimeProvider clock, IOptions<GridAidOptions> options)
{
    [Function(nameof(GetFigures))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> GetFigures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/figures")] HttpRequest req, CancellationToken ct)
    {
        if (!req.ReadReportQuery().TryGet(out var query, out var problem))
        {
            return problem;
        }

        var offset = options.Value.AreaUtcOffset;
        var range = YearRange.Of(query.Year ?? clock.GetUtcNow().ToOffset(offset).Year, offset);
        var inYear = new List<Core.Reports.Report>();
        await foreach (var report in reports.ListBetweenAsync(req.Caller().AreaId, range.From, range.To, ct))
        {
            inYear.Add(report);
        }

        return ApiResults.Json(YearFigures.Compute(range.Year, inYear, offset));
    }
}
