using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GridAid.Core.Demo;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;
using GridAid.TestSupport;

namespace GridAid.Benchmarks;

/// <summary>
/// The urgent lane under a flood. First, idle: lost-person reports one after another, each sent once the previous one
/// is routed. Then the same number of lost-person reports at fixed intervals while <c>FloodClients</c> clients send
/// tips as fast as the intake answers them (closed loop: the highest rate the intake accepts). Each lost person's
/// latency runs from its submit until the Event Grid event of <b>every</b> station <c>ReportRouter</c> names has
/// arrived (the router writes the alerts and marks the report routed before it publishes), split into tap → 202
/// (the shared intake) and 202 → routed (the lane).
/// <para>
/// It runs on an Azurite and an in-process host of its own: the emulator's queue requests slow down with every message
/// it holds (the close checks every routed report schedules for 30 days among them), so on the run's shared Azurite the
/// flood met the state earlier modes left, and its backlog, which the router drains far slower than the intake fills it,
/// stalled every later mode. Here both phases start from the same fresh state, and the backlog goes with the emulator.
/// </para>
/// </summary>
public static class FloodMode
{

    /// <summary>The longest a lost-person report may take to reach all its stations before it counts as missing.</summary>
    public static readonly TimeSpan UrgentTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest the lanes may take to empty before the idle phase.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    public static async Task<FloodResult> RunAsync(EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line("flood: starting an Azurite and a local host of its own …");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
        using var http = Workload.CreateClient(host.BaseAddress);
        var workload = new Workload(http);

        // Warm up as the run does: JIT, connections, and the directory cache for every point.
        var kinds = ReportKinds.All;
        await Task.WhenAll(TaishanDemo.Seed.Points.Select((p, n) => workload.SubmitAsync(Workload.Plan(kinds[n % kinds.Count], p.Code), ct: ct)));
        return await MeasureAsync(workload, host.Storage, sink, host.Counter, o, log, ct);
    }

