namespace GridAid.Core.Reports;

/// <summary>A report as stored: what was submitted, where it was routed, and what happened since.</summary>
public sealed record Report
{
    public required string AreaId { get; init; }

    public required string TrackingCode { get; init; }

    public required ReportKind Kind { get; init; }

    /// <summary>The point code as submitted (may be unknown to the directory, or absent).</summary>
    public string? PointCode { get; init; }

    public string Description { get; init; } = string.Empty;

    public Contact Contact { get; init; } = new(null, null);

    public string Lang { get; init; } = Directory.Language.Chinese;

    public string? ClientRequestId { get; init; }

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public ReportStatus Status { get; init; } = ReportStatus.Received;

    public IReadOnlyList<string> StationIds { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>
    /// The salted hash of a lost-person report's one-time hand-over code (<see cref="Security.HandoverCode"/>); the code
    /// itself is only on the reporter's phone. Never shown to anyone: no view, alert, event or export names this property.
    /// </summary>
    public string? HandoverHash { get; init; }
    /// <summary>The partner a station confirmed (a found item for a lost one, and back): see <c>Matching/ConfirmedMatch</c>.</summary>
    public Matching.ReportMatch? Match { get; init; }

    /// <summary>Who collected the item (personal data, cleared by <see cref="Redaction"/>); on the sought side of a pair only.</summary>
    public Matching.HandoverRecord? Handover { get; init; }
    /// <summary>How many photos the reporter attached (their blobs: <see cref="Photos.PhotoRules.BlobName"/>); 0 once redacted.</summary>
    public int PhotoCount { get; init; }

    /// <summary>The station that entered the report for a caller or a walk-in (null: the reporter sent it); routing gives it the report too.</summary>
    public string? EnteredBy { get; init; }
    /// <summary>The report this one was merged into, as a duplicate (<see cref="Duplicates.DuplicateRules"/>): its code then leads to that report's status.</summary>
    public string? MergedInto { get; init; }

    /// <summary>The duplicates merged into this report.</summary>
    public IReadOnlyList<string> Merged { get; init; } = [];

    /// <summary>Details safe to show to the stations the report was routed to (private ones such as the owner's secret are left out).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string> StationDetails =>
        Details.Where(d => !ReportDetailFields.IsPrivate(Kind, d.Key)).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);

    public static Report Receive(ValidReport valid, string areaId, string trackingCode, DateTimeOffset now) => new()
    {
        AreaId = areaId,
        TrackingCode = trackingCode,
        Kind = valid.Kind,
        PointCode = valid.PointCode,
        Description = valid.Description,
        Contact = valid.Contact,
        Lang = valid.Lang,
        ClientRequestId = valid.ClientRequestId,
        Details = valid.Details,
        SubmittedAt = now,
        UpdatedAt = now,
        Status = ReportStatus.Received,
        EnteredBy = valid.EnteredBy,
        Timeline = [valid.EnteredBy is { } by ? new TimelineEntry(now, ReportStatus.Received, by, TimelineNotes.StaffEntered) : new TimelineEntry(now, ReportStatus.Received)],
    };
}
