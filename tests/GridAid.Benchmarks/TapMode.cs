using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;

namespace GridAid.Benchmarks;

/// <summary>
/// Tap to station: reports of every kind at a sustained rate; each report's latency runs from its scheduled submit
/// time until <b>every</b> station <c>ReportRouter</c> names has it — in its inbox API (probed) and as an Event Grid
/// event (pushed to <see cref="EventSink"/>). The pipeline floor is measured in the same run.
/// </summary>
public static class TapMode
{
    public static readonly TimeSpan FloorPollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<TapResult> RunAsync(
        Workload workload, HttpClient http, StorageClients? storage, EventSink? sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        var floor = storage is null
            ? new FloorResult(o.TapRate, FloorPollInterval.TotalMilliseconds, 2, Percentiles.Of([]))
            : await FloorAsync(storage, o, log, ct);

        var pending = Workload.StationIds.ToDictionary(s => s, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        var seen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var probes = Workload.StationIds.Select(s => ProbeAsync(http, s, pending[s], seen, o.ProbeInterval, stop.Token)).ToList();

        var submissions = new ConcurrentBag<Submission>();
        var sent = 0;
        using (log.Ticker($"tap: {o.TapRate:F0} reports/s for {o.TapDuration.TotalSeconds:F0} s", () => $"{Volatile.Read(ref sent)} sent, {seen.Count} alerts seen in inboxes, {sink?.EventCount ?? 0} events"))
        {
            var count = (int)Math.Round(o.TapRate * o.TapDuration.TotalSeconds);
            var t0 = Stopwatch.GetTimestamp();
            var tasks = new List<Task>();
            for (var i = 0; i < count; i++)
            {
                var due = t0 + (long)(i / o.TapRate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                var plan = workload.Next();
                tasks.Add(Task.Run(async () =>
                {
                    var s = await workload.SubmitAsync(plan, due, ct);
                    if (s.Accepted)
                    {
                        foreach (var station in plan.Stations)
                        {
                            if (!seen.ContainsKey(Key(s.TrackingCode!, station)))
                            {
                                pending[station].TryAdd(s.TrackingCode!, 0);
                            }
                        }
                    }

                    submissions.Add(s);
                }, ct));
                Volatile.Write(ref sent, i + 1);
            }

            await Task.WhenAll(tasks);

            // Let the last reports arrive everywhere (or time out: a report still missing is reported as missing).
            var expected = submissions.Where(s => s.Accepted).SelectMany(s => s.Plan.Stations.Select(st => Key(s.TrackingCode!, st))).ToList();
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < TimeSpan.FromSeconds(o.Quick ? 10 : 20)
                && (expected.Any(k => !seen.ContainsKey(k)) || (sink is not null && expected.Any(k => !sink.Arrivals.ContainsKey(k)))))
            {
                await Task.Delay(50, ct);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(probes);

        var accepted = submissions.Where(s => s.Accepted).ToList();
        (double? Inbox, double? Event) LatencyOf(Submission s)
        {
            double? Worst(Func<string, long?> at)
            {
                double worst = 0;
                foreach (var station in s.Plan.Stations)
                {
                    if (at(Key(s.TrackingCode!, station)) is not { } t)
                    {
                        return null;
                    }

                    worst = Math.Max(worst, Stopwatch.GetElapsedTime(s.StartedAt, t).TotalMilliseconds);
                }

                return worst;
            }

            return (Worst(k => seen.TryGetValue(k, out var t) ? t : null),
                sink is null ? null : Worst(k => sink.Arrivals.TryGetValue(k, out var t) ? t : null));
        }

        var measured = accepted.Select(s => (s, l: LatencyOf(s))).ToList();
        var byKind = measured.GroupBy(x => x.s.Plan.Kind).OrderBy(g => g.Key).Select(g => new KindLatency(
            g.Key.ToWire(),
            g.Count(),
            g.Sum(x => x.s.Plan.Stations.Count),
            Percentiles.Of(g.Where(x => x.l.Inbox is not null).Select(x => x.l.Inbox!.Value)),
            Percentiles.Of(g.Where(x => x.l.Event is not null).Select(x => x.l.Event!.Value)),
            g.Count(x => x.l.Inbox is null),
            sink is null ? 0 : g.Count(x => x.l.Event is null))).ToList();
        var inbox = Percentiles.Of(measured.Where(x => x.l.Inbox is not null).Select(x => x.l.Inbox!.Value));
        var events = Percentiles.Of(measured.Where(x => x.l.Event is not null).Select(x => x.l.Event!.Value));
        double? Ratio(double p99) => floor.LatencyMs.Count > 0 && floor.LatencyMs.P99 > 0 && !double.IsNaN(p99) ? Math.Round(p99 / floor.LatencyMs.P99, 2) : null;
        log.Line($"tap: inbox p99 {inbox.P99} ms, event p99 {events.P99} ms, floor p99 {floor.LatencyMs.P99} ms");
        return new TapResult(o.TapRate, o.TapDuration.TotalSeconds, submissions.Count, accepted.Count, accepted.Sum(s => s.Plan.Stations.Count),
            o.ProbeInterval.TotalMilliseconds, BenchHost.ProbeInboxSize, inbox, events, byKind, floor, Ratio(inbox.P99), Ratio(events.P99));
    }

    private static string Key(string code, string station) => code + "|" + station;

    /// <summary>
    /// Polls one station's inbox while it has alerts to find, as the station page does (<c>web/js/station.js</c>): the
    /// last answer's <c>ETag</c> in <c>If-None-Match</c>, so an unchanged inbox answers 304; an alert counts as visible
    /// when the response that holds it arrives. With <c>--probe-ms 1000</c> this is the page's own mechanism.
    /// </summary>
    private static async Task ProbeAsync(HttpClient http, string stationId, ConcurrentDictionary<string, byte> pending, ConcurrentDictionary<string, long> seen, TimeSpan interval, CancellationToken ct)
    {
        var auth = new AuthenticationHeaderValue("Bearer", Workload.Credential(stationId));
        EntityTagHeaderValue? etag = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (pending.IsEmpty)
                {
                    await Task.Delay(10, ct);
                    continue;
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/stations/{stationId}/alerts");
                request.Headers.Authorization = auth;
                if (etag is not null)
                {
                    request.Headers.IfNoneMatch.Add(etag);
                }

                using var response = await http.SendAsync(request, ct);
                var at = Stopwatch.GetTimestamp();
                if (response.IsSuccessStatusCode)
                {
                    etag = response.Headers.ETag;
                    using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
                    foreach (var alert in doc.RootElement.EnumerateArray())
                    {
                        var code = alert.GetProperty("trackingCode").GetString()!;
                        if (pending.TryRemove(code, out _))
                        {
                            seen.TryAdd(Key(code, stationId), at);
                        }
                    }
                }

                await Task.Delay(interval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(interval, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The pipeline's floor with the same clients: send a message, poll the queue every 100 ms when it is empty (as
    /// host.json's maxPollingInterval does), write two table rows, delete the message. Latency: send → second write done.
    /// </summary>
    private static async Task<FloorResult> FloorAsync(StorageClients storage, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        StepContext.Current = "benchmark: floor";
        var queue = storage.Queue("bench-floor");
        var first = storage.Table("benchfloora");
        var second = storage.Table("benchfloorb");
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        await queue.ClearMessagesAsync(ct);
        await first.CreateIfNotExistsAsync(ct);
        await second.CreateIfNotExistsAsync(ct);

        var latencies = new ConcurrentBag<double>();
        var count = (int)Math.Round(o.TapRate * o.FloorDuration.TotalSeconds);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var consumer = Task.Run(async () =>
        {
            var running = new List<Task>();
            while (!done.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                Azure.Storage.Queues.Models.QueueMessage[] batch;
                try
                {
                    batch = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(5), done.Token)).Value;
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (batch.Length == 0)
                {
                    try
                    {
                        await Task.Delay(FloorPollInterval, done.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    continue;
                }

                running.AddRange(batch.Select(async m =>
                {
                    var sentAt = long.Parse(m.MessageText, CultureInfo.InvariantCulture);
                    var key = Guid.NewGuid().ToString("N");
                    await first.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("taishan", key) { ["Body"] = new string('a', 600) })]);
                    await second.UpsertEntityAsync(new TableEntity("taishan", key) { ["Status"] = "routed" }, TableUpdateMode.Replace);
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }));
            }

            await Task.WhenAll(running);
        }, CancellationToken.None);

        using (log.Ticker($"floor: {o.TapRate:F0} msgs/s, 100 ms polling, two table writes", () => $"{latencies.Count} done"))
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var due = t0 + (long)(i / o.TapRate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                await queue.SendMessageAsync(Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture), ct);
            }

            var settle = Stopwatch.StartNew();
            while (latencies.Count < count && settle.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20, ct);
            }
        }

        await done.CancelAsync();
        await consumer;
        await first.DeleteAsync(ct);
        await second.DeleteAsync(ct);
        await queue.DeleteAsync(ct);
        StepContext.Current = null;
        var result = new FloorResult(o.TapRate, FloorPollInterval.TotalMilliseconds, 2, Percentiles.Of(latencies));
        log.Line($"floor: p50 {result.LatencyMs.P50} ms, p99 {result.LatencyMs.P99} ms ({result.LatencyMs.Count} messages)");
        return result;
    }
}
