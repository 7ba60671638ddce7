using GridAid.TestSupport;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using GridAid.Core.Demo;
using GridAid.Functions.Routing;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.LocalHost;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridAid.Benchmarks;

/// <summary>
/// The local host in-process, built as <c>LocalHostInstance</c> builds it, plus a counting policy on its storage
/// clients, middleware that tags each HTTP function's storage requests with its step, and the sweeper's runs tagged
/// as theirs.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, Uri baseAddress, StorageOpCounter counter, long startedAt)
    {
        StartedAt = startedAt;
        App = app;
        BaseAddress = baseAddress;
        Counter = counter;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public StorageOpCounter Counter { get; }

    /// <summary>When the host was started (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long StartedAt { get; }

    public StorageClients Storage => App.Services.GetRequiredService<StorageClients>();

    /// <summary>Most alerts one inbox request returns while the benchmark probes inboxes (default 200): keeps the probe light.</summary>
    public const int ProbeInboxSize = 20;

    /// <summary>Starts the host; <paramref name="shutdownTimeout"/> bounds how long stopping waits for running functions (30 s by default).</summary>
    public static async Task<BenchHost> StartAsync(string connectionString, Uri eventEndpoint, TimeSpan? shutdownTimeout = null)
    {
        var counter = new StorageOpCounter();
        var config = new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = connectionString,
            ["GridAid:SeedDemoData"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["EventGrid:TopicEndpoint"] = eventEndpoint.ToString(),
            ["EventGrid:Key"] = EventGridStandIn.Key,
            ["GridAid:InboxSize"] = ProbeInboxSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Load runs send thousands of reports from one address (and lost persons from few points): no abuse limits.
            ["GridAid:RateLimits:Enabled"] = "false",
            // The channel mode's receiver is on loopback (docs/channels.md: local runs and tests only).
            ["GridAid:Channels:AllowPrivateTargets"] = "true",
        };
        var app = LocalHostApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IStartupFilter, StepTaggingStartupFilter>();
            if (shutdownTimeout is { } timeout)
            {
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
            }

            // The timer runner resolves the function class for each run, in the run's own async flow: tagging the step
            // here tags every storage request of that run (and only of it) as the sweeper's.
            builder.Services.AddScoped(sp =>
            {
                StepContext.Current = StorageOpCounter.Sweeper;
                counter.NoteSweep();
                return ActivatorUtilities.CreateInstance<SweeperFunctions>(sp);
            });
            builder.Services.AddSingleton(sp =>
            {
                var tables = new TableClientOptions();
                tables.AddPolicy(counter.Policy("table"), HttpPipelinePosition.PerRetry);
                var queues = new QueueClientOptions();
                queues.AddPolicy(counter.Policy("queue"), HttpPipelinePosition.PerRetry);
                return new StorageClients(sp.GetRequiredService<IOptions<StorageOptions>>(), tables, queues);
            });
        });
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await app.StartAsync();
        app.Services.GetRequiredService<DirectoryCache>().Clear();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BenchHost(app, new Uri(address + "/"), counter, startedAt);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static AreaSeed Demo => TaishanDemo.Seed;
}
