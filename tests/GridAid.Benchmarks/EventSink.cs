using System.Collections.Concurrent;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.Benchmarks;

/// <summary>
/// Records when each alert event reaches the local Event Grid stand-in: the time of the first arrival
/// (<see cref="System.Diagnostics.Stopwatch"/> timestamp) of each <c>{trackingCode}|{stationId}</c>.
/// </summary>
public sealed class EventSink : IAsyncDisposable
{
    private readonly EventGridStandIn _endpoint;
    private long _events;

    private EventSink(EventGridStandIn endpoint)
    {
        _endpoint = endpoint;
        endpoint.OnEvent = (e, now) =>
        {
            using var data = JsonDocument.Parse(e.Data!.ToMemory());
            var code = data.RootElement.GetProperty("trackingCode").GetString();
            var station = data.RootElement.GetProperty("stationId").GetString();
            Arrivals.TryAdd($"{code}|{station}", now);
            Interlocked.Increment(ref _events);
        };
    }

    public Uri Endpoint => _endpoint.Endpoint;

    public IDictionary<string, string?> Settings => _endpoint.Settings;

    public ConcurrentDictionary<string, long> Arrivals { get; } = new(StringComparer.Ordinal);

    public long EventCount => Interlocked.Read(ref _events);

    public long PostCount => _endpoint.PostCount;

    public static async Task<EventSink> StartAsync() => new(await EventGridStandIn.StartAsync());

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
