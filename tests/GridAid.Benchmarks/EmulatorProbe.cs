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
}
