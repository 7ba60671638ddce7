using GridAid.Core.Directory;

namespace GridAid.Core.Inspections;

/// <summary>How one checklist item was found.</summary>
public enum ItemResult
{
    Pass,
    Fail,
    NotApplicable,
}

/// <summary>One item's result in an inspection, with the item's text as it was checked, the inspector's note and whether a photo was added to it.</summary>
public sealed record InspectedItem(string ItemId, ItemResult Result, string? Note = null, bool Photo = false, LocalizedText? Text = null);

/// <summary>
/// One inspection of a venue by a station: every item of the venue's checklist as it stood then, pass / fail / not
/// applicable, and which rectifications it opened and closed (so a retried request records the same figures).
/// </summary>
public sealed record Inspection(
    string AreaId,
    string Id,
    string VenueId,
    string StationId,
    DateTimeOffset At,
    string? Note,
    IReadOnlyList<InspectedItem> Items,
    IReadOnlyList<string> Opened,
    IReadOnlyList<string> Closed);

public enum RectificationStatus
{
    /// <summary>Waiting to be put right, before its deadline.</summary>
    Open,

    /// <summary>Past its deadline and not put right: the police post of the venue's cell has it too.</summary>
    Escalated,

    /// <summary>A later inspection found the item passed.</summary>
    Closed,
}

/// <summary>
/// A failed item to be put right by <see cref="Due"/>: opened by one inspection (<see cref="OpenedBy"/>), closed by a
/// later one that passes the item (<see cref="ClosedBy"/>), escalated to the cell's police posts when overdue.
/// </summary>
public sealed record Rectification(
    string AreaId,
    string Id,
    string VenueId,
    string ItemId,
    LocalizedText Item,
    Severity Severity,
    string OpenedBy,
    string StationId,
    DateTimeOffset OpenedAt,
    DateTimeOffset Due,
    RectificationStatus Status = RectificationStatus.Open,
    IReadOnlyList<string>? EscalatedTo = null,
    DateTimeOffset? EscalatedAt = null,
    string? ClosedBy = null,
    DateTimeOffset? ClosedAt = null)
{
    public bool IsOpen => Status != RectificationStatus.Closed;
}
