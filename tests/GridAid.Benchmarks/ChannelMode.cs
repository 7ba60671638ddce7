using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using GridAid.Core.Channels;
using GridAid.Core.Demo;
using GridAid.Core.Reports;
using GridAid.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAid.Benchmarks;

/// <summary>
/// Tap to channel: every demo station gets a signed webhook and a DingTalk (加签) channel at a local receiver that checks
/// both signatures; reports of every kind at the tap rate; each report's latency runs from its scheduled submit until
/// <b>every</b> channel of every station ReportRouter names has received its signed alert. The pipeline floor
/// (<see cref="TapMode.FloorAsync"/>) is measured in the same run, on the same storage. Its own Azurite and host, so the
/// channels never load another mode.
/// </summary>
public static class ChannelMode
{
    public const string Secret = "bench-channel-secret-0001";

    public static async Task<ChannelResult> RunAsync(EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line("channel: starting an Azurite, a local host and a signature-checking receiver of their own …");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
        await using var receiver = await Receiver.StartAsync();
        using var http = Workload.CreateClient(host.BaseAddress);
        var workload = new Workload(http);

        var admin = new AuthenticationHeaderValue("Bearer", $"{TaishanDemo.AreaId}.admin.demo-admin");
        foreach (var station in Workload.StationIds)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/admin/stations/{station}/channels")
            {
                Content = JsonContent.Create(new object[]
                {
                    new { type = "webhook", url = receiver.Url("webhook"), secret = Secret },
                    new { type = "dingtalk", url = receiver.Url("dingtalk?access_token=bench"), secret = Secret },
                }),
            };
            put.Headers.Authorization = admin;
            using var answer = await http.SendAsync(put, ct);
            answer.EnsureSuccessStatusCode();
        }

        // Warm up as the run does (JIT, connections, the directory cache for every point), then let those deliveries land.
        var kinds = ReportKinds.All;
        await Task.WhenAll(TaishanDemo.Seed.Points.Select((p, n) => workload.SubmitAsync(Workload.Plan(kinds[n % kinds.Count], p.Code), ct: ct)));
        await Task.Delay(TimeSpan.FromSeconds(o.Quick ? 1 : 3), ct);

        var floor = await TapMode.FloorAsync(host.Storage, o, log, ct);
        var submissions = new ConcurrentBag<Submission>();
        using (log.Ticker($"channel: {o.TapRate:F0} reports/s for {o.TapDuration.TotalSeconds:F0} s", () => $"{submissions.Count} sent, {receiver.Arrivals.Count} posts verified, {receiver.Refused} refused"))
        {
            var count = (int)Math.Round(o.TapRate * o.TapDuration.TotalSeconds);
            var t0 = Stopwatch.GetTimestamp();
            var tasks = new List<Task>();
            for (var i = 0; i < count; i++)
            {
                var due = t0 + (long)(i / o.TapRate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                var plan = workload.Next();
                tasks.Add(Task.Run(async () => submissions.Add(await workload.SubmitAsync(plan, due, ct)), ct));
            }

            await Task.WhenAll(tasks);
            var expected = Expected(submissions).ToList();
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < TimeSpan.FromSeconds(30) && expected.Any(id => !receiver.Arrivals.ContainsKey(id)))
            {
                await Task.Delay(50, ct);
            }
        }

        var accepted = submissions.Where(s => s.Accepted).ToList();
        double? Worst(Submission s)
        {
            double worst = 0;
            foreach (var id in Expected([s]))
            {
                if (!receiver.Arrivals.TryGetValue(id, out var at))
                {
                    return null;
                }

                worst = Math.Max(worst, Stopwatch.GetElapsedTime(s.StartedAt, at).TotalMilliseconds);
            }

            return worst;
        }

