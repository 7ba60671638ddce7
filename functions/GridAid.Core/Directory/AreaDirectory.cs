using GridAid.Core.Inspections;

namespace GridAid.Core.Directory;

/// <summary>Everything known about one area's stations, cells, points, small venues and their checklists, indexed for routing.</summary>
public sealed class AreaDirectory
{
    private readonly Dictionary<string, Station> _stations;
    private readonly Dictionary<string, GridCell> _cells;
    private readonly Dictionary<string, QrPoint> _points;
    private readonly Dictionary<string, Venue> _venues;
    private readonly Dictionary<VenueType, Checklist> _checklists;

    public AreaDirectory(
        Area area,
        IEnumerable<Station> stations,
        IEnumerable<GridCell> cells,
        IEnumerable<QrPoint> points,
        IEnumerable<Venue>? venues = null,
        IEnumerable<Checklist>? checklists = null)
    {
        _venues = (venues ?? []).ToDictionary(v => v.Id, StringComparer.Ordinal);
        _checklists = (checklists ?? []).ToDictionary(c => c.Type);
        Area = area;
        _stations = stations.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _cells = cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _points = points.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
    }

    public Area Area { get; }

    public IEnumerable<Station> Stations => _stations.Values;

    public IEnumerable<GridCell> Cells => _cells.Values;

    public IEnumerable<QrPoint> Points => _points.Values;

    public IEnumerable<Venue> Venues => _venues.Values;

    public Venue? FindVenue(string id) => _venues.GetValueOrDefault(id);

    /// <summary>The checklists the admin changed (the others are <see cref="DefaultChecklists"/>).</summary>
    public IEnumerable<Checklist> EditedChecklists => _checklists.Values;

    /// <summary>What is checked at a venue of <paramref name="type"/>: the admin's list, else the default one.</summary>
    public Checklist ChecklistFor(VenueType type) => _checklists.GetValueOrDefault(type) ?? DefaultChecklists.For(type);

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
