using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace GridAid.Benchmarks;

/// <summary>The step a storage request belongs to, set by the benchmark around its own work and by middleware for HTTP functions.</summary>
public static class StepContext
{
    private static readonly AsyncLocal<string?> Step = new();

    public static string? Current
    {
        get => Step.Value;
        set => Step.Value = value;
    }
}

/// <summary>One counted storage request kind: the step, and the operation on a table or queue.</summary>
public readonly record struct OpKey(string Step, string Operation);

/// <summary>One storage request and when it was sent and answered (<see cref="Stopwatch"/> timestamps).</summary>
public readonly record struct TimedOp(string Operation, long SentAt, long AnsweredAt);

/// <summary>
/// Counts every storage request the host's SDK clients send (one per try, as Azure bills them), by step and operation.
/// Requests with no step are the queue listeners' and the router's: a receive that returned no message is an idle poll.
/// </summary>
public sealed class StorageOpCounter
{
    public const string Router = "router";
    public const string IdlePoll = "idle poll";

    /// <summary>The stranded-report sweeper's timer function (tagged by <see cref="BenchHost"/>).</summary>
    public const string Sweeper = "sweeper";

    private readonly ConcurrentDictionary<OpKey, long> _counts = new();
    private readonly ConcurrentQueue<TimedOp> _sweeperOps = new();
    private long _sweeps;

    public HttpPipelinePolicy Policy(string service) => new CountingPolicy(this, service);

    /// <summary>Sweeper runs started so far (one per timer invocation).</summary>
    public long Sweeps => Interlocked.Read(ref _sweeps);

    /// <summary>Every storage request of the sweeper, with when it was sent and answered (<see cref="Stopwatch"/> timestamps).</summary>
    public IReadOnlyList<TimedOp> SweeperOps => [.. _sweeperOps];

    public void NoteSweep() => Interlocked.Increment(ref _sweeps);

    public IReadOnlyDictionary<OpKey, long> Snapshot() => new Dictionary<OpKey, long>(_counts);

    public static IReadOnlyDictionary<OpKey, long> Diff(IReadOnlyDictionary<OpKey, long> before, IReadOnlyDictionary<OpKey, long> after) =>
        after.Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Count > 0)
            .ToDictionary(x => x.Key, x => x.Count);

    private void Record(string service, HttpMessage message, long sentAt)
    {
        var (operation, resource, receivedMessages) = Classify(service, message);
        var status = message.HasResponse ? message.Response.Status : 0;
        var label = $"{service} {operation} {resource}".TrimEnd();
        if (status is >= 400 or 0)
        {
            label += $" → {(status == 0 ? "no response" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        }

        var step = StepContext.Current
            ?? (operation == "GetMessages" && receivedMessages == 0 ? IdlePoll : Router);
        _counts.AddOrUpdate(new OpKey(step, label), 1, (_, n) => n + 1);
        if (step == Sweeper)
        {
            _sweeperOps.Enqueue(new TimedOp(label, sentAt, Stopwatch.GetTimestamp()));
        }
    }

    private static (string Operation, string Resource, int ReceivedMessages) Classify(string service, HttpMessage message)
    {
        var request = message.Request;
        var method = request.Method.ToString();
        var segments = request.Uri.ToUri().AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = request.Uri.Query ?? string.Empty;

        // Path style (Azurite: /account/resource...) or host style (Azure: /resource...).
        var parts = segments.Length > 0 && segments[0].StartsWith("devstoreaccount", StringComparison.Ordinal) ? segments[1..] : segments;
        if (service == "queue")
        {
            var queue = parts.Length > 0 ? parts[0] : string.Empty;
            var onMessages = parts.Length > 1 && parts[1] == "messages";
            var onOneMessage = parts.Length > 2;
            return (method, onMessages, onOneMessage) switch
            {
                ("GET", true, false) when query.Contains("peekonly", StringComparison.OrdinalIgnoreCase) => ("PeekMessages", queue, 0),
                ("GET", true, false) => ("GetMessages", queue, CountMessages(message)),
                ("POST", true, false) => ("PutMessage", queue, 0),
                ("DELETE", true, true) => ("DeleteMessage", queue, 0),
                ("PUT", true, true) => ("UpdateMessage", queue, 0),
                ("DELETE", true, false) => ("ClearMessages", queue, 0),
                ("PUT", false, _) => ("CreateQueue", queue, 0),
                ("GET", false, _) => ("GetQueueProperties", queue, 0),
                _ => (method, queue, 0),
            };
        }

        var last = parts.Length > 0 ? parts[^1] : string.Empty;
        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var table = paren >= 0 ? last[..paren] : last;
        var keyed = paren >= 0 && last.Length > paren + 2;
        var conditional = request.Headers.TryGetValue("If-Match", out var ifMatch) && ifMatch != "*";
        var operation = (method, table, keyed) switch
        {
            ("POST", "$batch", _) => "Transaction",
            ("POST", "Tables", _) => "CreateTable",
            ("POST", _, _) => "Insert",
            ("PUT", _, _) => conditional ? "Replace(If-Match)" : "Upsert",
            ("PATCH" or "MERGE", _, _) => conditional ? "Merge(If-Match)" : "UpsertMerge",
            ("GET", _, true) => "PointRead",
            ("GET", _, false) => "Query",
            ("DELETE", _, _) => "Delete",
            _ => method,
        };
        if (table == "$batch" && request.Content is { } content)
        {
            // The transaction names its table inside the multipart body.
            using var stream = new MemoryStream();
            content.WriteTo(stream, CancellationToken.None);
            var body = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            var at = body.IndexOf(" http", StringComparison.Ordinal);
            if (at > 0)
            {
                var uri = body[(at + 1)..body.IndexOf(' ', at + 1)];
                var lastSegment = uri.Split('/').Last();
                table = lastSegment.Split('(')[0].Split('?')[0];
            }
        }

        return (operation, table, 0);
    }

    private static int CountMessages(HttpMessage message)
    {
        if (!message.HasResponse || message.Response.Status != 200)
        {
            return 0;
        }

        var text = message.Response.Content.ToString();
        var count = 0;
        for (var at = text.IndexOf("<QueueMessage>", StringComparison.Ordinal); at >= 0; at = text.IndexOf("<QueueMessage>", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class CountingPolicy(StorageOpCounter counter, string service) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                counter.Record(service, message, sentAt);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                ProcessNext(message, pipeline);
            }
            finally
            {
                counter.Record(service, message, sentAt);
            }
        }
    }
}

/// <summary>Tags the storage requests of each HTTP function with its step, before any other middleware runs.</summary>
public sealed class StepTaggingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            StepContext.Current = StepOf(context.Request);
            await inner(context);
        });
        next(app);
    };

    public static string StepOf(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        if (HttpMethods.IsPost(request.Method) && path.Equals("/api/reports", StringComparison.OrdinalIgnoreCase))
        {
            return "intake";
        }

        if (path.StartsWith("/api/stations/", StringComparison.OrdinalIgnoreCase))
        {
            return "station inbox (probe)";
        }

        return path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ? "other api" : "web";
    }
}
