using Azure;
using Azure.Data.Tables;
using GridAid.Core.Reports;

namespace GridAid.Infrastructure.Tables;

/// <summary>A report row: partition = area, row = <see cref="ReportKeys.For"/>.</summary>
public sealed class ReportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TrackingCode { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string? PointCode { get; set; }

    public string Description { get; set; } = string.Empty;

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string Lang { get; set; } = string.Empty;

    public string? ClientRequestId { get; set; }

    public string? DetailsJson { get; set; }

    /// <summary>Comma-separated, so a table filter can read it in the admin view.</summary>
    public string StationIds { get; set; } = string.Empty;

    public string? TimelineJson { get; set; }

    /// <summary>The hash of a lost person's one-time hand-over code (never the code).</summary>
    public string? HandoverHash { get; set; }
    /// <summary>The confirmed partner (<c>Matching.ReportMatch</c>), as JSON; null when none.</summary>
    public string? MatchJson { get; set; }

    /// <summary>The hand-over record (personal data), as JSON; null when none.</summary>
    public string? HandoverJson { get; set; }
    /// <summary>How many photos the report carries (their blobs: <c>PhotoRules.BlobName</c>).</summary>
    public int PhotoCount { get; set; }

    /// <summary>The station that entered the report for a caller or walk-in; null when the reporter sent it.</summary>
    public string? EnteredBy { get; set; }
    /// <summary>The report this duplicate was merged into; null when none.</summary>
    public string? MergedInto { get; set; }

    /// <summary>The duplicates merged into this report, comma-separated; null when none.</summary>
    public string? Merged { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static ReportEntity From(Report r) => new()
    {
        PartitionKey = r.AreaId,
        RowKey = ReportKeys.For(r.SubmittedAt, r.TrackingCode),
        TrackingCode = r.TrackingCode,
        Kind = r.Kind.ToWire(),
        Status = r.Status.ToWire(),
        PointCode = r.PointCode,
        Description = r.Description,
        ContactName = r.Contact.Name,
        ContactPhone = r.Contact.Phone,
        Lang = r.Lang,
        ClientRequestId = r.ClientRequestId,
        DetailsJson = TableJson.Write(r.Details),
        StationIds = string.Join(',', r.StationIds),
        TimelineJson = TableJson.Write(r.Timeline),
        HandoverHash = r.HandoverHash,
        MatchJson = r.Match is null ? null : TableJson.Write(r.Match),
        HandoverJson = r.Handover is null ? null : TableJson.Write(r.Handover),
        PhotoCount = r.PhotoCount,
        EnteredBy = r.EnteredBy,
        MergedInto = r.MergedInto,
        Merged = r.Merged.Count == 0 ? null : string.Join(',', r.Merged),
        SubmittedAt = r.SubmittedAt,
        UpdatedAt = r.UpdatedAt,
    };

    public Report ToReport()
    {
        return new Report
        {
            AreaId = PartitionKey,
            TrackingCode = TrackingCode,
            Kind = WireNames.Parse<ReportKind>(Kind),
            Status = WireNames.Parse<ReportStatus>(Status),
            PointCode = PointCode,
            Description = Description,
            Contact = new Contact(ContactName, ContactPhone),
            Lang = Lang,
            ClientRequestId = ClientRequestId,
            Details = TableJson.Read<Dictionary<string, string>>(DetailsJson, []),
            StationIds = StationIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Timeline = TableJson.Read<List<TimelineEntry>>(TimelineJson, []),
            HandoverHash = HandoverHash,
            Match = TableJson.Read<GridAid.Core.Matching.ReportMatch?>(MatchJson, null),
            Handover = TableJson.Read<GridAid.Core.Matching.HandoverRecord?>(HandoverJson, null),
            PhotoCount = PhotoCount,
            EnteredBy = EnteredBy,
            MergedInto = MergedInto,
            Merged = Merged?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
            SubmittedAt = SubmittedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}

/// <summary>Maps a tracking code to its report: partition = code. Inserting it is what makes a code unique.</summary>
public sealed class TrackingCodeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AreaId { get; set; } = string.Empty;

    public string ReportKey { get; set; } = string.Empty;

    public string? ClientRequestId { get; set; }

    /// <summary>The <c>ReportFingerprint</c> of the report first sent with this request id (null on rows written before it existed).</summary>
    public string? Fingerprint { get; set; }
}

/// <summary>
/// "This report is still waiting to be routed": written with the report (one transaction), removed once it is routed.
/// The sweeper finds stranded reports through these rows instead of scanning the reports table.
/// </summary>
public sealed class ReceivedIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ReportKey { get; set; } = string.Empty;

    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>When the sweeper last sent it to the router again.</summary>
    public DateTimeOffset? RedrivenAt { get; set; }

    public int Redrives { get; set; }

    /// <summary>The last routing failure (type and message, no report data), for the admin's list of failed messages.</summary>
    public string? LastError { get; set; }
}

/// <summary>A routed report not closed yet, as the unattended-closing sweep finds it (<see cref="ReportKeys.Open"/>).</summary>
public sealed class OpenIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ReportKey { get; set; } = string.Empty;

    public string TrackingCode { get; set; } = string.Empty;
}
