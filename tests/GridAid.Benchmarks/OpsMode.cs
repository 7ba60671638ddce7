using System.Diagnostics;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;

namespace GridAid.Benchmarks;

/// <summary>
/// Storage requests per report from submit to routed, counted by the policy on the host's SDK clients, by step:
/// <c>intake</c> (the HTTP function), <c>router</c> (the queue function, including the listener's receive and delete).
/// Idle polls (receives that found nothing) depend on time, not on reports, and are reported per second.
/// </summary>
public static class OpsMode
{
    public static async Task<OpsResult> RunAsync(BenchHost host, Workload workload, EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        const double rate = 10;
        var plans = Enumerable.Range(0, o.OpsReports).Select(i => workload.Next(ReportKinds.All[i % ReportKinds.All.Count])).ToList();
        var before = host.Counter.Snapshot();
        var eventsBefore = sink.EventCount;
        var index = 0;
        List<Submission> results;
        using (log.Ticker($"ops: {plans.Count} reports at {rate:F0}/s", () => $"{Volatile.Read(ref index)} sent"))
        {
            results = await workload.OpenLoopAsync(rate, TimeSpan.FromSeconds(plans.Count / rate), () => plans[Interlocked.Increment(ref index) - 1], ct: ct);

            // Routed means the listener deleted the message, after the alerts, the report update and the publish.
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < TimeSpan.FromSeconds(15) && Deletes(StorageOpCounter.Diff(before, host.Counter.Snapshot())) < results.Count(r => r.Accepted))
            {
                await Task.Delay(50, ct);
            }
        }

        var diff = StorageOpCounter.Diff(before, host.Counter.Snapshot());
        var events = sink.EventCount - eventsBefore;
        var n = Math.Max(1, results.Count(r => r.Accepted));

        // Idle polling, measured on the empty queue.
        var idleBefore = host.Counter.Snapshot();
        var idleWindow = o.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);
        await Task.Delay(idleWindow, ct);
        var idle = StorageOpCounter.Diff(idleBefore, host.Counter.Snapshot());
        var idlePolls = idle.Where(kv => kv.Key.Step == StorageOpCounter.IdlePoll).Sum(kv => kv.Value) / idleWindow.TotalSeconds;
        var idleByQueue = idle.Where(kv => kv.Key.Step == StorageOpCounter.IdlePoll)
            .ToDictionary(kv => kv.Key.Operation.Replace("queue GetMessages ", string.Empty, StringComparison.Ordinal), kv => Math.Round(kv.Value / idleWindow.TotalSeconds, 1));

        var perReport = diff.Where(kv => kv.Key.Step is "intake" or StorageOpCounter.Router).ToList();
        var rows = diff.OrderBy(kv => StepOrder(kv.Key.Step)).ThenBy(kv => kv.Key.Operation, StringComparer.Ordinal)
            .Select(kv => new OpRow(kv.Key.Step, kv.Key.Operation, kv.Value, Math.Round((double)kv.Value / n, 2))).ToList();
        var byStep = perReport.GroupBy(kv => kv.Key.Step).ToDictionary(g => g.Key, g => Math.Round(g.Sum(kv => kv.Value) / (double)n, 2));
        double Sum(Func<OpKey, bool> where) => Math.Round(perReport.Where(kv => where(kv.Key)).Sum(kv => kv.Value) / (double)n, 2);
        var result = new OpsResult(
            n,
            rate,
            rows,
            byStep,
            Sum(_ => true),
            Sum(k => k.Operation.StartsWith("table", StringComparison.Ordinal)),
            Sum(k => k.Operation.StartsWith("queue", StringComparison.Ordinal) && !k.Operation.StartsWith("queue GetMessages", StringComparison.Ordinal) && !k.Operation.StartsWith("queue PeekMessages", StringComparison.Ordinal)),
            Sum(k => k.Operation.StartsWith("queue GetMessages", StringComparison.Ordinal) || k.Operation.StartsWith("queue PeekMessages", StringComparison.Ordinal)),
            Math.Round(events / (double)n, 2),
            Math.Round(idlePolls, 1),
            idleByQueue,
            plans.GroupBy(p => p.Kind).ToDictionary(g => g.Key.ToWire(), g => Math.Round(g.Average(p => p.Stations.Count), 2)));
        log.Line($"ops: {result.StorageOpsPerReport} storage requests per report ({string.Join(", ", byStep.Select(kv => $"{kv.Key} {kv.Value}"))}), {result.EventGridEventsPerReport} events, idle polls {result.IdlePollsPerSecond}/s");
        return result;
    }

    /// <summary>Routing messages completed, in either lane (lost persons travel in <c>reports-urgent</c>, the rest in <c>reports-intake</c>).</summary>
    private static long Deletes(IReadOnlyDictionary<OpKey, long> diff) =>
        diff.Where(kv => kv.Key.Step == StorageOpCounter.Router
            && kv.Key.Operation is "queue DeleteMessage " + QueueNames.Intake or "queue DeleteMessage " + QueueNames.Urgent).Sum(kv => kv.Value);

    private static int StepOrder(string step) => step switch
    {
        "intake" => 0,
        StorageOpCounter.Router => 1,
        StorageOpCounter.IdlePoll => 2,
        StorageOpCounter.Sweeper => 3,
        _ => 4,
    };
}
