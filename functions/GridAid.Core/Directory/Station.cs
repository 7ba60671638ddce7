namespace GridAid.Core.Directory;

public enum StationType
{
    PolicePost,
    GridOffice,
    LostAndFound,
    GridMember,
}

/// <summary>
/// A police post, grid office, desk or volunteer grid member that receives alerts. <see cref="Command"/> marks the
/// area's command station (at most one): it hears a lost person that no police post acknowledged in time, or that
/// nobody resolved in time (the second escalation tier, <see cref="Routing.EscalationPolicy"/>).
/// </summary>
public sealed record Station(
    string AreaId,
    string Id,
    LocalizedText Name,
    StationType Type,
    string? Phone = null,
    bool Command = false);
