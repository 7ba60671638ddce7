using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Demo;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.FaultTests;

/// <summary>What every fault scenario submits and expects: lost items at one point, routed to a known set of stations.</summary>
public static class FaultScenario
{
    public const string Point = "ts-nantianmen";

    /// <summary>Where a lost item at <see cref="Point"/> goes (its cell's owning station and the lost-and-found desk).</summary>
    public static IReadOnlyList<string> Targets { get; } = ReportRouter.Route(ReportKind.LostItem, Point, TaishanDemo.Seed.ToDirectory()).StationIds;

    /// <summary>How soon after the host or storage is back every accepted report must be routed.</summary>
    public static readonly TimeSpan RoutedWithin = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Checks, after a fault, that every accepted report was routed in time and exactly once: it polls each tracking
/// code's status until it is past <c>received</c>, then reads every station's inbox and counts alerts per code.
/// </summary>
public sealed class RoutingAudit(Uri baseAddress, Stopwatch clock)
{
    private const int Readers = 16;

    /// <summary>When each code was first seen routed, and the stations its status lists.</summary>
    public ConcurrentDictionary<string, (TimeSpan At, string[] Stations)> Routed { get; } = new();

    /// <summary>Polls until every code is routed or <paramref name="until"/> (test clock) passes.</summary>
    public async Task WaitRoutedAsync(IReadOnlyCollection<string> codes, TimeSpan until)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            var pending = codes.Where(c => !Routed.ContainsKey(c)).ToList();
            if (pending.Count == 0 || clock.Elapsed > until)
            {
                return;
            }

            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Readers }, async (code, ct) =>
            {
                try
                {
                    var status = await http.GetFromJsonAsync<JsonElement>($"/api/reports/{code}", ct);
                    if (status.GetProperty("status").GetString() != "received")
                    {
                        var stations = status.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
                        Routed.TryAdd(code, (clock.Elapsed, stations));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Read again on the next pass.
                }
            });
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Alerts per station per tracking code, from every station's inbox (read as that station).</summary>
    public async Task<Dictionary<string, Dictionary<string, int>>> AlertsByStationAsync()
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var result = new Dictionary<string, Dictionary<string, int>>();
        foreach (var station in TaishanDemo.Seed.Stations.Select(s => s.Id))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/{station}/alerts");
            request.Headers.Add("X-GridAid-Auth", $"{TaishanDemo.AreaId}.{station}.demo-{station}");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var inbox = await response.Content.ReadFromJsonAsync<JsonElement>();
            result[station] = inbox.EnumerateArray()
                .GroupBy(a => a.GetProperty("trackingCode").GetString()!)
                .ToDictionary(g => g.Key, g => g.Count());
        }

        return result;
    }
}
