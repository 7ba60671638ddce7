namespace GridAid.Core.Directory;

public enum StationType
{
    PolicePost,
    GridOffice,
    LostAndFound,
    GridMember,
}

/// <summary>A police post, grid office, desk or volunteer grid member that receives alerts.</summary>
public sealed record Station(
    string AreaId,
    string Id,
    LocalizedText Name,
    StationType Type,
    string? Phone = null);
