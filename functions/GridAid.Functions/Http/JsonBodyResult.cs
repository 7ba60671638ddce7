using System.Text.Json;
using GridAid.Core.Serialization;

namespace GridAid.Functions.Http;

/// <summary>Writes a value as JSON with the app's one serializer configuration, whatever host runs the function.</summary>
public sealed class JsonBodyResult(object value, int statusCode = StatusCodes.Status200OK, string contentType = "application/json; charset=utf-8") : IActionResult
{
    public object Value { get; } = value;

    public int StatusCode { get; } = statusCode;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = contentType;
        await JsonSerializer.SerializeAsync(response.Body, Value, Value.GetType(), GridAidJson.Options, context.HttpContext.RequestAborted);
    }
}
