using System.Diagnostics;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;

namespace GridAid.Benchmarks;

/// <summary>
/// What the storage itself does with the host's own SDK clients at the intake's concurrency: raw queue sends,
/// raw table upserts, and the intake's three writes in a row without HTTP. Every project figure is a ratio to these.
/// </summary>
public static class CeilingMode
{
    public const string Queue = "bench-ceiling";
    public const string Table = "benchceiling";

    public static async Task<CeilingResult> RunAsync(StorageClients storage, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        StepContext.Current = "benchmark: ceiling";
        var queue = storage.Queue(Queue);
        var table = storage.Table(Table);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        await table.CreateIfNotExistsAsync(ct);

        // About the size of a routing message (a report with its details, Base64).
        var message = new string('x', 1200);
        var payload = new string('y', 900);
        long errors = 0;

        async Task<double> Measure(string name, Func<int, long, Task> op)
        {
            var count = 0L;
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(o.CeilingDuration.TotalSeconds * Stopwatch.Frequency);
            using var ticker = log.Ticker(name, () => $"{Interlocked.Read(ref count)} ops");
            var workers = Enumerable.Range(0, o.Concurrency).Select(async w =>
            {
                for (long i = 0; Stopwatch.GetTimestamp() < deadline; i++)
                {
                    try
                    {
                        await op(w, i);
                        Interlocked.Increment(ref count);
                    }
                    catch (Azure.RequestFailedException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
            await Task.WhenAll(workers);
            var rate = count / Stopwatch.GetElapsedTime(started).TotalSeconds;
            log.Line($"{name}: {rate:F0}/s");
            return Math.Round(rate, 1);
        }

        var sends = await Measure("ceiling: queue sends", (_, _) => queue.SendMessageAsync(message, ct));
        var upserts = await Measure("ceiling: table upserts", (w, i) => table.UpsertEntityAsync(
            new TableEntity("taishan", $"{w:D2}-{i:D8}") { ["Body"] = payload }, TableUpdateMode.Replace, ct));
        var sequences = await Measure("ceiling: intake sequence (insert, insert, send)", async (w, i) =>
        {
            var key = Guid.NewGuid().ToString("N");
            await table.AddEntityAsync(new TableEntity(key, string.Empty) { ["AreaId"] = "taishan" }, ct);
            await table.AddEntityAsync(new TableEntity("taishan-seq", key) { ["Body"] = payload }, ct);
            await queue.SendMessageAsync(message, ct);
        });

        await queue.ClearMessagesAsync(ct);
        await table.DeleteAsync(ct);
        StepContext.Current = null;
        return new CeilingResult(o.Concurrency, o.CeilingDuration.TotalSeconds, sends, upserts, sequences, errors);
    }
}
