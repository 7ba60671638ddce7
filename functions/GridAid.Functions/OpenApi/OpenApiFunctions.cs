namespace GridAid.Functions.OpenApi;

/// <summary>
/// Serves the OpenAPI 3.1 description of every HTTP route (<c>OpenApi/openapi.json</c>, embedded in this assembly).
/// The checked-in file is the one source: reviewers read it as a diff, Spectral lints it as it is, and
/// <c>OpenApiDocumentTests</c> fails when a route of functions.metadata is missing from it, or it names a route the
/// app does not serve.
/// </summary>
public sealed class OpenApiFunctions
{
    /// <summary>The embedded document's resource name.</summary>
    public const string ResourceName = "GridAid.Functions.OpenApi.openapi.json";

    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiFunctions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(OpenApiFunctions).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The document as served.</summary>
    public static ReadOnlyMemory<byte> Bytes => Document.Value;

    [Function(nameof(GetOpenApi))]
    [CallableBy(Callers.Anyone)]
    public IActionResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) => new OpenApiDocumentResult();

    private sealed class OpenApiDocumentResult : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            // The same for everybody until the next deployment.
            response.Headers.CacheControl = "public, max-age=3600";
            await response.Body.WriteAsync(Bytes, context.HttpContext.RequestAborted);
        }
    }
}
