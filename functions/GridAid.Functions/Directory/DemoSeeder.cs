using GridAid.Core.Demo;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Directory;

/// <summary>
/// Creates the Taishan demo area (stations, grid cells, QR points and the public demo access codes) when the host
/// starts and <see cref="DemoOptions.Mode"/> is <see cref="DemoMode.On"/>, but only if the area does not exist yet:
/// after that it is never written again, so a rotated code stays dead and an edited, added or deleted station, cell or
/// point stays as the admin left it across restarts. To start the demo afresh, delete the area's rows (or use a new
/// storage account). In Azure without <c>GridAid:AllowDemoInAzure=true</c> it seeds nothing and logs an error.
/// </summary>
public sealed class DemoSeeder(
    IOptions<DemoOptions> options,
    StorageClients storage,
    DirectoryStore directory,
    DirectoryCache cache,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        switch (options.Value.Mode)
        {
            case DemoMode.Off:
                return;
            case DemoMode.RefusedInAzure:
                logger.LogError(
                    "GridAid:SeedDemoData is true on Azure app {Site}, but the demo's access codes are public: nothing seeded. " +
                    "Create areas with the GridAid.Cli tool, or set GridAid:AllowDemoInAzure=true for a demo deployment.",
                    options.Value.AzureSiteName);
                return;
        }

        var seed = TaishanDemo.Seed;
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            if (await directory.SeedAsync(seed, cancellationToken))
            {
                // The venues after the area (the area's one transaction holds at most 100 rows); only when created now,
                // so a venue an admin deleted stays deleted.
                await directory.AddVenuesAsync(TaishanDemo.VenuesFor(seed.Area.Id), cancellationToken);
                cache.Clear();
                logger.LogWarning("Seeded demo area {AreaId} with its public demo access codes: {Stations} stations, {Cells} grid cells, {Points} QR points",
                    seed.Area.Id, seed.Stations.Count, seed.Cells.Count, seed.Points.Count);
            }
            else
            {
                logger.LogInformation("Demo area {AreaId} exists: left as it is", seed.Area.Id);
            }
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The host still starts; health reports 503 until storage answers and the default area exists.
            logger.LogError(e, "Could not seed demo area {AreaId}", seed.Area.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
