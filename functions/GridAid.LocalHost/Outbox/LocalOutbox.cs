using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GridAid.Core.Channels;

namespace GridAid.LocalHost.Outbox;

/// <summary>One post the local outbox received.</summary>
public sealed record OutboxEntry(DateTimeOffset At, string Kind, bool Verified, string? DeliveryId, string Body);

/// <summary>
/// A stand-in for WeCom, DingTalk and a webhook receiver on local runs (docs/channels.md, "Trying channels locally"):
/// <c>POST /_outbox/webhook</c> checks <c>X-GridAid-Signature</c> and refuses a replay; <c>POST /_outbox/dingtalk</c>
/// checks the 加签 <c>timestamp</c> and <c>sign</c> (DingTalk's own 1-hour window); <c>POST /_outbox/wecom</c> needs a
/// <c>key</c>. Each answers as its vendor does (<c>{"errcode":0}</c>, or an error) and keeps what it got, in memory:
/// <c>GET /_outbox</c> shows the last posts, <c>GET /_outbox.json</c> lists them. The secret is
/// <c>LocalHost:Outbox:Secret</c> (<see cref="DefaultSecret"/>); scripts/run-local.sh points the demo's channels here.
/// </summary>
public static class LocalOutbox
{
    public const string DefaultSecret = "local-outbox-secret-0001";
    private const int Keep = 200;
    private static readonly ConcurrentQueue<OutboxEntry> Entries = new();

    public static IReadOnlyList<OutboxEntry> Received => [.. Entries];

    public static void MapLocalOutbox(this WebApplication app)
    {
        var secret = app.Configuration["LocalHost:Outbox:Secret"] is { Length: > 0 } s ? s : DefaultSecret;
        app.MapPost("/_outbox/{kind}", async (HttpContext ctx, string kind) =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted);
            var now = DateTimeOffset.UtcNow;
            var (verified, answer) = kind switch
            {
                "webhook" => Webhook(ctx.Request, body, secret, now),
                "dingtalk" => DingTalk(ctx.Request, secret, now),
                "wecom" => ctx.Request.Query["key"].ToString().Length > 0 ? (true, Vendor(0, "ok")) : (false, Vendor(93000, "invalid webhook url")),
                _ => (false, Results.NotFound()),
            };
            Entries.Enqueue(new OutboxEntry(now, kind, verified, ctx.Request.Headers[ChannelMessages.IdHeader].ToString() is { Length: > 0 } id ? id : null, body));
            while (Entries.Count > Keep && Entries.TryDequeue(out _))
            {
            }

            return answer;
        });
        app.MapGet("/_outbox.json", () => Results.Json(Received.Reverse()));
        app.MapGet("/_outbox", () => Results.Content(Page(), "text/html; charset=utf-8"));
    }

    private static (bool, IResult) Webhook(HttpRequest req, string body, string secret, DateTimeOffset now) =>
        ChannelMessages.VerifyWebhook(secret, req.Headers[ChannelMessages.TimestampHeader], body, req.Headers[ChannelMessages.SignatureHeader], now)
            ? (true, Results.Ok())
            : (false, Results.Unauthorized());

    private static (bool, IResult) DingTalk(HttpRequest req, string secret, DateTimeOffset now)
    {
        var ok = long.TryParse(req.Query["timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms < DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            && (now - DateTimeOffset.FromUnixTimeMilliseconds(ms)).Duration() <= TimeSpan.FromHours(1)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChannelMessages.DingTalkSign(secret, ms)), Encoding.ASCII.GetBytes(req.Query["sign"].ToString()));
        return ok ? (true, Vendor(0, "ok")) : (false, Vendor(310000, "sign not match"));
    }

    private static IResult Vendor(int code, string message) => Results.Json(new { errcode = code, errmsg = message });

    private static string Page()
    {
        var rows = new StringBuilder();
        foreach (var e in Received.Reverse())
        {
            rows.Append("<tr><td>").Append(e.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append("</td><td>").Append(WebUtility.HtmlEncode(e.Kind))
                .Append("</td><td>").Append(e.Verified ? "✓" : "✗").Append("</td><td>").Append(WebUtility.HtmlEncode(e.DeliveryId ?? "—"))
                .Append("</td><td><pre>").Append(WebUtility.HtmlEncode(e.Body)).Append("</pre></td></tr>");
        }

        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta http-equiv=\"refresh\" content=\"5\"><title>Local outbox</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main>"
            + "<h1>本地发件箱 · Local outbox</h1><p>What the stations' channels would have received (the last " + Keep + " posts; refreshes every 5 s). ✓ = signature verified.</p>"
            + "<table><thead><tr><th>Time (UTC)</th><th>Kind</th><th>Signed</th><th>Delivery</th><th>Body</th></tr></thead><tbody>" + rows + "</tbody></table></main></body></html>";
    }
}
