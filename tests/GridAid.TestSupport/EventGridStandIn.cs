using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GridAid.TestSupport;

/// <summary>
/// Stands in for an Event Grid topic (Azure itself cannot run here): a local endpoint that checks the access key
/// header as a topic does, and accepts the publisher's CloudEvents batches. Configure the host with
/// <see cref="Settings"/>.
/// </summary>
public sealed class EventGridStandIn : IAsyncDisposable
{
    public const string Key = "local-test-key";

    private readonly WebApplication _app;
    private long _posts;

    private EventGridStandIn(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Every event received, in arrival order.</summary>
    public ConcurrentQueue<CloudEvent> Events { get; } = new();

    /// <summary>Called for each event with its arrival time (<see cref="Stopwatch"/> timestamp).</summary>
    public Action<CloudEvent, long>? OnEvent { get; set; }

    public long PostCount => Interlocked.Read(ref _posts);

    /// <summary>The host settings that send alerts here.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EventGrid:TopicEndpoint"] = Endpoint.ToString(),
        ["EventGrid:Key"] = Key,
    };

    public static async Task<EventGridStandIn> StartAsync()
    {
        EventGridStandIn? self = null;
        var (app, address) = await LoopbackApp.StartAsync(app => app.MapPost("/api/events", async (HttpRequest req) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (!string.Equals(req.Headers["aeg-sas-key"], Key, StringComparison.Ordinal))
            {
                return Results.Unauthorized();
            }

            var body = await BinaryData.FromStreamAsync(req.Body);
            foreach (var e in CloudEvent.ParseMany(body))
            {
                self!.Events.Enqueue(e);
                self.OnEvent?.Invoke(e, now);
            }

            Interlocked.Increment(ref self!._posts);
            return Results.Ok();
        }));
        self = new EventGridStandIn(app, new Uri(address, "/api/events"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
