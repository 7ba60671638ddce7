using GridAid.Core.Demo;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.LocalHost;
using GridAid.LocalHost.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAid.TestSupport;

/// <summary>The local host, in-process on a free port, against a given storage account, with Taishan seeded.</summary>
public sealed class LocalHostInstance : IAsyncDisposable
{
    private LocalHostInstance(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts the host. <paramref name="settings"/> adds or overrides configuration (e.g. <c>EventGrid:TopicEndpoint</c>).</summary>
    public static async Task<LocalHostInstance> StartAsync(
        string storageConnectionString,
        IDictionary<string, string?>? settings = null,
        IEnumerable<AreaSeed>? extraAreas = null,
        bool seedDemo = true)
    {
        var config = new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = storageConnectionString,
            ["GridAid:SeedDemoData"] = seedDemo ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // The queues polled at the host's floor, as an app setting overrides host.json in Azure (HostSettings): the
            // suites wait for thousands of deliveries, each up to one maxPollingInterval after an idle spell. host.json's
            // own interval (5 s) is held by HostParityTests and measured by the benchmark (its host is not this one);
            // the fault tests run the built host as a process, on host.json unchanged.
            [HostSettings.OverrideSection + ":extensions:queues:maxPollingInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = LocalHostApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();

        var directory = app.Services.GetRequiredService<DirectoryStore>();
        foreach (var area in extraAreas ?? [])
        {
            await directory.SeedAsync(area, CancellationToken.None);
        }

        app.Services.GetRequiredService<DirectoryCache>().Clear();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LocalHostInstance(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
