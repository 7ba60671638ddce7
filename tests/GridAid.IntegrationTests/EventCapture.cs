using System.Collections.Concurrent;
using Azure.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAid.IntegrationTests;

/// <summary>
/// Stands in for an Event Grid topic (Azure itself cannot run here): a local endpoint that accepts the
/// publisher's CloudEvents batches and checks the access key header, as a topic does.
/// </summary>
public sealed class EventCapture : IAsyncDisposable
{
    public const string Key = "local-test-key";

    private readonly WebApplication _app;

    private EventCapture(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<CloudEvent> Events { get; } = new();

    public static async Task<EventCapture> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        EventCapture? capture = null;
        app.MapPost("/api/events", async (HttpRequest req) =>
        {
            if (req.Headers["aeg-sas-key"] != Key)
            {
                return Results.Unauthorized();
            }

            var body = await BinaryData.FromStreamAsync(req.Body);
            foreach (var e in CloudEvent.ParseMany(body))
            {
                capture!.Events.Enqueue(e);
            }

            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        capture = new EventCapture(app, new Uri(new Uri(address), "/api/events"));
        return capture;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
