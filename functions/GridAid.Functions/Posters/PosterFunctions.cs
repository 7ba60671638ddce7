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
            return ApiResults.NotFound("未找到该地点", "Unknown place code");
        }

        // The configured address only: what a poster encodes must not depend on the headers of whoever asked for it.
        if (PointQrCode.PublicBase(options.Value.PublicBaseUrl) is not { } baseUrl)
        {
            return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable,
                "二维码的公开网址尚未配置(GridAid:PublicBaseUrl)", "The public address for QR codes is not configured (GridAid:PublicBaseUrl)", req.Language());
        }

        return new SvgImageResult(PointQrCode.Svg(PointQrCode.Url(baseUrl, point.Code)));
    }
}
