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

    /// <summary>A directory with the given access codes (clear text: the store keeps only their hashes).</summary>
    public static AreaSeed From(AreaDirectory directory, IReadOnlyDictionary<string, string> accessCodes) =>
        new(directory.Area, [.. directory.Stations], [.. directory.Cells], [.. directory.Points], accessCodes);

    /// <summary>Refuses ids that are unsafe as table keys, or that would clash (a station called <c>admin</c>).</summary>
    public void Validate()
    {
        var ids = new[] { Area.Id }.Concat(Stations.Select(s => s.Id)).Concat(Cells.Select(c => c.Id)).Concat(Points.Select(p => p.Code));
        if (ids.FirstOrDefault(id => !Security.AccessCode.IsId(id)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not a valid id: use lower-case letters, digits and dashes.");
        }

        if (Stations.Any(s => s.Id == Security.AccessCode.AdminPrincipal))
        {
            throw new ArgumentException("A station cannot be called 'admin'.");
        }
    }
}
