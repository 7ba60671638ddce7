namespace GridAid.Core.Matching;

/// <summary>Which side of a hand-over a report is on.</summary>
public enum ItemSide
{
    Lost,
    Found,
}

/// <summary>
/// What the matcher knows of one lost- or found-item report: the fields both sides share, the free text, where and
/// when. Never the owner's secret detail: it decides a claim, not a match.
/// </summary>
public sealed record ItemRecord(
    string TrackingCode,
    ItemSide Side,
    string Category,
    string? Colour,
    string? Brand,
    string? Description,
    string? PointCode,
    DateTimeOffset At);

/// <summary>One candidate for a report: its code, a score (higher is likelier) and the reasons, as stable codes a page can translate.</summary>
public sealed record ItemMatch(string TrackingCode, double Score, IReadOnlyList<string> Reasons);
