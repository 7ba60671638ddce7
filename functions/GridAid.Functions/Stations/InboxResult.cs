using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridAid.Core.Serialization;

namespace GridAid.Functions.Stations;

/// <summary>
/// An inbox answer under the station's inbox version: <c>ETag</c> from the version (and the page asked for), a bodiless
/// 304 when the page already has it, the next page of closed alerts in <see cref="ContinuationHeader"/>. The version is read
/// before the alerts, so an answer is never older than its ETag (at worst newer, and then read once more).
/// </summary>
public sealed class InboxResult(string etag, Inbox? inbox) : IActionResult
{
    public const string ContinuationHeader = "X-GridAid-Continuation";

    /// <summary>Changes when the answer's shape does, so a page never keeps an answer of an older deployment.</summary>
    private const string Format = "inbox-2";

    public static string ETagOf(string version, string? continuation) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Format + "|" + version + "|" + continuation)), 0, 12) + "\"";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.Headers.ETag = etag;
        if (inbox is null)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (inbox.Continuation is { } next)
        {
            response.Headers[ContinuationHeader] = next;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, inbox.Alerts, GridAidJson.Options, context.HttpContext.RequestAborted);
    }
}
