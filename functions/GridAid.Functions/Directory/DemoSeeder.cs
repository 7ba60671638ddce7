using GridAid.Core.Demo;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Directory;

/// <summary>
/// Writes the Taishan demo directory (stations, grid cells, QR points and the demo access codes) when the host
/// starts, if <c>GridAid:SeedDemoData</c> is true: the local host's run command and a demo deployment set it.
/// Idempotent. The demo codes are public (README), so a real area is provisioned without it.
/// </summary>
public sealed class DemoSeeder(
    IOptions<GridAidOptions> options,
    StorageClients storage,
    DirectoryStore directory,
    DirectoryCache cache,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData)
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
