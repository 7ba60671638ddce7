using GridAid.Core.Security;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Points;

/// <summary>The QR points a tourist can report from: the list for a picker, one point for a scanned code.</summary>
public sealed class PointFunctions(DirectoryCache directory, IOptions<GridAidOptions> options)
{
    [Function(nameof(ListPoints))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> ListPoints(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "points")] HttpRequest req, CancellationToken ct)
    {
        string areaId = req.Query["area"].FirstOrDefault() ?? options.Value.DefaultArea;
        var area = AccessCode.IsId(areaId) ? await directory.GetAsync(areaId, ct) : null;
        if (area is null)
        {
            return ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noArea", null);
        }

        return ApiResults.Json(area.Points.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => PointViews.Summary(p, area)).ToList());
    }

    [Function(nameof(GetPoint))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetPoint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "points/{code}")] HttpRequest req, string code, CancellationToken ct)
    {
        if (await directory.FindPointAsync(code, ct) is not var (area, point))
        {
            return ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noPlace", null);
        }

        return ApiResults.Json(PointViews.Detail(point, area));
    }
}
