using GridAid.Core.Figures;
using GridAid.Functions.Auth;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace GridAid.Functions.Admin;

/// <summary>The area's year in numbers for its admin: reports by kind, status and month, people found, items returned.</summary>
public sealed class FigureFunctions(CallerAuthenticator auth, ReportStore reports, TimeProvider clock, IOptions<GridAidOptions> options)
{
    [Function(nameof(GetFigures))]
    public async Task<IActionResult> GetFigures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/figures")] HttpRequest req, CancellationToken ct)
    {
        var (admin, denied) = await auth.AuthorizeAdminAsync(req, ct);
        if (admin is null)
        {
            return denied!;
        }

        var offset = options.Value.AreaUtcOffset;
        var range = YearRange.Parse(req.Query["year"].FirstOrDefault(), offset) ?? YearRange.Of(clock.GetUtcNow().ToOffset(offset).Year, offset);
        var inYear = new List<Core.Reports.Report>();
        await foreach (var report in reports.ListBetweenAsync(admin.AreaId, range.From, range.To, ct))
        {
            inYear.Add(report);
        }

        return ApiResults.Json(YearFigures.Compute(range.Year, inYear, offset));
    }
}
