using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Posters;

/// <summary>The QR code printed on a point's poster: it opens that point's report form.</summary>
public sealed class PosterFunctions(DirectoryCache directory, IOptions<GridAidOptions> options)
{
    [Function(nameof(GetPointQr))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetPointQr(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "points/{code}/qr.svg")] HttpRequest req, string code, CancellationToken ct)
    {
        if (await directory.FindPointAsync(code, ct) is not var (_, point))
        {
            return ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noPlace", null);
        }

        // The configured address only: what a poster encodes must not depend on the headers of whoever asked for it.
        if (PointQrCode.PublicBase(options.Value.PublicBaseUrl) is not { } baseUrl)
        {
            return ApiResults.ProblemOf(StatusCodes.Status503ServiceUnavailable, "problem.noBaseUrl", req.Language());
        }

        return new SvgImageResult(PointQrCode.Svg(PointQrCode.Url(baseUrl, point.Code)));
    }

    /// <summary>
    /// Where the posters' QR codes point, for the posters page: <c>{baseUrl, private}</c> (<c>private</c>: a loopback or
    /// private address that tourists' phones cannot open, e.g. a local run), or <c>{baseUrl: null}</c> when unset.
    /// </summary>
    [Function(nameof(GetPosterTarget))]
    [CallableBy(Callers.AreaAdmin)]
    public IActionResult GetPosterTarget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/poster-target")] HttpRequest req) =>
        PointQrCode.PublicBase(options.Value.PublicBaseUrl) is { } baseUrl
            ? ApiResults.Json(new { baseUrl = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'), @private = PointQrCode.IsPrivate(baseUrl) })
            : ApiResults.Json(new { baseUrl = (string?)null, @private = false });
}
