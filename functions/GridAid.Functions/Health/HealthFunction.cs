using Azure;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Health;

/// <summary>200 when Table and Queue storage answer, 503 when either does not.</summary>
public sealed class HealthFunction(StorageClients storage, ILogger<HealthFunction> logger)
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
            await storage.Table(TableNames.Directory).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("~health", "~health", cancellationToken: cts.Token);
            await storage.Queue(QueueNames.Intake).GetPropertiesAsync(cts.Token);
            return ApiResults.Json(new { status = "healthy" });
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
        {
            logger.LogWarning(e, "Storage did not answer the health check");
            return ApiResults.Json(new { status = "unhealthy" }, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
