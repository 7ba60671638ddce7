using GridAid.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Health;

/// <summary>200 when Table and Queue storage answer and the default area is in the directory; 503 otherwise.</summary>
public sealed class HealthFunction(StorageProbe probe, IOptions<GridAidOptions> options, ILogger<HealthFunction> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Function(nameof(Health))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken ct)
    {
        var (state, failure) = await probe.CheckAsync(options.Value.DefaultArea, Timeout, ct);
        switch (state)
        {
            case StorageState.Healthy:
                return ApiResults.Json(new { status = "healthy" });
            case StorageState.AreaMissing:
                return ApiResults.Json(new { status = "unconfigured", missingArea = options.Value.DefaultArea }, StatusCodes.Status503ServiceUnavailable);
            default:
                logger.LogWarning(failure, "Storage did not answer the health check");
                return ApiResults.Json(new { status = "unhealthy" }, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
