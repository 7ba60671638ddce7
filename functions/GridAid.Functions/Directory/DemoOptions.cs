using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Functions.Directory;

/// <summary>What the demo settings allow at start.</summary>
public enum DemoMode
{
    /// <summary><c>GridAid:SeedDemoData</c> is not true: no demo.</summary>
    Off,

    /// <summary>The Taishan demo is seeded (once) and active, with its public access codes.</summary>
    On,

    /// <summary>Asked for in Azure without <c>GridAid:AllowDemoInAzure</c>: nothing is seeded and an error is logged.</summary>
    RefusedInAzure,
}

/// <summary>
/// Whether the Taishan demo, whose access codes are public, may be seeded: <c>GridAid:SeedDemoData=true</c> asks for
/// it (the local run command and the tests set it). In Azure (<c>WEBSITE_SITE_NAME</c> is set, as on every App Service
/// and Functions app) it also needs <c>GridAid:AllowDemoInAzure=true</c>, so a real area's deployment never carries
/// the public demo codes by mistake.
/// </summary>
public sealed class DemoOptions
{
    /// <summary>The environment variable the platform sets on every Azure App Service and Functions app.</summary>
    public const string AzureSiteNameSetting = "WEBSITE_SITE_NAME";

    public bool SeedDemoData { get; set; }

    public bool AllowDemoInAzure { get; set; }

    /// <summary>The app's name in Azure (<see cref="AzureSiteNameSetting"/>); null when not running in Azure.</summary>
    public string? AzureSiteName { get; set; }

    public DemoMode Mode =>
        !SeedDemoData ? DemoMode.Off
        : !string.IsNullOrEmpty(AzureSiteName) && !AllowDemoInAzure ? DemoMode.RefusedInAzure
        : DemoMode.On;
}

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo settings (section <c>GridAid</c> and <c>WEBSITE_SITE_NAME</c>) and the seeder that reads them at start.</summary>
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Configure(o =>
        {
            configuration.GetSection(GridAidOptions.Section).Bind(o);
            o.AzureSiteName = configuration[DemoOptions.AzureSiteNameSetting];
        });
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
