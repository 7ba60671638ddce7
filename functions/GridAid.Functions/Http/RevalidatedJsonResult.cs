using System.Security.Cryptography;
using System.Text.Json;
using GridAid.Core.Serialization;
using Microsoft.Net.Http.Headers;

namespace GridAid.Functions.Http;

/// <summary>
/// Public JSON that pages poll (the status page every 10 s on a weak mountain network): sent with an ETag and
/// <c>Cache-Control: no-cache</c>, so an unchanged answer is a bodiless 304 instead of the same bytes again.
/// </summary>
public sealed class RevalidatedJsonResult(object value) : IActionResult
{
    public object Value { get; } = value;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, Value.GetType(), GridAidJson.Options);
        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(body), 0, 12) + "\"";
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "no-cache";
        if (request.IfNoneMatch(etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers[HeaderNames.ContentLength] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
