using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridAid.Infrastructure.Storage;

/// <summary>Creates the app's tables and queues when the host starts, so a new storage account just works.</summary>
public sealed class StorageInitializer(StorageClients storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The app still starts; health reports 503 until storage answers.
            logger.LogError(e, "Could not create tables and queues");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
