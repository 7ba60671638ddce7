using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridAid.Core.Channels;
using GridAid.Core.Demo;
using GridAid.Core.Reports;
using GridAid.TestSupport;

namespace GridAid.Benchmarks;

/// <summary>
/// Tap to channel: every demo station gets a signed webhook and a DingTalk (加签) channel at a local receiver that checks
/// both signatures; reports of every kind at the tap rate; each report's latency runs from its scheduled submit until
/// <b>every</b> channel of every station ReportRouter names has received its signed alert. The pipeline floor
/// (<see cref="TapMode.FloorAsync"/>) is measured in the same run, on the same storage. Its own Azurite and host, so the
/// channels never load another mode.
/// </summary>
public static class ChannelMode
{
    public static async Task<ChannelResult> RunAsync(EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line("channel: starting an Azurite, a local host and a signature-checking receiver of their own …");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
        await using var receiver = await ChannelReceiver.StartAsync();
        using var http = Workload.CreateClient(host.BaseAddress);
        var workload = new Workload(http);

        var admin = new AuthenticationHeaderValue("Bearer", $"{TaishanDemo.AreaId}.admin.demo-admin");
        foreach (var station in Workload.StationIds)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/admin/stations/{station}/channels")
            {
                Content = JsonContent.Create(new object[]
                {
                    new { type = "webhook", url = receiver.Url("/webhook"), secret = ChannelReceiver.Secret },
                    new { type = "dingtalk", url = receiver.Url("/dingtalk?access_token=bench"), secret = ChannelReceiver.Secret },
                }),
            };
            put.Headers.Authorization = admin;
            using var answer = await http.SendAsync(put, ct);
            answer.EnsureSuccessStatusCode();
        }

        // Warm up as the run does (JIT, connections, the directory cache for every point), then let those deliveries land.
        var kinds = ReportKinds.All;
        await Task.WhenAll(TaishanDemo.Seed.Points.Select((p, n) => workload.SubmitAsync(Workload.Plan(kinds[n % kinds.Count], p.Code), ct: ct)));
        await Task.Delay(TimeSpan.FromSeconds(o.Quick ? 1 : 3), ct);

        var floor = await TapMode.FloorAsync(host.Storage, o, log, ct);
        List<Submission> submissions;
        var sent = 0;
        using (log.Ticker($"channel: {o.TapRate:F0} reports/s for {o.TapDuration.TotalSeconds:F0} s", () => $"{Volatile.Read(ref sent)} sent, {receiver.Arrivals.Count} posts verified, {receiver.Refused} refused"))
        {
            submissions = await workload.OpenLoopAsync(o.TapRate, o.TapDuration, () => workload.Next(), n => Volatile.Write(ref sent, n), ct);
            var expected = Expected(submissions).ToList();
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < TimeSpan.FromSeconds(30) && expected.Any(id => !receiver.Arrivals.ContainsKey(id)))
            {
                await Task.Delay(50, ct);
            }
        }

        var accepted = submissions.Where(s => s.Accepted).ToList();
        double? Worst(Submission s)
        {
            double worst = 0;
            foreach (var id in Expected([s]))
            {
                if (!receiver.Arrivals.TryGetValue(id, out var at))
                {
                    return null;
                }

                worst = Math.Max(worst, Stopwatch.GetElapsedTime(s.StartedAt, at).TotalMilliseconds);
            }

            return worst;
        }

        var latencies = accepted.Select(Worst).ToList();
        var delivered = Percentiles.Of(latencies.OfType<double>());
        var expectedCount = Expected(accepted).Count();
        var lostPerson = Percentiles.Of(accepted.Zip(latencies).Where(x => x.First.Plan.Kind == ReportKind.LostPerson && x.Second is not null).Select(x => x.Second!.Value));
        double? ratio = floor.LatencyMs.Count > 0 && floor.LatencyMs.P99 > 0 && !double.IsNaN(delivered.P99) ? Math.Round(delivered.P99 / floor.LatencyMs.P99, 2) : null;
        log.Line($"channel: delivered p99 {delivered.P99} ms ({receiver.Arrivals.Count} verified posts, {receiver.Refused} refused), floor p99 {floor.LatencyMs.P99} ms");
        return new ChannelResult(o.TapRate, o.TapDuration.TotalSeconds, submissions.Count, accepted.Count, expectedCount, receiver.Arrivals.Count, receiver.Refused,
            latencies.Count(l => l is null), delivered, lostPerson, floor, ratio);
    }

    /// <summary>The delivery ids a report's alerts make: two channels (0: webhook, 1: DingTalk) of every station it is routed to.</summary>
    private static IEnumerable<string> Expected(IEnumerable<Submission> submissions) =>
        submissions.Where(s => s.Accepted).SelectMany(s => s.Plan.Stations.SelectMany(st => new[]
        {
            ChannelNotice.DeliveryId(s.TrackingCode!, st, NoticeSteps.Alert, 0),
            ChannelNotice.DeliveryId(s.TrackingCode!, st, NoticeSteps.Alert, 1),
        }));
}

/// <summary>Tap to channel delivered (<see cref="ChannelMode"/>): per report, until every channel of every target station has it.</summary>
public sealed record ChannelResult(
    double RatePerSecond,
    double DurationSeconds,
    int Submitted,
    int Accepted,
    int ExpectedDeliveries,
    int VerifiedPosts,
    long RefusedPosts,
    int MissingReports,
    Percentiles DeliveredMs,
    Percentiles LostPersonMs,
    FloorResult Floor,
    double? DeliveredP99ToFloorP99);
