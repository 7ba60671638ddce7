using System.Diagnostics;
using GridAid.Infrastructure.Tables;
using GridAid.LocalHost.Functions;
using GridAid.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Benchmarks;

/// <summary>
/// What the stranded-report sweeper (a timer function, every 10 s) costs with the app idle: its storage requests,
/// counted on the host's clients and told apart from everything else by the step <see cref="BenchHost"/> gives its
/// runs, over a window of whole sweep periods, scaled to an hour and priced with <see cref="CostModel"/>. The queue
/// listeners' idle polls are counted in the same window, apart. A full run measures on a fresh Azurite and host of its
/// own (nothing but the sweeper and the listeners runs); a quick run does not wait: it counts every sweep since the
/// run's host started (not idle, and marked so).
/// </summary>
public static class SweeperMode
{
    /// <summary>The sweeper's schedule, <c>*/10 * * * * *</c> (<c>SweeperFunctions.Schedule</c>): a run at every tenth second.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Measures on <paramref name="runHost"/> when given (a quick run: every sweep since it started), else on a fresh
    /// Azurite and in-process host of its own, idle but for the sweeper and the queue listeners.
    /// </summary>
    public static async Task<SweeperResult> RunAsync(BenchHost? runHost, EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        if (runHost is not null)
        {
            return await MeasureAsync(runHost, o, log, ct);
        }

        log.Line("sweeper: starting an Azurite and a local host of its own …");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
        return await MeasureAsync(host, o, log, ct);
    }

