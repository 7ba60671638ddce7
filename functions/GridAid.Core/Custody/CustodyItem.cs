namespace GridAid.Core.Custody;

/// <summary>How a found item left custody.</summary>
public enum CustodyEnd
{
    /// <summary>Handed to its owner (the match hand-over, <c>Matching/ConfirmedMatch</c>).</summary>
    Owner,

    /// <summary>Handed to the police (the public security organ of PRC Civil Code art. 314/318).</summary>
    Police,

    /// <summary>Disposed of (perishable, worthless, or passed to the state after the deadline), with a note saying how.</summary>
    Disposed,
}

/// <summary>Who released the item, when, to whom and how (<see cref="Note"/>: a receipt number, "auctioned", …).</summary>
public sealed record CustodyRelease(CustodyEnd To, string? Note, string By, DateTimeOffset At);

/// <summary>
/// A found item a station holds: where it is kept, when its notice was published (the one-year clock of PRC Civil Code
/// art. 318 runs from then), which reminders the station has had, and how it left custody. The summary fields describe
/// the object (category, colour, a short description) so a desk finds it on the shelf without opening the report.
/// </summary>
public sealed record CustodyItem
{
    public required string AreaId { get; init; }

    public required string TrackingCode { get; init; }

    /// <summary>The report's row key (<c>ReportKeys.For</c>).</summary>
    public required string ReportKey { get; init; }

    /// <summary>The station holding it.</summary>
    public required string StationId { get; init; }

    /// <summary>Where it is kept, in the station's words ("储物柜 3 / locker 3").</summary>
    public required string Storage { get; init; }

    /// <summary>When the notice of the find was published (the day the clock starts).</summary>
    public required DateTimeOffset NoticeAt { get; init; }

    public required DateTimeOffset TakenAt { get; init; }

    public string? Category { get; init; }

    public string? Colour { get; init; }

    public string Summary { get; init; } = string.Empty;

    /// <summary>The reminders already given, as days before the deadline (<see cref="CustodyPolicy.ReminderDaysBefore"/>).</summary>
    public IReadOnlyList<int> RemindersSent { get; init; } = [];

    public CustodyRelease? Release { get; init; }

    /// <summary>One year after the notice (<see cref="CustodyPolicy.DeadlineOf"/>), fixed when the notice date is.</summary>
    public required DateTimeOffset Deadline { get; init; }

    public bool IsHeld => Release is null;
}
