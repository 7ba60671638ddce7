using GridAid.Core.Demo;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;

namespace GridAid.LocalHost;

/// <summary>Writes the Taishan demo directory at start when <c>LocalHost:SeedDemoData</c> is true. Idempotent.</summary>
public sealed class DemoSeeder(IConfiguration configuration, StorageClients storage, DirectoryStore directory, DirectoryCache cache, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("LocalHost:SeedDemoData"))
        {
            return;
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        await directory.SeedAsync(TaishanDemo.Seed, cancellationToken);
        cache.Clear();
        logger.LogInformation("Seeded demo area {AreaId}: {Stations} stations, {Cells} grid cells, {Points} QR points",
            TaishanDemo.AreaId, TaishanDemo.Seed.Stations.Count, TaishanDemo.Seed.Cells.Count, TaishanDemo.Seed.Points.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
