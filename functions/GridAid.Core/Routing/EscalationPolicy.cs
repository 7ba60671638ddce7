using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Routing;

/// <summary>
/// When an urgent report nobody has acknowledged is widened, and to whom: after the delay for its kind, every
/// station of the area that does not have it yet hears it, police posts first.
/// </summary>
public sealed class EscalationPolicy
{
    public TimeSpan LostPersonAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan HazardAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before checking for an acknowledgement, or null when the kind never escalates.</summary>
    public TimeSpan? DelayFor(ReportKind kind) => kind switch
    {
        ReportKind.LostPerson => LostPersonAfter,
        ReportKind.Hazard => HazardAfter,
        _ => null,
    };

    public static IReadOnlyList<Station> Targets(Report report, AreaDirectory directory) =>
        directory.Stations
            .Where(s => s.Type != StationType.LostAndFound && !report.StationIds.Contains(s.Id, StringComparer.Ordinal))
            .OrderBy(s => s.Type)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
}
