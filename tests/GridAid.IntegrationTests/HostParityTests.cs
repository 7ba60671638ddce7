using Microsoft.Extensions.Configuration;
using GridAid.LocalHost.Functions;
using GridAid.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests;

/// <summary>Holds the local host to what the Worker SDK generates for the real Functions host.</summary>
[Collection(SharedGridAid.Name)]
public class HostParityTests(GridAidFixture f)
{
    private sealed record Trigger(string Name, string Kind, string? Route, string Methods, string? Queue,
        string? Schedule = null, bool? RunOnStartup = null, bool? UseMonitor = null);

    private static List<Trigger> FromMetadata() =>
        FunctionsMetadata.All().Select(fn => new Trigger(fn.Name, fn.Kind, fn.Route, fn.Methods, fn.Queue, fn.Schedule, fn.RunOnStartup, fn.UseMonitor)).ToList();

    [Fact]
    public void The_local_host_serves_exactly_the_functions_the_worker_sdk_generates()
    {
        var catalog = f.Host.Get<FunctionCatalog>();
        var served = catalog.Http.Select(h => new Trigger(h.Name, "httpTrigger", h.Route, string.Join(',', h.Methods.Order()), null))
            .Concat(catalog.Queues.Select(q => new Trigger(q.Name, "queueTrigger", null, string.Empty, q.QueueName)))
            .Concat(catalog.Timers.Select(t => new Trigger(t.Name, "timerTrigger", null, string.Empty, null, t.Schedule, t.RunOnStartup, t.UseMonitor)))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(FromMetadata(), served);
    }

    [Fact]
    public void Every_http_function_is_mapped_under_the_host_json_route_prefix_with_its_methods()
    {
        var host = f.Host.Get<HostSettings>();
        var endpoints = f.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();

        foreach (var fn in FromMetadata().Where(t => t.Kind == "httpTrigger"))
        {
            var endpoint = Assert.Single(endpoints, e => e.DisplayName == fn.Name || e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == fn.Name);
            Assert.Equal($"{host.RoutePrefix}/{fn.Route}", endpoint.RoutePattern.RawText!.TrimStart('/'));
            Assert.Equal(fn.Methods, string.Join(',', endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Order()));
        }
    }

    [Fact]
    public void The_local_host_reads_its_queue_settings_from_the_function_apps_host_json()
    {
        var fromApp = HostSettings.Load(RepoPaths.Combine("functions", "GridAid.FunctionApp", "host.json"));

        // The tests' host differs only where its settings override host.json (LocalHostInstance), as an app
        // setting AzureFunctionsJobHost__extensions__queues__maxPollingInterval would in Azure.
        Assert.Equal(fromApp with { Queues = fromApp.Queues with { MaxPollingInterval = QueueSettings.MinimumPollingInterval } }, f.Host.Get<HostSettings>());
        // docs/reliability.md: a failed delivery is retried within seconds, and the retries outlast a 30 s storage throttle.
        Assert.True(fromApp.Queues.VisibilityTimeout <= TimeSpan.FromSeconds(5));
        Assert.True(fromApp.Queues.VisibilityTimeout * (fromApp.Queues.MaxDequeueCount - 1) > TimeSpan.FromSeconds(30));
        // docs/benchmarks.md, *A cheap idle*: 4 queues polled at 5 s when idle. Lost persons do not wait for a poll (they
        // are routed on the intake path), and the queue message behind them is visible after its guard delay.
        Assert.Equal(TimeSpan.FromSeconds(5), fromApp.Queues.MaxPollingInterval);
    }

    [Fact]
    public void An_app_setting_overrides_a_host_json_queue_setting_as_in_the_functions_host()
    {
        var file = RepoPaths.Combine("functions", "GridAid.FunctionApp", "host.json");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:02",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "8",
        }).Build();

        var overridden = HostSettings.Load(file, config);
        var plain = HostSettings.Load(file, new ConfigurationBuilder().Build());

        Assert.Equal(TimeSpan.FromSeconds(2), overridden.Queues.MaxPollingInterval);
        Assert.Equal(8, overridden.Queues.BatchSize);
        Assert.Equal(plain.Queues with { MaxPollingInterval = TimeSpan.FromSeconds(2), BatchSize = 8 }, overridden.Queues);
        Assert.Equal(HostSettings.Load(file), plain);
    }

    [Fact]
    public void Missing_queue_settings_take_the_functions_host_defaults()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");
        File.WriteAllText(path, "{\"version\":\"2.0\"}");
        try
        {
            var settings = HostSettings.Load(path);
            Assert.Equal("api", settings.RoutePrefix);
            Assert.Equal(TimeSpan.FromMinutes(1), settings.Queues.MaxPollingInterval);
            Assert.Equal(16, settings.Queues.BatchSize);
            Assert.Equal(8, settings.Queues.NewBatchThreshold);
            Assert.Equal(5, settings.Queues.MaxDequeueCount);
            Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
