using GridAid.Core.Directory;

namespace GridAid.Core.Demo;

/// <summary>An area's directory plus the access codes of its stations and admin, as written by the seeder.</summary>
public sealed record AreaSeed(
    Area Area,
    IReadOnlyList<Station> Stations,
    IReadOnlyList<GridCell> Cells,
    IReadOnlyList<QrPoint> Points,
    IReadOnlyDictionary<string, string> AccessCodes)
{
    public AreaDirectory ToDirectory() => new(Area, Stations, Cells, Points);
}
