using GridAid.Core.Demo;
using GridAid.Functions.Directory;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Health;

/// <summary>
/// 200 when Table and Queue storage answer and the default area is in the directory; 503 otherwise. While the Taishan
/// demo is on (<see cref="DemoMode.On"/>: its access codes are public) the body says so: <c>"demo": "taishan"</c>.
/// </summary>
public sealed class HealthFunction(StorageProbe probe, PoisonStore poison, IOptions<GridAidOptions> options, IOptions<DemoOptions> demo, ILogger<HealthFunction> logger)
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
                return Answer("healthy", StatusCodes.Status200OK, failedMessages: await poison.CountAsync(ct));
            case StorageState.AreaMissing:
                return Answer("unconfigured", StatusCodes.Status503ServiceUnavailable, options.Value.DefaultArea);
            default:
                logger.LogWarning(failure, "Storage did not answer the health check");
                return Answer("unhealthy", StatusCodes.Status503ServiceUnavailable);
        }
    }

    private IActionResult Answer(string status, int statusCode, string? missingArea = null, int? failedMessages = null)
    {
        var body = new Dictionary<string, object> { ["status"] = status };
        if (failedMessages is { } waiting)
        {
            // Messages that failed every delivery and wait for an admin's re-drive (GET /api/admin/failed).
            body["failedMessages"] = waiting;
        }

        if (missingArea is not null)
        {
            body["missingArea"] = missingArea;
        }

        if (demo.Value.Mode == DemoMode.On)
        {
            body["demo"] = TaishanDemo.AreaId;
        }

        return ApiResults.Json(body, statusCode);
    }
}
