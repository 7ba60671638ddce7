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

        // Behind the Static Web App the function sees its own host; the address people open is the forwarded one.
        var scheme = req.Headers["X-Forwarded-Proto"].FirstOrDefault() is "https" or "http" ? req.Headers["X-Forwarded-Proto"].ToString() : req.Scheme;
        var forwarded = req.Headers["X-Forwarded-Host"].FirstOrDefault();
        var host = forwarded is { Length: > 0 } && Uri.CheckHostName(forwarded.Split(':')[0]) != UriHostNameType.Unknown ? forwarded : req.Host.Value ?? string.Empty;
        var baseUrl = PointQrCode.PublicBase(options.Value.PublicBaseUrl, scheme, host);
        return new SvgImageResult(PointQrCode.Svg(PointQrCode.Url(baseUrl, point.Code)));
    }
}
