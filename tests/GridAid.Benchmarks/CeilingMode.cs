using System.Diagnostics;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;

namespace GridAid.Benchmarks;

/// <summary>
/// What the storage itself does with the host's own SDK clients at the intake's concurrency: raw queue sends,
/// raw table upserts, and the intake's storage calls without HTTP (as it makes them now, and as it made them before). Every project figure is a ratio to these.
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
                    catch (Exception e) when (e is Azure.RequestFailedException or AggregateException
                        || (e is OperationCanceledException && !ct.IsCancellationRequested))
                    {
                        // Refused, or the SDK gave up (the emulator stalls for a while after bulk writes): counted, not fatal.
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
        // The intake's storage calls as it makes them (ReportStore.ClaimCodeAsync, then the send): the report, its
        // "still received" entry and the claim row in one transaction of the area's partition while the code's look-up
        // row is inserted, then the routing message. Two waits.
        var sequences = await Measure("ceiling: intake sequence (transaction ∥ insert, send)", async (w, i) =>
        {
            var key = Guid.NewGuid().ToString("N");
            await Task.WhenAll(
                table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("taishan-seq", key) { ["Body"] = payload }),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("taishan-seq", "~received_" + key) { ["ReportKey"] = key }),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("taishan-seq", "~code_" + key) { ["ReportKey"] = key }),
                ], ct),
                table.AddEntityAsync(new TableEntity(key, string.Empty) { ["AreaId"] = "taishan", ["ReportKey"] = key }, ct));
            await queue.SendMessageAsync(message, ct);
        });
        // As the intake made them before: the look-up insert, the report transaction, the send, one after another.
        var threeCalls = await Measure("ceiling: three calls in a row (insert, transaction, send)", async (w, i) =>
        {
            var key = Guid.NewGuid().ToString("N");
            await table.AddEntityAsync(new TableEntity(key, string.Empty) { ["AreaId"] = "taishan" }, ct);
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("taishan-seq3", key) { ["Body"] = payload }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("taishan-seq3", "~received_" + key) { ["ReportKey"] = key }),
            ], ct);
            await queue.SendMessageAsync(message, ct);
        });

        await queue.ClearMessagesAsync(ct);
        await table.DeleteAsync(ct);
        StepContext.Current = null;
        return new CeilingResult(o.Concurrency, o.CeilingDuration.TotalSeconds, sends, upserts, sequences, errors, threeCalls);
    }
}
