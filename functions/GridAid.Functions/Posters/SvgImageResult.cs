using System.Text;

namespace GridAid.Functions.Posters;

/// <summary>An SVG image that anyone may cache for a day (a point's link does not change).</summary>
public sealed class SvgImageResult(string svg) : IActionResult
{
    public string Svg { get; } = svg;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "image/svg+xml; charset=utf-8";
        // The address inside is the configured one, the same for everybody: any cache may keep it for a day.
        response.Headers.CacheControl = "public, max-age=86400";
        await response.WriteAsync(Svg, Encoding.UTF8, context.HttpContext.RequestAborted);
    }
}
