using GridAid.Core.Reports;

namespace GridAid.Core.Alerts;

/// <summary>
/// Why a station got an alert: first routing, escalation of an unanswered urgent report, a transfer from another
/// station, routing that failed (the duty station then has it), or the second escalation tier (the command station).
/// </summary>
public enum AlertReason
{
    Routed,
    Escalated,
    Transferred,
    RoutingFailed,
    Command,
}

/// <summary>What one station sees of a report routed to it, and where that station is with it.</summary>
public sealed record Alert
{
    public required string AreaId { get; init; }

    public required string StationId { get; init; }

    public required string TrackingCode { get; init; }

    public required ReportKind Kind { get; init; }

    public ReportStatus Status { get; init; } = ReportStatus.Routed;

    public bool Urgent { get; init; }

    public AlertReason Reason { get; init; } = AlertReason.Routed;

    /// <summary>The station that handed this alert over, for a transferred one.</summary>
    public string? TransferredFrom { get; init; }

    /// <summary>The station this station handed the report to, if it did.</summary>
    public string? TransferredTo { get; init; }

    public string? PointCode { get; init; }

    public string? PointName { get; init; }

    public string Description { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public Contact Contact { get; init; } = new(null, null);

    public string Lang { get; init; } = Directory.Language.Chinese;

    /// <summary>Every station the report went to, so a station knows who else is looking.</summary>
    public IReadOnlyList<string> StationIds { get; init; } = [];

    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset RoutedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>When this station started work on it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When this station marked a lost person "found, handing over".</summary>
    public DateTimeOffset? FoundAt { get; init; }

    /// <summary>The station (or <see cref="SharedSearch.Admin"/>) whose resolve closed this alert: this station itself, or the one every station stood down for.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>The confirmed partner of the report (a lost item's found one, and back), as every station holding either sees it.</summary>
    public Matching.AlertMatch? Match { get; init; }

    /// <summary>A found item this station holds: where it is kept, its deadline and the last reminder (only on the holding station's alert).</summary>
    public AlertCustody? Custody { get; init; }

    /// <summary>The station that entered the report for a caller or a walk-in (null: the reporter's own phone).</summary>
    public string? EnteredBy { get; init; }
    /// <summary>How many photos the report carries (<see cref="Report.PhotoCount"/>).</summary>
    public int PhotoCount { get; init; }

    /// <summary>Where this station fetches them, with its credential: <c>photos: [{url, thumbnailUrl}]</c> in the alert JSON.</summary>
    public IReadOnlyList<Photos.PhotoLink> Photos => Core.Photos.PhotoRules.ForStation(StationId, TrackingCode, PhotoCount);

    /// <summary>Every reply and internal note on the report, oldest first, with who wrote it (staff only: never on a public view).</summary>
    public IReadOnlyList<Replies.AlertReply> Replies { get; init; } = [];

    /// <summary>Why the station that handed this alert over did so (a transferred alert; staff only).</summary>
    public string? TransferNote { get; init; }

    /// <summary>Earlier reports this one may repeat (same kind, same or neighbouring point, within 30 minutes), oldest first.</summary>
    public IReadOnlyList<Duplicates.DuplicateRef> PossibleDuplicates { get; init; } = [];

    /// <summary>The report this one was merged into (a duplicate), as every station holding it sees it.</summary>
    public string? MergedInto { get; init; }

    /// <summary>The duplicates merged into this report.</summary>
    public IReadOnlyList<string> Merged { get; init; } = [];

    /// <summary>The other stations' parts in the search (filled when an inbox is read, never stored).</summary>
    public IReadOnlyList<PeerState>? Peers { get; init; }

    /// <summary>The search's steps at every station (filled when an inbox is read, never stored).</summary>
    public IReadOnlyList<SearchStep>? Activity { get; init; }

    public bool IsOpen => Status < ReportStatus.Resolved;

    public static Alert For(
        Report report, string stationId, IReadOnlyList<string> stationIds, string? pointName, DateTimeOffset now,
        AlertReason reason = AlertReason.Routed, string? transferredFrom = null) => new()
    {
        Reason = reason,
        TransferredFrom = transferredFrom,
        AreaId = report.AreaId,
        StationId = stationId,
        TrackingCode = report.TrackingCode,
        Kind = report.Kind,
        Urgent = report.Kind.IsUrgent(),
        PointCode = report.PointCode,
        PointName = pointName,
        Description = report.Description,
        Details = report.StationDetails,
        Contact = report.Contact,
        Lang = report.Lang,
        PhotoCount = report.PhotoCount,
        EnteredBy = report.EnteredBy,
        Replies = Core.Replies.ReplyRules.StaffView(report),
        MergedInto = report.MergedInto,
        Merged = report.Merged,
        StationIds = stationIds,
        SubmittedAt = report.SubmittedAt,
        RoutedAt = now,
    };

    /// <summary>The station's own step; null when the alert is already there.</summary>
    public Alert? Step(ReportStatus target, DateTimeOffset now)
    {
        if (Status >= target)
        {
            return null;
        }

        return this with
        {
            Status = target,
            AcknowledgedAt = AcknowledgedAt ?? now,
            StartedAt = target == ReportStatus.InProgress ? now : StartedAt,
            ResolvedAt = target == ReportStatus.Resolved ? now : ResolvedAt,
            ResolvedBy = target == ReportStatus.Resolved ? StationId : ResolvedBy,
        };
    }

    /// <summary>This station found the lost person and is handing them over (it is then working on it); null when already marked or closed.</summary>
    public Alert? Found(DateTimeOffset now) => FoundAt is not null || !IsOpen
        ? null
        : (Step(ReportStatus.InProgress, now) ?? this) with { FoundAt = now };

    /// <summary>
    /// Closed by a resolve: by this station itself, or a stand-down for <paramref name="resolverId"/>'s resolve (another
    /// station or the admin). Null when the alert is already resolved or closed.
    /// </summary>
    public Alert? Resolve(string resolverId, DateTimeOffset now) => !IsOpen
        ? null
        : resolverId == StationId
            ? Step(ReportStatus.Resolved, now)
            : this with { Status = ReportStatus.Resolved, ResolvedAt = now, ResolvedBy = resolverId };

    /// <summary>The alert closed with its report (nobody resolved it in time); null when it is already resolved or closed.</summary>
    public Alert? Closed(DateTimeOffset now) => Status >= ReportStatus.Resolved ? null : this with { Status = ReportStatus.Closed, ResolvedAt = now };

    public bool HasPersonalData => Description.Length > 0 || Contact.Name is not null || Contact.Phone is not null || Details.Count > 0 || PhotoCount > 0 || Replies.Count > 0 || TransferNote is not null;

    /// <summary>The alert without the reporter's description, contact data, details and photos (see <see cref="Redaction"/>).</summary>
    public Alert Redacted() => this with { Description = string.Empty, Contact = new Contact(null, null), Details = new Dictionary<string, string>(), PhotoCount = 0, Replies = [], TransferNote = null };
}

/// <summary>
/// What the holding station sees of a found item in its custody on the item's alert: where it is kept, the deadline
/// (<see cref="Custody.CustodyPolicy.DeadlineOf"/>) and, once given, the last reminder (days before the deadline).
/// </summary>
public sealed record AlertCustody(string Storage, DateTimeOffset NoticeAt, DateTimeOffset Deadline, int? Reminder, Custody.CustodyEnd? ReleasedTo = null)
{
    public static AlertCustody Of(Custody.CustodyItem item) =>
        new(item.Storage, item.NoticeAt, item.Deadline, Custody.CustodyRules.LastReminder(item), item.Release?.To);
}
