namespace GridAid.Core.Directory;

/// <summary>Everything known about one area's stations, cells and points, indexed for routing.</summary>
public sealed class AreaDirectory
{
    private readonly Dictionary<string, Station> _stations;
    private readonly Dictionary<string, GridCell> _cells;
    private readonly Dictionary<string, QrPoint> _points;

    public AreaDirectory(Area area, IEnumerable<Station> stations, IEnumerable<GridCell> cells, IEnumerable<QrPoint> points)
    {
        Area = area;
        _stations = stations.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _cells = cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _points = points.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
    }

    public Area Area { get; }

    public IEnumerable<Station> Stations => _stations.Values;

    public IEnumerable<GridCell> Cells => _cells.Values;

    public IEnumerable<QrPoint> Points => _points.Values;

    public Station? FindStation(string id) => _stations.GetValueOrDefault(id);

    public GridCell? FindCell(string id) => _cells.GetValueOrDefault(id);

    public QrPoint? FindPoint(string code) => _points.GetValueOrDefault(code);

    public Station DefaultStation =>
        FindStation(Area.DefaultStationId)
        ?? throw new InvalidOperationException($"Area '{Area.Id}' has no default station '{Area.DefaultStationId}'.");

    /// <summary>The first station responsible for the point's cell: the one that "owns" the place.</summary>
    public Station OwningStation(QrPoint point) =>
        FindCell(point.GridCellId)?.StationIds.Select(FindStation).FirstOrDefault(s => s is not null) ?? DefaultStation;
}
