using GridAid.Core.Photos;

namespace GridAid.Functions.Photos;

/// <summary>
/// A stored photo: <c>image/jpeg</c>, kept by the browser that fetched it but by no shared cache (it is personal data
/// fetched with a credential), never sniffed as anything else.
/// </summary>
public sealed class PhotoResult(byte[] jpeg) : IActionResult
{
    /// <summary>How long the fetching browser may keep it: the photo at a name never changes, it is only deleted.</summary>
    public const string CacheControl = "private, max-age=3600";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = PhotoRules.ContentType;
        response.ContentLength = jpeg.Length;
        response.Headers.CacheControl = CacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(jpeg, context.HttpContext.RequestAborted);
    }
}
