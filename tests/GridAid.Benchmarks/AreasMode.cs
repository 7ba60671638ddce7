using System.Diagnostics;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Benchmarks;

/// <summary>
/// Several areas on one deployment (docs/scale.md): does one area's burst slow another area's lost child? On an Azurite
/// and a host of their own, the demo area (Taishan) and <c>--areas</c> − 1 small areas seeded through the directory as an
/// operator adds one (a police post and a grid member, one cell, one point each, as the integration tests' Laoshan).
/// First the other areas' lost persons alone, one after another; then the same while <c>FloodClients</c> clients flood
/// Taishan with tips (closed loop). Each lost person is timed from its submit until the Event Grid event of every station
/// the router names in its own area has arrived.
/// </summary>
public static class AreasMode
{
    public static async Task<AreasResult> RunAsync(EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line($"areas: starting an Azurite and a local host of their own, {o.Areas} areas …");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
        var others = Enumerable.Range(1, Math.Max(1, o.Areas - 1)).Select(SmallArea).ToList();
        var directory = host.App.Services.GetRequiredService<DirectoryStore>();
        foreach (var area in others)
        {
            await directory.SeedAsync(area, ct);
        }

        host.App.Services.GetRequiredService<DirectoryCache>().Clear();
        using var http = Workload.CreateClient(host.BaseAddress);
        var workload = new Workload(http);
        var plans = others.Select(a => (Area: a, Directory: a.ToDirectory())).ToList();
        PlannedReport LostPerson(int i) => Workload.Plan(ReportKind.LostPerson, plans[i % plans.Count].Area.Points[0].Code, plans[i % plans.Count].Directory);

        // Warm up: JIT, connections, every area's directory in the cache.
        await Task.WhenAll(TaishanDemo.Seed.Points.Take(4).Select(p => workload.SubmitAsync(Workload.Plan(ReportKind.Tip, p.Code), ct: ct)));
        await Task.WhenAll(plans.Select((_, i) => workload.SubmitAsync(LostPerson(i), ct: ct)));
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        StepContext.Current = "benchmark: areas";
        var alone = new List<UrgentSample>();
        using (log.Ticker($"areas: {o.AreasReports} lost persons in the other areas, alone", () => $"{alone.Count} routed"))
        {
            for (var i = 0; i < o.AreasReports; i++)
            {
                alone.Add(await FloodMode.UrgentAsync(workload, sink, LostPerson(i), Stopwatch.GetTimestamp(), ct));
                await Task.Delay(o.UrgentIdleGap, ct);
            }
        }

        var run = await FloodMode.FloodAsync(workload, sink, o, o.AreasReports, LostPerson,
            $"areas: {o.FloodClients} clients flooding {TaishanDemo.AreaId} with tips, lost persons elsewhere every {o.FloodUrgentInterval.TotalSeconds:0.0} s", log, null, ct);
        var (floodStart, floodEnd) = (run.Start, run.End);

        var floodSeconds = Stopwatch.GetElapsedTime(floodStart, floodEnd).TotalSeconds;
        var accepted = run.Tips.Count(t => t.Accepted && t.EndedAt <= floodEnd);
        var aloneLatency = FloodMode.Summarise(alone);
        var floodSamples = run.Urgent.ToList();
        var floodLatency = FloodMode.Summarise(floodSamples);
        static double? Ratio(double during, double before) => double.IsNaN(during) || double.IsNaN(before) || before <= 0 ? null : Math.Round(during / before, 2);
        var result = new AreasResult(
            others.Count + 1,
            TaishanDemo.AreaId,
            others.Select(a => a.Area.Id).ToList(),
            o.FloodClients,
            Math.Round(floodSeconds, 1),
            accepted,
            Math.Round(accepted / Math.Max(floodSeconds, 1e-3), 1),
            aloneLatency,
            floodLatency,
            Ratio(floodLatency.RoutedMs.P50, aloneLatency.RoutedMs.P50),
            Ratio(floodLatency.RoutedMs.P99, aloneLatency.RoutedMs.P99),
            alone,
            floodSamples);
        log.Line($"areas: {result.TipsAcceptedPerSecond} tips/s in {TaishanDemo.AreaId}; lost person elsewhere tap → routed p50 {floodLatency.RoutedMs.P50} ms, p99 {floodLatency.RoutedMs.P99} ms " +
            $"({result.RoutedP50Ratio}× / {result.RoutedP99Ratio}× alone)");
        StepContext.Current = null;
        return result;
    }

    /// <summary>A small area as an operator would add one: a police post (the default station) and a grid member, one cell, one point.</summary>
    private static AreaSeed SmallArea(int n)
    {
        var id = $"bench-area-{n}";
        var police = $"{id}-police";
        var grid = $"{id}-grid";
        return new AreaSeed(
            new Area(id, new LocalizedText($"测试景区{n}", $"Benchmark Area {n}"), police),
            [
                new Station(id, police, new LocalizedText($"测试派出所{n}", $"Benchmark Police Post {n}"), StationType.PolicePost),
                new Station(id, grid, new LocalizedText($"测试网格员{n}", $"Benchmark Grid Member {n}"), StationType.GridMember),
            ],
            [new GridCell(id, $"{id}-cell", new LocalizedText($"测试网格{n}", $"Benchmark Cell {n}"), [police, grid], [])],
            [new QrPoint(id, $"{id}-gate", new LocalizedText($"测试入口{n}", $"Benchmark Gate {n}"), $"{id}-cell")],
            new Dictionary<string, string> { [police] = "bench-" + police, [grid] = "bench-" + grid, ["admin"] = "bench-admin-" + id });
    }
}
