namespace GridAid.Core.Directory;

/// <summary>A cell of the scenic area's grid: the stations responsible for it and the cells around it.</summary>
public sealed record GridCell(
    string AreaId,
    string Id,
    LocalizedText Name,
    IReadOnlyList<string> StationIds,
    IReadOnlyList<string> NeighbourCellIds);
