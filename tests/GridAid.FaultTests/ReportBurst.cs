using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridAid.FaultTests;

/// <summary>A report that got its 202: its tracking code, and when (on the test's clock).</summary>
public sealed record AcceptedReport(string TrackingCode, string ClientRequestId, TimeSpan At);

/// <summary>
/// Concurrent clients that each submit their share of reports, retrying each with the same <c>clientRequestId</c>,
/// as the phone does, until it gets a 202: after a refused connection or a timeout, and after a 429 or 503 (waiting
/// its Retry-After). Every answer that breaks the contract is kept as a problem: a 5xx other than 503, a 503 or 429
/// without Retry-After, any other 4xx (that report is then given up).
/// </summary>
public sealed class ReportBurst(Uri baseAddress, int reports, int clients, Stopwatch clock)
{
    /// <summary>How long a client waits for one answer before it gives up and sends again (a phone's patience).</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The wait before a retry after a refused connection or a timeout.</summary>
    private static readonly TimeSpan TransportRetry = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest Retry-After a client honours (the outage tests last seconds).</summary>
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private int _transportFailures;

    public ConcurrentQueue<AcceptedReport> Accepted { get; } = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    public int AcceptedCount => Accepted.Count;

    public int TransportFailures => Volatile.Read(ref _transportFailures);

    /// <summary>How many answers of each status the clients saw.</summary>
    public string StatusSummary => string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));

    public async Task RunAsync(CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = RequestTimeout };
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var i = client; i < reports; i += clients)
            {
                await SubmitAsync(http, "fault-" + Guid.NewGuid().ToString("N"), ct);
            }
        }, ct)));
    }

    private async Task SubmitAsync(HttpClient http, string requestId, CancellationToken ct)
    {
        var body = new
        {
            kind = "lost_item",
            point = FaultScenario.Point,
            description = "黑色双肩包,拉链上挂着小熊",
            contact = new { name = "王女士", phone = "13800138000" },
            lang = "zh-CN",
            clientRequestId = requestId,
            details = new { category = "bag", colour = "黑色" },
        };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync("/api/reports", body, ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // The host is down or storage hangs: the phone keeps the report and sends it again.
                Interlocked.Increment(ref _transportFailures);
                await Task.Delay(TransportRetry, ct);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    Accepted.Enqueue(new AcceptedReport(json.GetProperty("trackingCode").GetString()!, requestId, clock.Elapsed));
                    return;
                }

                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    if (response.Headers.RetryAfter is not { } retryAfter)
                    {
                        Problems.Enqueue($"{status} without Retry-After at {clock.Elapsed.TotalSeconds:0.0} s: {await response.Content.ReadAsStringAsync(ct)}");
                    }

                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait < LongestRetryAfter ? wait : LongestRetryAfter, ct);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(ct);
                Problems.Enqueue($"{status} at {clock.Elapsed.TotalSeconds:0.0} s for request {requestId}: {text}");
                if (status < 500)
                {
                    return; // refused for good: this report is lost, and the problem fails the test
                }

                await Task.Delay(TransportRetry, ct);
            }
        }
    }
}
