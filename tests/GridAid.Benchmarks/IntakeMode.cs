using System.Diagnostics;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GridAid.Benchmarks;

/// <summary>
/// POST /api/reports at fixed rates (open loop), then as fast as <c>Concurrency</c> clients can (closed loop); with the
/// in-process host, the closed loop once more with its queue listeners stopped (not in a quick run).
/// </summary>
public static class IntakeMode
{
    public static async Task<IntakeResult> RunAsync(Workload workload, StorageClients? storage, BenchHost? host, BenchmarkOptions o, CeilingResult? ceiling, Progress log, CancellationToken ct)
    {
        var rows = new List<RateRow>();
        foreach (var rate in o.OpenLoopRates)
        {
            var sent = 0;
            List<Submission> results;
            using (log.Ticker($"intake open loop {rate:F0}/s", () => $"{Volatile.Read(ref sent)} sent"))
            {
                results = await workload.OpenLoopAsync(rate, o.OpenLoopDuration, () => workload.Next(), n => Volatile.Write(ref sent, n), ct);
            }

            var accepted = results.Where(r => r.Accepted).ToList();
            var span = Stopwatch.GetElapsedTime(results.Min(r => r.StartedAt), results.Max(r => r.EndedAt)).TotalSeconds;
            var row = new RateRow(rate, results.Count, accepted.Count, Math.Round(accepted.Count / Math.Max(span, 1e-3), 1),
                results.Count - accepted.Count, Percentiles.Of(accepted.Select(r => r.LatencyMs)));
            rows.Add(row);
            log.Line($"intake {rate:F0}/s: accepted {row.AcceptedPerSecond}/s, p99 {row.LatencyMs.P99} ms, errors {row.Errors}");
        }

        var emulator = storage is null ? null : await EmulatorProbe.MeasureAsync(storage, ct);
        var (closed, lanes, load) = await ClosedLoopAsync(workload, host, o, log, "intake closed loop", ct);
        log.Line($"intake saturation: {closed.AcceptedPerSecond}/s accepted, p99 {closed.LatencyMs.P99} ms, errors {closed.Errors}");
        var result = new IntakeResult(rows, closed, null, null, emulator, lanes, load);

        if (host is not null && !o.Quick)
        {
            // The router's share of the emulator taken away (benchmark only): the host's queue listeners stop, the same
            // closed loop runs again, and they start again so that the backlog drains before the ceiling.
            var listeners = host.App.Services.GetServices<IHostedService>().OfType<QueueFunctionListener>().ToList();
            await Task.WhenAll(listeners.Select(l => l.StopAsync(ct)));
            try
            {
                var (paused, pausedLanes, pausedLoad) = await ClosedLoopAsync(workload, host, o, log, "intake closed loop, queue listeners stopped", ct);
                log.Line($"intake saturation, listeners stopped: {paused.AcceptedPerSecond}/s accepted, p99 {paused.LatencyMs.P99} ms");
                result = result with { RouterPaused = paused, RouterPausedLanes = pausedLanes, RouterPausedStorage = pausedLoad };
            }
            finally
            {
                await Task.WhenAll(listeners.Select(l => l.StartAsync(ct)));
            }
        }

        return WithRatios(result, ceiling);
    }

    /// <summary><c>Concurrency</c> clients submitting as fast as they are answered, for <c>ClosedLoopDuration</c>.</summary>
    private static async Task<(ClosedLoopRow Row, IReadOnlyList<LaneRow> Lanes, StorageLoad? Load)> ClosedLoopAsync(
        Workload workload, BenchHost? host, BenchmarkOptions o, Progress log, string name, CancellationToken ct)
    {
        var all = new List<Submission>();
        var before = host?.Counter.Snapshot();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(o.ClosedLoopDuration.TotalSeconds * Stopwatch.Frequency);
        using (log.Ticker($"{name}, {o.Concurrency} clients", () => { lock (all) { return $"{all.Count} done"; } }))
        {
            await Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(async _ =>
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var r = await workload.SubmitAsync(workload.Next(), ct: ct);
                    lock (all)
                    {
                        all.Add(r);
                    }
                }
            }));
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var ok = all.Where(r => r.Accepted).ToList();
        var row = new ClosedLoopRow(o.Concurrency, Math.Round(elapsed, 2), ok.Count, Math.Round(ok.Count / elapsed, 1), all.Count - ok.Count,
            Percentiles.Of(ok.Select(r => r.LatencyMs)));
        var lanes = ok.GroupBy(r => Functions.Lanes.UrgentFirst.IsUrgent(r.Plan.Kind) ? "urgent" : "other").OrderBy(g => g.Key)
            .Select(g => new LaneRow(g.Key, g.Count(), Math.Round(g.Count() / elapsed, 1), Percentiles.Of(g.Select(r => r.LatencyMs))))
            .ToList();
        StorageLoad? load = null;
        if (host is not null && before is not null && ok.Count > 0)
        {
            var diff = StorageOpCounter.Diff(before, host.Counter.Snapshot());
            double Sum(Func<OpKey, bool> which) => diff.Where(kv => which(kv.Key)).Sum(kv => kv.Value);
            load = new StorageLoad(
                Math.Round(Sum(k => k.Step == "intake") / ok.Count, 2),
                Math.Round(Sum(k => k.Step == StorageOpCounter.Router) / ok.Count, 2),
                Math.Round(Sum(k => k.Step == StorageOpCounter.IdlePoll) / elapsed, 1),
                Math.Round(Sum(_ => true) / elapsed, 0),
                diff.Where(kv => kv.Key.Step == "intake").OrderByDescending(kv => kv.Value)
                    .ToDictionary(kv => kv.Key.Operation, kv => Math.Round((double)kv.Value / ok.Count, 2)));
        }

        return (row, lanes, load);
    }

    /// <summary>The saturation rate as a fraction of the storage ceilings measured in the same run.</summary>
    public static IntakeResult WithRatios(IntakeResult intake, CeilingResult? ceiling)
    {
        double? Ratio(double? ceilingRate) => ceilingRate is > 0 ? Math.Round(intake.ClosedLoop.AcceptedPerSecond / ceilingRate.Value, 3) : null;
        return intake with
        {
            RatioToQueueSendCeiling = Ratio(ceiling?.QueueSendsPerSecond),
            RatioToIntakeSequenceCeiling = Ratio(ceiling?.IntakeSequencesPerSecond),
            RouterPausedRatioToQueueSendCeiling = intake.RouterPaused is { } paused && ceiling?.QueueSendsPerSecond is > 0
                ? Math.Round(paused.AcceptedPerSecond / ceiling.QueueSendsPerSecond, 3)
                : null,
        };
    }
}
