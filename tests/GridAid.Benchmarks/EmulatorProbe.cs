using System.Diagnostics;
using GridAid.Infrastructure.Storage;

namespace GridAid.Benchmarks;

/// <summary>
/// What the storage emulator holds, and what that costs it: Azurite's receive on an empty queue takes longer the more
/// messages its other queues hold (invisible ones too, such as the close check every routed report schedules 30 days
/// out), and every queue listener makes ten of those receives a second. Azure's queues do not slow down so.
/// </summary>
public static class EmulatorProbe
{
    private const string EmptyQueue = "bench-empty";

    private const int Receives = 20;

    public static async Task<EmulatorState> MeasureAsync(StorageClients storage, CancellationToken ct)
    {
        var step = StepContext.Current;
        StepContext.Current = "benchmark: emulator probe";
        try
        {
            long held = 0;
            foreach (var name in QueueNames.All)
            {
                var queue = storage.Queue(name);
                if (await queue.ExistsAsync(ct))
                {
                    held += (await queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
                }
            }

            var empty = storage.Queue(EmptyQueue);
            await empty.CreateIfNotExistsAsync(cancellationToken: ct);
            var times = new List<double>(Receives);
            for (var i = 0; i < Receives; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await empty.ReceiveMessagesAsync(16, cancellationToken: ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await empty.DeleteIfExistsAsync(ct);
            return new EmulatorState(held, Percentiles.Of(times));
        }
        finally
        {
            StepContext.Current = step;
        }
    }

    /// <summary>
    /// The emulator mode: a fresh Azurite, no host; the empty-queue receive timed with 0, then more and more messages
    /// held invisible (as a delayed check is) in another queue. Shows the cost behind <see cref="EmulatorState"/>.
    /// </summary>
    public static async Task<EmulatorResult> RunAsync(BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line("emulator: a fresh Azurite, receives on an empty queue while another queue holds invisible messages …");
        await using var azurite = await GridAid.TestSupport.AzuriteInstance.StartAsync();
        var storage = new StorageClients(Microsoft.Extensions.Options.Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));
        var held = storage.Queue("bench-held");
        await held.CreateIfNotExistsAsync(cancellationToken: ct);
        var empty = storage.Queue(EmptyQueue);
        await empty.CreateIfNotExistsAsync(cancellationToken: ct);
        var body = new string('x', 600);
        var steps = new List<HeldStep>();
        var sent = 0;
        foreach (var target in o.Quick ? [0, 250] : new[] { 0, 1000, 2000, 4000 })
        {
            await Parallel.ForEachAsync(Enumerable.Range(sent, target - sent), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (_, token) =>
                await held.SendMessageAsync(body, visibilityTimeout: TimeSpan.FromDays(1), cancellationToken: token));
            sent = target;
            var times = new List<double>(Receives);
            for (var i = 0; i < Receives; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await empty.ReceiveMessagesAsync(16, cancellationToken: ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            steps.Add(new HeldStep(target, Percentiles.Of(times)));
            log.Line($"emulator: {target} invisible messages held: empty receive p50 {steps[^1].EmptyReceiveMs.P50} ms");
        }

        return new EmulatorResult(steps);
    }
}
