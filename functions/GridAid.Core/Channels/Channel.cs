using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Core.Channels;

/// <summary>Where a station's alerts are also posted (docs/channels.md). The wire names are <c>wecom</c>, <c>dingtalk</c>, <c>webhook</c>.</summary>
public enum ChannelType
{
    /// <summary>A WeCom (企业微信) group robot: its webhook URL carries the robot's key; no secret.</summary>
    Wecom,

    /// <summary>A DingTalk (钉钉) custom robot with the 加签 security setting: the secret signs every request.</summary>
    Dingtalk,

    /// <summary>Any HTTPS endpoint: a JSON body signed with the secret (<c>X-GridAid-Signature</c>).</summary>
    Webhook,
}

/// <summary>
/// One channel of a station, as stored (the secret included: it never leaves the server). <paramref name="Lang"/>: the
/// language its group reads (one of <c>web/i18n/languages.json</c>), written first in every message; Chinese without one.
/// </summary>
public sealed record Channel(ChannelType Type, string Url, string? Secret = null, string? Lang = null);

/// <summary>What an admin sends for one channel (<c>PUT admin/stations/{id}/channels</c>).</summary>
public sealed record ChannelInput(string? Type, string? Url, string? Secret, string? Lang = null);

/// <summary>
/// A channel as the API answers it: never its secret, and the URL without its query values (a WeCom key or a DingTalk
/// access token sits in the query and is as secret as the secret itself).
/// </summary>
public sealed record ChannelView(int Index, ChannelType Type, string Url, bool HasSecret, string? Lang = null)
{
    public static ChannelView From(Channel c, int index) => new(index, c.Type, MaskQuery(c.Url), c.Secret is not null, c.Lang);

    /// <summary><c>https://h/p?key=abc&amp;x=1</c> → <c>https://h/p?key=…&amp;x=…</c>.</summary>
    public static string MaskQuery(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }

        var pairs = url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)[0] + "=…");
        return url[..(q + 1)] + string.Join('&', pairs);
    }
}

/// <summary>The rules for a station's channels: a known type, an absolute URL that may be posted to, the secret where the type signs.</summary>
public static class ChannelRules
{
    public const int MaxChannels = 5;
    public const int MaxUrlLength = 500;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    private static readonly Dictionary<string, ChannelType> Types = new(StringComparer.Ordinal)
    {
        ["wecom"] = ChannelType.Wecom,
        ["dingtalk"] = ChannelType.Dingtalk,
        ["webhook"] = ChannelType.Webhook,
    };

    /// <summary>
    /// The channels, or the errors by field (<c>channels[1].url</c>). The URL's form is checked here
    /// (<see cref="TargetAddress.CheckUrl"/>); where its host resolves to is checked by the caller, which can look it up.
    /// </summary>
    public static (IReadOnlyList<Channel>? Valid, ValidationErrors Errors) Check(IReadOnlyList<ChannelInput?>? input, bool allowPrivateTargets)
    {
        var errors = new ValidationErrors();
        var list = input ?? [];
        if (list.Count > MaxChannels)
        {
            errors.Add("channels", "too_many", Texts.Of("channel.too_many", ("max", MaxChannels)));
            return (null, errors);
        }

        var channels = new List<Channel>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"channels[{i}]";
            var c = list[i];
            if (c?.Type is not { } t || !Types.TryGetValue(t.Trim(), out var type))
            {
                errors.Add(field + ".type", "invalid_choice", Texts.Of("channel.type"));
                continue;
            }

            var url = c.Url?.Trim() ?? string.Empty;
            if (url.Length is 0 or > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                errors.Add(field + ".url", "url_invalid", Texts.Of("channel.url"));
                continue;
            }

            if (TargetAddress.CheckUrl(uri, allowPrivateTargets) is { } refusal)
            {
                errors.Add(field + ".url", refusal.Code, refusal.Text);
                continue;
            }

            var secret = string.IsNullOrWhiteSpace(c.Secret) ? null : c.Secret.Trim();
            var lang = string.IsNullOrWhiteSpace(c.Lang) ? null : Texts.Languages.FirstOrDefault(l => string.Equals(l.Code, c.Lang.Trim(), StringComparison.OrdinalIgnoreCase))?.Code;
            if (!string.IsNullOrWhiteSpace(c.Lang) && lang is null)
            {
                errors.Add(field + ".lang", "lang_unknown", Texts.Of("rule.lang_unknown", ("langs", string.Join(", ", Texts.Languages.Select(l => l.Code)))));
            }
            else if (type == ChannelType.Wecom && secret is not null)
            {
                errors.Add(field + ".secret", "secret_unused", Texts.Of("channel.secret_unused"));
            }
            else if (type != ChannelType.Wecom && (secret is null || secret.Length is < MinSecretLength or > MaxSecretLength))
            {
                errors.Add(field + ".secret", "secret_required", Texts.Of("channel.secret_required", ("min", MinSecretLength), ("max", MaxSecretLength)));
            }
            else
            {
                channels.Add(new Channel(type, uri.AbsoluteUri, secret, lang));
            }
        }

        return errors.IsValid ? (channels, errors) : (null, errors);
    }
}

/// <summary>Where one delivery (one notice on one channel) stands.</summary>
public enum DeliveryOutcome
{
    /// <summary>Claimed by one worker, being posted.</summary>
    Sending,

    /// <summary>A post failed; another attempt is scheduled.</summary>
    Retrying,

    Delivered,

    /// <summary>Every attempt failed: shown on the admin's page and on the station's own.</summary>
    Failed,
}

/// <summary>
/// One delivery as recorded (the admin's and the station's view): which notice, which channel, how it ended. <see cref="Error"/>
/// is what went wrong in a few words (an HTTP status, a vendor's error code, a refusal), never a URL or a secret.
/// </summary>
public sealed record DeliveryRecord(
    string Id,
    string StationId,
    string TrackingCode,
    string Step,
    int ChannelIndex,
    ChannelType ChannelType,
    DeliveryOutcome Outcome,
    int Attempts,
    string? Error,
    DateTimeOffset UpdatedAt);
