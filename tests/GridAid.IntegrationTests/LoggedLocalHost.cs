using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridAid.IntegrationTests;

/// <summary>
/// A local host built as <c>LocalHostInstance</c> builds it, plus a policy on its table client that logs every table request
/// (as the benchmark's BenchHost does), so a test can show what was (not) read.
/// </summary>
internal static class LoggedLocalHost
{
    public static async Task<(WebApplication App, HttpClient Http)> StartAsync(IDictionary<string, string?> config, ConcurrentQueue<string> tableRequests)
    {
        var app = LocalHostApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton(sp =>
            {
                var tables = new TableClientOptions();
                tables.AddPolicy(new LoggingPolicy(tableRequests), HttpPipelinePosition.PerRetry);
                return new StorageClients(sp.GetRequiredService<IOptions<StorageOptions>>(), tables);
            });
        });
        await app.StartAsync();
        app.Services.GetRequiredService<DirectoryCache>().Clear();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    private sealed class LoggingPolicy(ConcurrentQueue<string> log) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            log.Enqueue(message.Request.Method + " " + Uri.UnescapeDataString(message.Request.Uri.ToString()));
    }
}