        var latencies = accepted.Select(Worst).ToList();
        var delivered = Percentiles.Of(latencies.OfType<double>());
        var expectedCount = Expected(accepted).Count();
        var lostPerson = Percentiles.Of(accepted.Zip(latencies).Where(x => x.First.Plan.Kind == ReportKind.LostPerson && x.Second is not null).Select(x => x.Second!.Value));
        double? ratio = floor.LatencyMs.Count > 0 && floor.LatencyMs.P99 > 0 && !double.IsNaN(delivered.P99) ? Math.Round(delivered.P99 / floor.LatencyMs.P99, 2) : null;
        log.Line($"channel: delivered p99 {delivered.P99} ms ({receiver.Arrivals.Count} verified posts, {receiver.Refused} refused), floor p99 {floor.LatencyMs.P99} ms");
        return new ChannelResult(o.TapRate, o.TapDuration.TotalSeconds, submissions.Count, accepted.Count, expectedCount, receiver.Arrivals.Count, receiver.Refused,
            latencies.Count(l => l is null), delivered, lostPerson, floor, ratio);
    }

    /// <summary>The delivery ids a report's alerts make: two channels (0: webhook, 1: DingTalk) of every station it is routed to.</summary>
    private static IEnumerable<string> Expected(IEnumerable<Submission> submissions) =>
        submissions.Where(s => s.Accepted).SelectMany(s => s.Plan.Stations.SelectMany(st => new[]
        {
            ChannelNotice.DeliveryId(s.TrackingCode!, st, NoticeSteps.Alert, 0),
            ChannelNotice.DeliveryId(s.TrackingCode!, st, NoticeSteps.Alert, 1),
        }));

    /// <summary>
    /// The local receiver: <c>/webhook</c> checks <c>X-GridAid-Signature</c> (and the 5-minute replay window), <c>/dingtalk</c>
    /// the 加签 <c>sign</c>; each with its own HMAC code. A post counts (first arrival, <see cref="Stopwatch"/> timestamp) only
    /// when its signature holds; the others are counted as refused.
    /// </summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Uri _address;
        private long _refused;

        private Receiver(WebApplication app, Uri address)
        {
            _app = app;
            _address = address;
        }

        public ConcurrentDictionary<string, long> Arrivals { get; } = new(StringComparer.Ordinal);

        public long Refused => Interlocked.Read(ref _refused);

        public string Url(string path) => new Uri(_address, path).ToString();

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var app = builder.Build();
            Receiver? self = null;
            app.MapPost("/{kind}", async (HttpRequest req, string kind) =>
            {
                using var reader = new StreamReader(req.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var now = Stopwatch.GetTimestamp();
                var ok = kind == "webhook" ? WebhookValid(req, body) : kind == "dingtalk" && DingTalkValid(req);
                if (!ok)
                {
                    Interlocked.Increment(ref self!._refused);
                    return kind == "dingtalk" ? Results.Json(new { errcode = 310000, errmsg = "sign not match" }) : Results.Unauthorized();
                }

                self!.Arrivals.TryAdd(req.Headers[ChannelMessages.IdHeader].ToString(), now);
                return kind == "dingtalk" ? Results.Json(new { errcode = 0, errmsg = "ok" }) : Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            self = new Receiver(app, new Uri(address + "/"));
            return self;
        }

        private static bool WebhookValid(HttpRequest req, string body)
        {
            var timestamp = req.Headers[ChannelMessages.TimestampHeader].ToString();
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
            {
                return false;
            }

            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(mac)), Encoding.ASCII.GetBytes(req.Headers[ChannelMessages.SignatureHeader].ToString()));
        }

        private static bool DingTalkValid(HttpRequest req)
        {
            var timestamp = req.Query["timestamp"].ToString();
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "\n" + Secret));
            return timestamp.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToBase64String(mac)), Encoding.ASCII.GetBytes(req.Query["sign"].ToString()));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Tap to channel delivered (<see cref="ChannelMode"/>): per report, until every channel of every target station has it.</summary>
public sealed record ChannelResult(
    double RatePerSecond,
    double DurationSeconds,
    int Submitted,
    int Accepted,
    int ExpectedDeliveries,
    int VerifiedPosts,
    long RefusedPosts,
    int MissingReports,
    Percentiles DeliveredMs,
    Percentiles LostPersonMs,
    FloorResult Floor,
    double? DeliveredP99ToFloorP99);
