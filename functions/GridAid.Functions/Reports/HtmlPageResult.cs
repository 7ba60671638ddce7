using System.Text;

namespace GridAid.Functions.Reports;

/// <summary>An HTML page answer (for the no-JavaScript form), not cached: it holds a person's tracking code.</summary>
public sealed class HtmlPageResult(string html, int statusCode) : IActionResult
{
    public string Html { get; } = html;

    public int StatusCode { get; } = statusCode;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(Html, Encoding.UTF8, context.HttpContext.RequestAborted);
    }
}
