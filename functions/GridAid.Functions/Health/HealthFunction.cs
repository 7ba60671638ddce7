using Azure;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridAid.Functions.Health;

/// <summary>200 when Table and Queue storage answer and the default area is in the directory; 503 otherwise.</summary>
public sealed class HealthFunction(StorageClients storage, IOptions<GridAidOptions> options, ILogger<HealthFunction> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Timeout);
        try
        {
            // The default area must exist: without it an accepted report would have nowhere to go.
            var area = await storage.Table(TableNames.Directory).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(
                options.Value.DefaultArea, "area", cancellationToken: cts.Token);
            await storage.Queue(QueueNames.Intake).GetPropertiesAsync(cts.Token);
            return area.HasValue
                ? ApiResults.Json(new { status = "healthy" })
                : ApiResults.Json(new { status = "unconfigured", missingArea = options.Value.DefaultArea }, StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is OperationCanceledException || StorageFailure.Is(e))
        {
            logger.LogWarning(e, "Storage did not answer the health check");
            return ApiResults.Json(new { status = "unhealthy" }, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
