using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GridAid.Core.Alerts;
using GridAid.Core.Reports;

namespace GridAid.Core.Channels;

/// <summary>The step of a report a channel message tells of (the third part of its delivery id).</summary>
public static class NoticeSteps
{
    public const string Alert = "alert";
    public const string Escalated = "escalated";
    public const string Command = "command";
    public const string Transferred = "transferred";
    public const string Resolved = "resolved";
    public const string Test = "test";

    /// <summary>The step a new alert tells of, from why the station got it.</summary>
    public static string For(AlertReason reason) => reason switch
    {
        AlertReason.Escalated => Escalated,
        AlertReason.Command => Command,
        AlertReason.Transferred => Transferred,
        _ => Alert,
    };
}

/// <summary>
/// What one channel message says, and nothing more: the kind, the place, the time, a short description, the tracking
/// code and a link to the station's inbox. Never the reporter's name, phone or details: a channel's server belongs to a
/// third party. The description is cut short and loses anything that looks like a phone or an id number, and the
/// reporter's name if they typed it.
/// </summary>
public sealed record ChannelNotice(
    string Id,
    string Step,
    string AreaId,
    string StationId,
    string TrackingCode,
    ReportKind Kind,
    bool Urgent,
    string? Place,
    DateTimeOffset At,
    string LocalTime,
    string Summary,
    string InboxUrl)
{
    /// <summary>Longest <see cref="Summary"/>, in characters.</summary>
    public const int MaxSummaryLength = 120;

    /// <summary>The delivery id of one notice on one channel: <c>{code}:{station}:{step}:{channelIndex}</c> (a redelivery never posts twice).</summary>
    public static string DeliveryId(string trackingCode, string stationId, string step, int channelIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{trackingCode}:{stationId}:{step}:{channelIndex}");

    /// <summary>The notice of <paramref name="step"/> for one alert; <paramref name="at"/> is when it happened (shown in <paramref name="zone"/>).</summary>
    public static ChannelNotice For(Alert alert, string step, int channelIndex, DateTimeOffset at, TimeZoneInfo zone, string inboxUrl) => new(
        DeliveryId(alert.TrackingCode, alert.StationId, step, channelIndex),
        step,
        alert.AreaId,
        alert.StationId,
        alert.TrackingCode,
        alert.Kind,
        alert.Urgent,
        alert.PointName,
        at,
        LocalTimeOf(at, zone),
        Scrub(alert.Description, alert.Contact),
        inboxUrl);

    public static string LocalTimeOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>The description on one line, without phone-like numbers or the reporter's name, at most <see cref="MaxSummaryLength"/> characters.</summary>
    public static string Scrub(string description, Contact contact)
    {
        var text = Regex.Replace(description ?? string.Empty, @"\s+", " ", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
        // Six digits or more, spaces and dashes between them allowed: a phone, an id card, a plate number.
        text = Regex.Replace(text, @"\+?\d[\d\s\-]{4,}\d", "***", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (contact.Name is { Length: > 0 } name)
        {
            text = text.Replace(name.Trim(), "***", StringComparison.OrdinalIgnoreCase);
        }

        if (contact.Phone is { Length: > 0 } phone)
        {
            text = text.Replace(phone.Trim(), "***", StringComparison.Ordinal);
        }

        var e = StringInfo.GetTextElementEnumerator(text);
        var sb = new StringBuilder();
        var count = 0;
        while (e.MoveNext())
        {
            if (++count > MaxSummaryLength)
            {
                return sb.Append('…').ToString();
            }

            sb.Append(e.GetTextElement());
        }

        return sb.ToString();
    }
}
