using System.Diagnostics;
using GridAid.Infrastructure.Storage;

namespace GridAid.Benchmarks;

/// <summary>POST /api/reports at fixed rates (open loop), then as fast as <c>Concurrency</c> clients can (closed loop).</summary>
public static class IntakeMode
{
    public static async Task<IntakeResult> RunAsync(Workload workload, StorageClients? storage, BenchmarkOptions o, CeilingResult? ceiling, Progress log, CancellationToken ct)
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
        var all = new List<Submission>();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(o.ClosedLoopDuration.TotalSeconds * Stopwatch.Frequency);
        using (log.Ticker($"intake closed loop, {o.Concurrency} clients", () => { lock (all) { return $"{all.Count} done"; } }))
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
        var closed = new ClosedLoopRow(o.Concurrency, Math.Round(elapsed, 2), ok.Count, Math.Round(ok.Count / elapsed, 1), all.Count - ok.Count,
            Percentiles.Of(ok.Select(r => r.LatencyMs)));
        log.Line($"intake saturation: {closed.AcceptedPerSecond}/s accepted, p99 {closed.LatencyMs.P99} ms, errors {closed.Errors}");

        return WithRatios(new IntakeResult(rows, closed, null, null, emulator), ceiling);
    }

    /// <summary>The saturation rate as a fraction of the storage ceilings measured in the same run.</summary>
    public static IntakeResult WithRatios(IntakeResult intake, CeilingResult? ceiling)
    {
        double? Ratio(double? ceilingRate) => ceilingRate is > 0 ? Math.Round(intake.ClosedLoop.AcceptedPerSecond / ceilingRate.Value, 3) : null;
        return intake with
        {
            RatioToQueueSendCeiling = Ratio(ceiling?.QueueSendsPerSecond),
            RatioToIntakeSequenceCeiling = Ratio(ceiling?.IntakeSequencesPerSecond),
        };
    }
}