    private static async Task<SweeperResult> MeasureAsync(BenchHost host, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        StepContext.Current = "benchmark: sweeper";
        var areas = (await host.App.Services.GetRequiredService<DirectoryStore>().ListAreaIdsAsync(ct)).Count;
        var counter = host.Counter;
        IReadOnlyDictionary<OpKey, long> diff;
        long sweeps;
        double window;
        IReadOnlyList<TimedOp> timed;
        if (o.Quick)
        {
            // At least one whole sweep, without waiting in the usual case (the run's host has run for longer than a period).
            var waited = Stopwatch.StartNew();
            while ((counter.Sweeps == 0 || counter.SweeperOps.Count == 0) && waited.Elapsed < Period + TimeSpan.FromSeconds(2))
            {
                await Task.Delay(100, ct);
            }

            await Task.Delay(200, ct);
            diff = counter.Snapshot();
            sweeps = counter.Sweeps;
            window = Stopwatch.GetElapsedTime(host.StartedAt).TotalSeconds;
            timed = counter.SweeperOps;
        }
        else
        {
            // Start half a period after a run, so that the window holds whole runs: as many as it has periods.
            var now = DateTimeOffset.UtcNow;
            var intoPeriod = TimeSpan.FromTicks(now.UtcTicks % Period.Ticks);
            var half = Period / 2;
            await Task.Delay(intoPeriod <= half ? half - intoPeriod : Period - intoPeriod + half, ct);
            var periods = Math.Max(1, (int)Math.Round(o.SweeperWindow / Period));
            var before = counter.Snapshot();
            var sweepsBefore = counter.Sweeps;
            var opsBefore = counter.SweeperOps.Count;
            var started = Stopwatch.GetTimestamp();
            using (log.Ticker($"sweeper: idle for {periods * Period.TotalSeconds:F0} s", () => $"{counter.Sweeps - sweepsBefore} sweeps"))
            {
                await Task.Delay(periods * Period, ct);
            }

            window = Stopwatch.GetElapsedTime(started).TotalSeconds;
            diff = StorageOpCounter.Diff(before, counter.Snapshot());
            sweeps = counter.Sweeps - sweepsBefore;
            timed = counter.SweeperOps.Skip(opsBefore).ToList();
        }

        if (!o.Quick && sweeps == 0)
        {
            throw new InvalidOperationException($"No sweep ran in {window:F0} s (the schedule runs one every {Period.TotalSeconds:F0} s): the host is stalled.");
        }

        var sweeperOps = diff.Where(kv => kv.Key.Step == StorageOpCounter.Sweeper).OrderBy(kv => kv.Key.Operation, StringComparer.Ordinal).ToList();
        var ops = sweeperOps.Sum(kv => kv.Value);
        // Idle: the window holds whole periods, so it scales as it is. Quick: the run so far holds a few sweeps and
        // whatever else ran, so the sweeper's figures scale per sweep by the schedule's runs per hour instead.
        var sweepsPerHour = 3600 / Period.TotalSeconds;
        var perHour = o.Quick ? sweepsPerHour / Math.Max(1, sweeps) : 3600 / window;
        var pollsPerHour = 3600 / window;
        var rows = sweeperOps.Select(kv => new SweeperOpRow(kv.Key.Operation, kv.Value, Math.Round((double)kv.Value / Math.Max(1, sweeps), 2), Math.Round(kv.Value * perHour))).ToList();
        var polls = diff.Where(kv => kv.Key.Step == StorageOpCounter.IdlePoll).ToList();
        var pollsByQueue = polls.OrderBy(kv => kv.Key.Operation, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key.Operation.Replace("queue GetMessages ", string.Empty, StringComparison.Ordinal), kv => Math.Round(kv.Value * pollsPerHour));

        var sweepMs = Runs(timed).Select(r => Stopwatch.GetElapsedTime(r.First().SentAt, r.Max(op => op.AnsweredAt)).TotalMilliseconds).ToList();
        var opsPerSweep = sweeps == 0 ? double.NaN : Math.Round((double)ops / sweeps, 2);
        var opsPerHour = Math.Round(ops * perHour);
        var interval = host.App.Services.GetRequiredService<HostSettings>().Queues.MaxPollingInterval;
        var tablePerHour = rows.Where(r => r.Operation.StartsWith("table", StringComparison.Ordinal)).Sum(r => r.PerHour);
        var queuePerHour = rows.Where(r => r.Operation.StartsWith("queue", StringComparison.Ordinal)).Sum(r => r.PerHour);
        var (monthly, usd, assumptions) = CostModel.Sweeper(tablePerHour, queuePerHour, sweepsPerHour, polls.Sum(kv => kv.Value) * pollsPerHour, pollsByQueue.Count, interval);
        var idleQueuePerHour = (polls.Sum(kv => kv.Value) * pollsPerHour) + queuePerHour;
        var idleStorageUsd = CostModel.IdleStorageUsdPerMonth(idleQueuePerHour, tablePerHour);
        var result = new SweeperResult(
            !o.Quick,
            Math.Round(window, 1),
            areas,
            sweeps,
            ops,
            rows,
            opsPerSweep,
            sweepsPerHour,
            opsPerHour,
            Percentiles.Of(sweepMs),
            Math.Round(polls.Sum(kv => kv.Value) * pollsPerHour),
            pollsByQueue,
            monthly,
            usd,
            assumptions,
            interval.TotalSeconds,
            Math.Round(idleQueuePerHour + tablePerHour),
            idleStorageUsd);
        log.Line($"sweeper: {sweeps} sweeps, {ops} storage requests in {window:F0} s ({opsPerSweep} per sweep, {opsPerHour:F0}/hour); idle polls {result.IdlePollsPerHour:F0}/hour; ${usd:0.###}/month");
        StepContext.Current = null;
        return result;
    }

    /// <summary>The sweeper's requests grouped by run: a run's requests follow each other; runs are a period apart.</summary>
    private static List<List<TimedOp>> Runs(IReadOnlyList<TimedOp> ops)
    {
        var runs = new List<List<TimedOp>>();
        foreach (var op in ops.OrderBy(x => x.SentAt))
        {
            if (runs.Count == 0 || Stopwatch.GetElapsedTime(runs[^1].Max(x => x.AnsweredAt), op.SentAt) > Period / 2)
            {
                runs.Add([]);
            }

            runs[^1].Add(op);
        }

        return runs;
    }
}