    private static async Task<FloodResult> MeasureAsync(
        Workload workload, StorageClients storage, EventSink sink, StorageOpCounter counter, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        StepContext.Current = "benchmark: flood";
        var points = TaishanDemo.Seed.Points.Select(p => p.Code).ToList();
        string PointOf(int i) => points[i % points.Count];

        // Idle means idle: no backlog left by an earlier mode in either lane.
        await DrainAsync(storage, log, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        // One storage call's round trip, sampled throughout: how much the shared storage itself slows down in the flood.
        var probes = new[] { new ConcurrentQueue<double>(), new ConcurrentQueue<double>() };
        var phase = 0;
        using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var failedProbes = 0;
        var probe = ProbeStorageAsync(storage, () => probes[Volatile.Read(ref phase)], () => Interlocked.Increment(ref failedProbes), stopProbe.Token);

        // Idle: nothing else runs; each report goes once the previous one has reached all its stations.
        var idle = new List<UrgentSample>();
        using (log.Ticker($"flood: {o.UrgentReports} lost-person reports, idle", () => $"{idle.Count} routed"))
        {
            for (var i = 0; i < o.UrgentReports; i++)
            {
                idle.Add(await UrgentAsync(workload, sink, PointOf(i), Stopwatch.GetTimestamp(), ct));
                await Task.Delay(o.UrgentIdleGap, ct);
            }
        }

        var idleLatency = Summarise(idle);
        log.Line($"flood: idle lost person tap → routed p50 {idleLatency.RoutedMs.P50} ms, max {idleLatency.RoutedMs.Max} ms");

        var emulator = await EmulatorProbe.MeasureAsync(storage, ct);

        // The flood: closed-loop clients, each sending its next tip when the last one is answered.
        Volatile.Write(ref phase, 1);
        var opsBefore = counter.Snapshot();
        var run = await FloodAsync(workload, sink, o, o.UrgentReports, i => Workload.Plan(ReportKind.LostPerson, PointOf(i)),
            $"flood: {o.FloodClients} clients sending tips, {o.UrgentReports} lost persons every {o.FloodUrgentInterval.TotalSeconds:0.0} s", log,
            async () =>
            {
                await stopProbe.CancelAsync();
                await probe;
            }, ct);
        var (tips, urgent, floodStart, floodEnd) = (run.Tips, run.Urgent, run.Start, run.End);

        // What the router had not yet taken of the tips when the flood stopped (it goes with this Azurite).
        long backlog = -1;
        try
        {
            backlog = await BacklogAsync(storage, QueueNames.Intake, ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            log.Line($"flood: reading the tips' queue failed: {e.GetType().Name}");
        }

        // Reports of the backlog that waited longer than GridAid:Sweeper:StrandedAfter look stranded to the sweeper.
        var redrives = (int)StorageOpCounter.Diff(opsBefore, counter.Snapshot())
            .Where(kv => kv.Key.Step == StorageOpCounter.Sweeper && kv.Key.Operation.StartsWith("queue PutMessage", StringComparison.Ordinal)).Sum(kv => kv.Value);
        var floodSamples = urgent.ToList();
        var floodLatency = Summarise(floodSamples);
        var floodSeconds = Stopwatch.GetElapsedTime(floodStart, floodEnd).TotalSeconds;
        var answered = tips;
        var accepted = answered.Where(t => t.Accepted && t.EndedAt <= floodEnd).ToList();
        var answers = answered.GroupBy(t => t.Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "no answer")
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        static double? Ratio(double flood, double idle) => double.IsNaN(flood) || double.IsNaN(idle) || idle <= 0 ? null : Math.Round(flood / idle, 2);

        var result = new FloodResult(
            o.FloodClients,
            Math.Round(floodSeconds, 1),
            answered.Count,
            accepted.Count,
            Math.Round(accepted.Count / Math.Max(floodSeconds, 1e-3), 1),
            answers,
            Percentiles.Of(accepted.Select(t => t.LatencyMs)),
            backlog,
            o.FloodUrgentInterval.TotalSeconds,
            idleLatency,
            floodLatency,
            idle,
            floodSamples,
            Ratio(floodLatency.RoutedMs.P50, idleLatency.RoutedMs.P50),
            Ratio(floodLatency.RoutedMs.Max, idleLatency.RoutedMs.Max),
            Ratio(floodLatency.AfterAcceptMs.P50, idleLatency.AfterAcceptMs.P50),
            Ratio(floodLatency.AfterAcceptMs.Max, idleLatency.AfterAcceptMs.Max),
            Percentiles.Of(probes[0]),
            Percentiles.Of(probes[1]),
            Volatile.Read(ref failedProbes),
            redrives,
            emulator);
        log.Line($"flood: {result.TipsAcceptedPerSecond} tips/s accepted; lost person tap → routed p50 {floodLatency.RoutedMs.P50} ms, max {floodLatency.RoutedMs.Max} ms " +
            $"({result.RoutedP50Ratio}× / {result.RoutedMaxRatio}× idle); {backlog} tips still queued");
        StepContext.Current = null;
        return result;
    }

    /// <summary>What <see cref="FloodAsync"/> saw: the tips' answers, the lost persons' samples, when the flood began and ended.</summary>
    internal sealed record FloodRun(IReadOnlyList<Submission> Tips, IReadOnlyList<UrgentSample> Urgent, long Start, long End);

    /// <summary>
    /// <c>FloodClients</c> closed-loop clients send tips (each its next when the last is answered) while <paramref name="reports"/>
    /// lost persons (<paramref name="urgent"/>) are sent one every <c>FloodUrgentInterval</c>, the first after <c>FloodWarmup</c>;
    /// the flood goes on until every lost person is routed (or timed out), then <paramref name="whenRouted"/> runs and the clients stop.
    /// </summary>
    internal static async Task<FloodRun> FloodAsync(
        Workload workload, EventSink sink, BenchmarkOptions o, int reports, Func<int, PlannedReport> urgent, string label, Progress log,
        Func<Task>? whenRouted, CancellationToken ct)
    {
        var tips = new ConcurrentQueue<Submission>();
        var flooding = 1;
        var floodStart = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, o.FloodClients).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref flooding) == 1)
            {
                var s = await workload.SubmitAsync(workload.Next(ReportKind.Tip), ct: ct);
                tips.Enqueue(s);
                if (s.Status is null)
                {
                    await Task.Delay(50, ct);
                }
            }
        }, ct)).ToList();

        var sent = new List<Task<UrgentSample>>();
        long floodEnd;
        using (log.Ticker(label, () => $"{tips.Count} tips answered, {sent.Count(t => t.IsCompleted)}/{sent.Count} lost persons done"))
        {
            var first = floodStart + (long)(o.FloodWarmup.TotalSeconds * Stopwatch.Frequency);
            for (var i = 0; i < reports; i++)
            {
                var due = first + (long)(i * o.FloodUrgentInterval.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                var plan = urgent(i);
                sent.Add(Task.Run(() => UrgentAsync(workload, sink, plan, due, ct), ct));
            }

            await Task.WhenAll(sent);
            floodEnd = Stopwatch.GetTimestamp();
            Volatile.Write(ref flooding, 0);
            if (whenRouted is not null)
            {
                await whenRouted();
            }

            await Task.WhenAll(clients);
        }

        return new FloodRun(tips.ToList(), sent.Select(t => t.Result).ToList(), floodStart, floodEnd);
    }

    /// <summary>Sends one lost-person report (its latency counted from <paramref name="due"/>) and waits until every target station's event is in.</summary>
    private static Task<UrgentSample> UrgentAsync(Workload workload, EventSink sink, string point, long due, CancellationToken ct) =>
        UrgentAsync(workload, sink, Workload.Plan(ReportKind.LostPerson, point), due, ct);

    /// <summary>Sends one lost-person report of any area (its latency counted from <paramref name="due"/>) and waits until every target station's event is in.</summary>
    internal static async Task<UrgentSample> UrgentAsync(Workload workload, EventSink sink, PlannedReport plan, long due, CancellationToken ct)
    {
        var point = plan.Point;
        var s = await workload.SubmitAsync(plan, due, ct);
        var acceptedMs = Math.Round(s.LatencyMs, 1);
        if (!s.Accepted)
        {
            return new UrgentSample(point, null, plan.Stations.Count, acceptedMs, null, null);
        }

        var keys = plan.Stations.Select(st => s.TrackingCode + "|" + st).ToList();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < UrgentTimeout && keys.Any(k => !sink.Arrivals.ContainsKey(k)))
        {
            await Task.Delay(5, ct);
        }

        var arrivals = keys.Select(k => sink.Arrivals.TryGetValue(k, out var at) ? at : (long?)null).ToList();
        double Ms(long at) => Math.Round(Stopwatch.GetElapsedTime(due, at).TotalMilliseconds, 1);
        var seen = arrivals.Where(a => a is not null).Select(a => a!.Value).ToList();
        return new UrgentSample(
            point,
            s.TrackingCode,
            plan.Stations.Count,
            acceptedMs,
            seen.Count == 0 ? null : Ms(seen.Min()),
            seen.Count < keys.Count ? null : Ms(seen.Max()));
    }

    /// <summary>A point read of a row that does not exist (one table request, answered 404), every 100 ms; its round trip goes to the current phase's sample.</summary>
    private static async Task ProbeStorageAsync(StorageClients storage, Func<ConcurrentQueue<double>> sample, Action failed, CancellationToken ct)
    {
        var table = storage.Table(TableNames.Reports);
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("benchmark-probe", "none", cancellationToken: ct);
                sample().Enqueue(Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or OperationCanceledException)
            {
                // The SDK gave up (its retries ran out, or each try timed out): the call counts as what it cost.
                sample().Enqueue(Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
                failed();
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    internal static UrgentLatency Summarise(List<UrgentSample> samples)
    {
        var routed = samples.Where(x => x.RoutedMs is not null).ToList();
        return new UrgentLatency(
            samples.Count,
            samples.Count - routed.Count,
            Percentiles.Of(samples.Where(x => x.TrackingCode is not null).Select(x => x.AcceptedMs)),
            Percentiles.Of(routed.Select(x => x.RoutedMs!.Value)),
            Percentiles.Of(routed.Select(x => x.RoutedMs!.Value - x.AcceptedMs)));
    }

    private static async Task<long> BacklogAsync(StorageClients storage, string queue, CancellationToken ct) =>
        (await storage.Queue(queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;

    /// <summary>Waits (up to <see cref="DrainTimeout"/>) until both lanes are empty; false when they were not.</summary>
    private static async Task<bool> DrainAsync(StorageClients storage, Progress log, CancellationToken ct)
    {
        var drained = Stopwatch.StartNew();
        long left = 0;
        using (log.Ticker("flood: draining both lanes", () => $"{Volatile.Read(ref left)} messages left"))
        {
            while (drained.Elapsed < DrainTimeout)
            {
                try
                {
                    Volatile.Write(ref left, await BacklogAsync(storage, QueueNames.Intake, ct) + await BacklogAsync(storage, QueueNames.Urgent, ct));
                    if (Volatile.Read(ref left) == 0)
                    {
                        return true;
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or AggregateException || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    // Storage too busy to answer: ask again.
                }

                await Task.Delay(200, ct);
            }
        }

        log.Line($"flood: {left} messages still queued after {DrainTimeout.TotalSeconds:F0} s; going on");
        return false;
    }
}
