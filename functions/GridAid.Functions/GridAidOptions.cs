using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Functions.Channels;
using GridAid.Functions.Lanes;
using GridAid.Functions.Limits;

namespace GridAid.Functions;

/// <summary>Settings of the GridAid app itself (section <c>GridAid</c>).</summary>
public sealed class GridAidOptions
{
    public const string Section = "GridAid";

    /// <summary>The area a report goes to when neither its point nor the request names a known one.</summary>
    public string DefaultArea { get; set; } = "taishan";

    /// <summary>The areas' local time, for counting figures by month (China Standard Time by default).</summary>
    public TimeSpan AreaUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The areas' time zone (an IANA id, <c>Asia/Shanghai</c> for Taishan), for the times people read: the CSV export and
    /// the status page write their times in it, with the offset.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// <see cref="TimeZone"/> as the system knows it (<see cref="TimeZoneInfo.FindSystemTimeZoneById"/>, from the
    /// system's tz database); on a system without that zone, a fixed zone at <see cref="AreaUtcOffset"/>.
    /// </summary>
    public TimeZoneInfo AreaTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(TimeZone, AreaUtcOffset, TimeZone, TimeZone);

    /// <summary>
    /// Most open alerts one inbox request returns (all of them, in practice: an open alert is closed after
    /// <c>GridAid:Retention:CloseOpenAfter</c>); the closed ones follow, <see cref="InboxClosedPageSize"/> a page.
    /// </summary>
    public int InboxSize { get; set; } = 1000;

    /// <summary>Closed alerts per inbox page, newest first (<c>?continuation=</c> pages on).</summary>
    public int InboxClosedPageSize { get; set; } = 50;

    /// <summary>When unacknowledged urgent reports are widened (<c>GridAid:Escalation:LostPersonAfter</c>, <c>…:HazardAfter</c>).</summary>
    public EscalationPolicy Escalation { get; set; } = new();

    /// <summary>How long personal data outlives a resolved report (<c>GridAid:Retention:KeepResolvedFor</c>, default 90 days).</summary>
    public RetentionPolicy Retention { get; set; } = new();

    /// <summary>The custody clock of found items (<c>GridAid:Custody</c>: one year after the notice, reminders 30 and 7 days before).</summary>
    public Core.Custody.CustodyPolicy Custody { get; set; } = new();

    /// <summary>How long a failed inspection item may take to be put right, by severity (<c>GridAid:Rectifications</c>).</summary>
    public Core.Inspections.RectificationPolicy Rectifications { get; set; } = new();

    /// <summary>
    /// The public address of the web pages (the Static Web App's URL in Azure, e.g. <c>https://gentle-sea-123.azurestaticapps.net</c>)
    /// that printed QR codes point to, and the only one: never a request's host. Unset, a QR code is refused (503); the
    /// local host defaults it to its own address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long a sign-in remembered on a staff device lasts (<c>GridAid:DeviceSignInLifetime</c>, 12 hours: one shift
    /// and its handover); the admin can revoke one sooner, and a new access code ends all of its principal's.
    /// </summary>
    public TimeSpan DeviceSignInLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The abuse limits (<c>GridAid:RateLimits:…</c>; docs/rate-limits.md); <c>GridAid:RateLimits:Enabled=false</c> turns them all off.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Station notification channels: the SSRF guard's switch, timeout, retries (<c>GridAid:Channels:…</c>; docs/channels.md).</summary>
    public ChannelOptions Channels { get; set; } = new();

    /// <summary>How much of an instance the kinds other than a lost person may take at once (<c>GridAid:Lanes:…</c>; docs/reliability.md).</summary>
    public LaneOptions Lanes { get; set; } = new();
}
