using GridAid.Core.Reports;

namespace GridAid.Functions.Directory;

/// <summary>How a directory change ended; <see cref="DirectoryResults"/> turns each into its HTTP answer.</summary>
public enum DirectoryOutcome
{
    Read,
    Created,
    Updated,
    Deleted,

    /// <summary>A new access code was issued: the value carries it, shown once.</summary>
    CodeIssued,
    Invalid,
    AreaNotFound,
    StationNotFound,
    CellNotFound,
    PointNotFound,
    VenueNotFound,

    /// <summary>The station is the area's duty station.</summary>
    StationOnDuty,

    /// <summary>Grid cells still list the station.</summary>
    StationInCells,

    /// <summary>Venues still name the station as the one that inspects them.</summary>
    StationHasVenues,
    StationHasOpenAlerts,
    CellHasPoints,

    /// <summary>The point code is taken by another area.</summary>
    PointOfAnotherArea,
}

/// <summary>What a directory change returns: its outcome, the value to show, or the fields that were wrong.</summary>
public sealed record DirectoryResult(DirectoryOutcome Outcome, object? Value = null, ValidationErrors? Errors = null);
