using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Core.Text;

namespace GridAid.Core.Channels;

/// <summary>One HTTP POST to a channel: where to, the JSON body, and the headers that sign it.</summary>
public sealed record ChannelRequest(Uri Url, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The vendors' message formats and signatures (docs/channels.md cites their documentation):
/// <list type="bullet">
/// <item>WeCom group robot: <c>{"msgtype":"markdown","markdown":{"content":…}}</c>, content at most 4096 bytes of UTF-8.</item>
/// <item>DingTalk custom robot: <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c>, with 加签: the query gets
/// <c>timestamp</c> (ms) and <c>sign</c> = URL-encoded Base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)).</item>
/// <item>Generic webhook: a JSON body, <c>X-GridAid-Timestamp</c> (Unix seconds) and
/// <c>X-GridAid-Signature: sha256=</c> lower-case hex HMAC-SHA256(key = secret, timestamp + "." + body).</item>
/// </list>
/// </summary>
public static class ChannelMessages
{
    /// <summary>WeCom's limit on a markdown message's content, in UTF-8 bytes; GridAid keeps DingTalk's text within it too.</summary>
    public const int MaxMarkdownBytes = 4096;

    public const string TimestampHeader = "X-GridAid-Timestamp";
    public const string SignatureHeader = "X-GridAid-Signature";
    public const string IdHeader = "X-GridAid-Delivery";

    /// <summary>A webhook receiver should refuse a timestamp older (or newer) than this: a replay.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static ChannelRequest Build(Channel channel, ChannelNotice notice, DateTimeOffset now) => channel.Type switch
    {
        ChannelType.Wecom => Json(new Uri(channel.Url), new { msgtype = "markdown", markdown = new { content = Markdown(notice, channel.Lang) } }, notice),
        ChannelType.Dingtalk => Json(DingTalkUrl(channel.Url, channel.Secret ?? string.Empty, now.ToUnixTimeMilliseconds()),
            new { msgtype = "markdown", markdown = new { title = Title(notice, channel.Lang), text = Markdown(notice, channel.Lang) } }, notice),
        _ => Webhook(new Uri(channel.Url), notice, channel.Secret ?? string.Empty, now),
    };

    /// <summary>
    /// The two languages of a message: the channel's own (<see cref="Channel.Lang"/>, Chinese when it has none), then
    /// Chinese, or English for a Chinese channel, so that the people at any desk of the area can read it.
    /// </summary>
    public static (string First, string Second) Languages(string? lang)
    {
        var first = Language.Normalize(lang);
        return (first, first == Language.Chinese ? Language.English : Language.Chinese);
    }

    /// <summary>The heading of a message: what happened and the kind, in the channel's language and the area's other main one.</summary>
    public static string Title(ChannelNotice n, string? lang = null)
    {
        var step = "channel.step." + n.Step switch
        {
            NoticeSteps.Resolved or NoticeSteps.Escalated or NoticeSteps.Command or NoticeSteps.Transferred or NoticeSteps.Test => n.Step,
            _ => n.Urgent ? "urgent" : "new",
        };
        var kind = Texts.Find(null, "kind." + n.Kind.ToWire()) is null ? new LocalizedText(n.Kind.ToWire(), n.Kind.ToWire()) : Texts.Of("kind." + n.Kind.ToWire());
        var (first, second) = Languages(lang);
        return Texts.Get(first, "channel.title", ("step", Texts.Get(first, step)), ("kind", kind.For(first))) + " · " +
            Texts.Get(second, "channel.title", ("step", Texts.Get(second, step)), ("kind", kind.For(second)));
    }

    /// <summary>The markdown both robots show, within <see cref="MaxMarkdownBytes"/> (the summary is cut to fit).</summary>
    public static string Markdown(ChannelNotice n, string? lang = null)
    {
        var (first, second) = Languages(lang);
        string Label(string key) => Texts.Get(first, key) + " · " + Texts.Get(second, key);
        string Text(string summary) =>
            $"## {Safe(Title(n, lang))}\n" +
            $"**{Label("channel.place")}**: {Safe(n.Place ?? "—")}\n" +
            $"**{Label("channel.time")}**: {Safe(n.LocalTime)}\n" +
            $"**{Label("channel.code")}**: {Safe(n.TrackingCode)}\n" +
            (summary.Length > 0 ? $"> {summary}\n" : string.Empty) +
            $"[{Label("channel.openInbox")}]({n.InboxUrl})";

        var full = Text(Safe(n.Summary));
        var over = Encoding.UTF8.GetByteCount(full) - MaxMarkdownBytes;
        if (over <= 0)
        {
            return full;
        }

        // Too long: the summary gives way first (cut, with an ellipsis), then the whole text is cut at a character.
        var summary = Safe(n.Summary);
        var cut = TruncateUtf8(summary, Math.Max(0, Encoding.UTF8.GetByteCount(summary) - over - Encoding.UTF8.GetByteCount("…")));
        return TruncateUtf8(Text(cut.Length > 0 ? cut + "…" : string.Empty), MaxMarkdownBytes);
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes, never splitting a character.</summary>
    public static string TruncateUtf8(string text, int maxBytes)
    {
        var bytes = 0;
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var end = 0;
        while (e.MoveNext())
        {
            var n = Encoding.UTF8.GetByteCount(e.GetTextElement());
            if (bytes + n > maxBytes)
            {
                break;
            }

            bytes += n;
            end = e.ElementIndex + e.GetTextElement().Length;
        }

        return text[..end];
    }

    /// <summary>The JSON body of a generic webhook (the notice as it is: no contact data to leave out).</summary>
    public static string WebhookBody(ChannelNotice n) => JsonSerializer.Serialize(new
    {
        id = n.Id,
        type = "gridaid.alert." + n.Step,
        step = n.Step,
        areaId = n.AreaId,
        stationId = n.StationId,
        trackingCode = n.TrackingCode,
        kind = n.Kind.ToWire(),
        urgent = n.Urgent,
        place = n.Place,
        at = n.At,
        localTime = n.LocalTime,
        title = Title(n),
        summary = n.Summary,
        inboxUrl = n.InboxUrl,
    }, GridAidJson.Options);

    public static ChannelRequest Webhook(Uri url, ChannelNotice n, string secret, DateTimeOffset now)
    {
        var body = WebhookBody(n);
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ChannelRequest(url, body, new Dictionary<string, string>
        {
            [TimestampHeader] = timestamp,
            [SignatureHeader] = WebhookSignature(secret, timestamp, body),
            [IdHeader] = n.Id,
        });
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>timestamp + "." + body</c>, keyed with the secret (UTF-8).</summary>
    public static string WebhookSignature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    /// <summary>
    /// What a receiver checks: the signature (compared in constant time) and a timestamp within <see cref="ReplayWindow"/>
    /// of its own clock. A receiver should also drop an <c>X-GridAid-Delivery</c> id it has already seen.
    /// </summary>
    public static bool VerifyWebhook(string secret, string? timestamp, string body, string? signature, DateTimeOffset now)
    {
        if (timestamp is null || signature is null || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > ReplayWindow)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(WebhookSignature(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>DingTalk's 加签: Base64(HMAC-SHA256(key = secret, <c>timestamp + "\n" + secret</c>)), not yet URL-encoded.</summary>
    public static string DingTalkSign(string secret, long timestampMs) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + secret)));

    /// <summary>The robot's URL with <c>timestamp</c> and the URL-encoded <c>sign</c> added to its query.</summary>
    public static Uri DingTalkUrl(string url, string secret, long timestampMs) =>
        new(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "timestamp=" + timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "&sign=" + Uri.EscapeDataString(DingTalkSign(secret, timestampMs)));

    private static ChannelRequest Json(Uri url, object body, ChannelNotice n) =>
        new(url, JsonSerializer.Serialize(body, GridAidJson.Options), new Dictionary<string, string> { [IdHeader] = n.Id });

    /// <summary>Reporter-typed text cannot format, link or mention (<c>&lt;@all&gt;</c>) in a robot's markdown.</summary>
    private static string Safe(string text) => text
        .Replace('<', '‹').Replace('>', '›').Replace('[', '［').Replace(']', '］').Replace('*', '＊')
        .Replace('`', '\'').Replace('#', '＃').Replace('_', '＿').Replace('\n', ' ').Replace('\r', ' ');
}
