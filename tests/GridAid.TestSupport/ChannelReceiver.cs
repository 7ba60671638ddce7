using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GridAid.TestSupport;

/// <summary>One post a test receiver got, with whether its signature held by the receiver's own check.</summary>
public sealed record ReceivedPost(string Path, string? DeliveryId, bool SignatureValid, string Body, string Query);

/// <summary>
/// A webhook / DingTalk receiver on Kestrel at a free port, for the integration tests and the benchmark's channel mode.
/// It checks signatures with its own code (System.Security.Cryptography directly, not the app's <c>ChannelMessages</c>), so
/// a wrong signature in the app fails them: <c>/webhook</c> (hex HMAC-SHA256 of <c>timestamp + "." + body</c>, at most
/// 5 minutes old), <c>/dingtalk</c> (Base64 HMAC-SHA256 of <c>timestamp + "\n" + secret</c>), <c>/fail</c> (always 500).
/// A post whose signature does not hold is answered as its vendor would refuse it, and counted in <see cref="Refused"/>.
/// </summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    public const string Secret = "receiver-secret-0123456789";
    private readonly WebApplication _app;
    private long _refused;

    private ChannelReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<ReceivedPost> Posts { get; } = new();

    /// <summary>When each delivery id first arrived with a signature that held (<see cref="Stopwatch"/> timestamp).</summary>
    public ConcurrentDictionary<string, long> Arrivals { get; } = new(StringComparer.Ordinal);

    public long Refused => Interlocked.Read(ref _refused);

    public string Url(string path) => new Uri(Address, path).ToString();

    public static async Task<ChannelReceiver> StartAsync()
    {
        ChannelReceiver? self = null;
        var (app, address) = await LoopbackApp.StartAsync(app => app.MapPost("/{kind}", async (HttpRequest req, string kind) =>
        {
            using var reader = new StreamReader(req.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var at = Stopwatch.GetTimestamp();
            var valid = kind switch
            {
                "webhook" => WebhookValid(req, body),
                "dingtalk" => DingTalkValid(req),
                _ => false,
            };
            var id = req.Headers["X-GridAid-Delivery"].ToString();
            self!.Posts.Enqueue(new ReceivedPost(kind, id, valid, body, req.QueryString.Value ?? string.Empty));
            if (valid)
            {
                self.Arrivals.TryAdd(id, at);
            }
            else if (kind != "fail")
            {
                Interlocked.Increment(ref self._refused);
            }
            return kind switch
            {
                "fail" => Results.StatusCode(500),
                "dingtalk" => Results.Json(valid ? new { errcode = 0, errmsg = "ok" } : new { errcode = 310000, errmsg = "sign not match" }),
                _ => valid ? Results.Ok() : Results.Unauthorized(),
            };
        }));
        self = new ChannelReceiver(app, address);
        return self;
    }

    private static bool WebhookValid(HttpRequest req, string body)
    {
        var timestamp = req.Headers["X-GridAid-Timestamp"].ToString();
        var signature = req.Headers["X-GridAid-Signature"].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = "sha256=" + string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body)).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        return expected == signature;
    }

    private static bool DingTalkValid(HttpRequest req)
    {
        var timestamp = req.Query["timestamp"].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ms) > 3_600_000)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
        // The query as sent: sign is URL-encoded there; ASP.NET has decoded it once.
        return expected == req.Query["sign"].ToString() && req.QueryString.Value!.Contains("sign=" + Uri.EscapeDataString(expected), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
