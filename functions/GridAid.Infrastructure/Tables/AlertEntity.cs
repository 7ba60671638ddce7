using Azure;
using Azure.Data.Tables;
using GridAid.Core.Alerts;
using GridAid.Core.Reports;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// An alert row: partition = area, row = station + report key. All alerts of one report share a partition,
/// so they are written in one transaction, and one station's inbox is one row-key range, newest first.
/// </summary>
public sealed class AlertEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string StationId { get; set; } = string.Empty;

    public string TrackingCode { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public bool Urgent { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string? TransferredFrom { get; set; }

    public string? TransferredTo { get; set; }

    public string? PointCode { get; set; }

    public string? PointName { get; set; }

    public string Description { get; set; } = string.Empty;

    public string? DetailsJson { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string Lang { get; set; } = string.Empty;

    public string StationIds { get; set; } = string.Empty;

    /// <summary>How many photos the report carries (their blobs: <c>PhotoRules.BlobName</c>).</summary>
    public int PhotoCount { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset RoutedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FoundAt { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>The confirmed partner (<c>Matching.AlertMatch</c>), as JSON; null when none.</summary>
    public string? MatchJson { get; set; }

    /// <summary>The holding station's view of a found item in its custody (<c>Alerts.AlertCustody</c>), as JSON; null when none.</summary>
    public string? CustodyJson { get; set; }

    /// <summary>The station that entered the report for a caller or walk-in.</summary>
    public string? EnteredBy { get; set; }
    /// <summary>The report's replies and internal notes (<c>Replies.AlertReply</c>), as JSON; null when none.</summary>
    public string? RepliesJson { get; set; }

    /// <summary>Why the alert was handed over (a transferred one).</summary>
    public string? TransferNote { get; set; }

    /// <summary>Possible duplicates (<c>Duplicates.DuplicateRef</c>), as JSON; null when none.</summary>
    public string? DuplicatesJson { get; set; }

    public string? MergedInto { get; set; }

    /// <summary>The duplicates merged into the report, comma-separated.</summary>
    public string? Merged { get; set; }

    public static AlertEntity From(Alert a) => new()
    {
        PartitionKey = a.AreaId,
        RowKey = AlertKeys.For(a.StationId, ReportKeys.For(a.SubmittedAt, a.TrackingCode)),
        StationId = a.StationId,
        TrackingCode = a.TrackingCode,
        Kind = a.Kind.ToWire(),
        Status = a.Status.ToWire(),
        Urgent = a.Urgent,
        Reason = WireNames.ToSnakeCase(a.Reason.ToString()),
        TransferredFrom = a.TransferredFrom,
        TransferredTo = a.TransferredTo,
        PointCode = a.PointCode,
        PointName = a.PointName,
        Description = a.Description,
        DetailsJson = TableJson.Write(a.Details),
        ContactName = a.Contact.Name,
        ContactPhone = a.Contact.Phone,
        Lang = a.Lang,
        StationIds = string.Join(',', a.StationIds),
        PhotoCount = a.PhotoCount,
        SubmittedAt = a.SubmittedAt,
        RoutedAt = a.RoutedAt,
        AcknowledgedAt = a.AcknowledgedAt,
        ResolvedAt = a.ResolvedAt,
        StartedAt = a.StartedAt,
        FoundAt = a.FoundAt,
        ResolvedBy = a.ResolvedBy,
        MatchJson = a.Match is null ? null : TableJson.Write(a.Match),
        CustodyJson = a.Custody is null ? null : TableJson.Write(a.Custody),
        EnteredBy = a.EnteredBy,
        RepliesJson = a.Replies.Count == 0 ? null : TableJson.Write(a.Replies),
        TransferNote = a.TransferNote,
        DuplicatesJson = a.PossibleDuplicates.Count == 0 ? null : TableJson.Write(a.PossibleDuplicates),
        MergedInto = a.MergedInto,
        Merged = a.Merged.Count == 0 ? null : string.Join(',', a.Merged),
    };

    public Alert ToAlert()
    {
        return new Alert
        {
            AreaId = PartitionKey,
            StationId = StationId,
            TrackingCode = TrackingCode,
            Kind = WireNames.Parse<ReportKind>(Kind),
            Status = WireNames.Parse<ReportStatus>(Status),
            Urgent = Urgent,
            Reason = string.IsNullOrEmpty(Reason) ? AlertReason.Routed : WireNames.Parse<AlertReason>(Reason),
            TransferredFrom = TransferredFrom,
            TransferredTo = TransferredTo,
            PointCode = PointCode,
            PointName = PointName,
            Description = Description,
            Details = TableJson.Read<Dictionary<string, string>>(DetailsJson, []),
            Contact = new Contact(ContactName, ContactPhone),
            Lang = Lang,
            StationIds = StationIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
            PhotoCount = PhotoCount,
            SubmittedAt = SubmittedAt,
            RoutedAt = RoutedAt,
            AcknowledgedAt = AcknowledgedAt,
            ResolvedAt = ResolvedAt,
            StartedAt = StartedAt,
            FoundAt = FoundAt,
            ResolvedBy = ResolvedBy,
            Match = TableJson.Read<GridAid.Core.Matching.AlertMatch?>(MatchJson, null),
            Custody = TableJson.Read<GridAid.Core.Alerts.AlertCustody?>(CustodyJson, null),
            EnteredBy = EnteredBy,
            Replies = TableJson.Read<List<GridAid.Core.Replies.AlertReply>>(RepliesJson, []),
            TransferNote = TransferNote,
            PossibleDuplicates = TableJson.Read<List<GridAid.Core.Duplicates.DuplicateRef>>(DuplicatesJson, []),
            MergedInto = MergedInto,
            Merged = Merged?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };
    }
}
