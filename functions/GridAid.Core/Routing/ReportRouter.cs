using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Routing;

/// <summary>Where a report goes: the stations that must hear it, the owning station first.</summary>
public sealed record RoutingDecision(IReadOnlyList<Station> Stations, QrPoint? Point, GridCell? Cell)
{
    public IReadOnlyList<string> StationIds => Stations.Select(s => s.Id).ToList();
}

/// <summary>
/// Decides which stations receive a report, from the point's grid cell and the report's kind.
/// <list type="bullet">
/// <item>Every kind goes to the station that owns the point's cell.</item>
/// <item>Lost and found items also go to the area's lost-and-found desks.</item>
/// <item>Hazards go to every station of the cell and the police posts of the cell and its neighbours.</item>
/// <item>A lost person goes to every station of the cell and its neighbours, and to every police post in the area, at once.</item>
/// <item>A found person goes only to the police posts of the point's cell at once (the grid member who reported the child is
/// already with them); with none in the cell, to those of its neighbours, then every police post of the area.</item>
/// <item>An unknown or missing point goes to the area's default station (and, for a lost person, every police post): a report is never dropped.</item>
/// <item>A report a station entered for a caller or a walk-in also goes to that station, first (it holds a found item handed in at its desk).</item>
/// </list>
/// </summary>
public static class ReportRouter
{
    public static RoutingDecision Route(ReportKind kind, string? pointCode, AreaDirectory directory, string? enteredBy = null)
    {
        var decision = RouteByPlace(kind, pointCode, directory);
        return enteredBy is not null && directory.Stations.FirstOrDefault(s => s.Id == enteredBy) is { } desk
            ? decision with { Stations = [desk, .. decision.Stations.Where(s => s.Id != desk.Id)] }
            : decision;
    }

    private static RoutingDecision RouteByPlace(ReportKind kind, string? pointCode, AreaDirectory directory)
    {
        var point = pointCode is null ? null : directory.FindPoint(pointCode);
        var cell = point is null ? null : directory.FindCell(point.GridCellId);
        if (kind == ReportKind.FoundPerson)
        {
            return new RoutingDecision(PolicePostsNearest(cell, directory), point, cell);
        }

        var stations = new List<Station>();

        void Add(IEnumerable<Station?> candidates)
        {
            foreach (var s in candidates)
            {
                if (s is not null && !stations.Any(x => x.Id == s.Id))
                {
                    stations.Add(s);
                }
            }
        }

        if (cell is null)
        {
            Add([directory.DefaultStation]);
        }
        else
        {
            Add([directory.OwningStation(point!)]);
        }

        var nearbyCells = cell is null
            ? []
            : new[] { cell }.Concat(cell.NeighbourCellIds.Select(directory.FindCell).OfType<GridCell>()).ToList();

        switch (kind)
        {
            case ReportKind.LostItem or ReportKind.FoundItem:
                Add(directory.Stations.Where(s => s.Type == StationType.LostAndFound).OrderBy(s => s.Id, StringComparer.Ordinal));
                break;
            case ReportKind.Hazard:
                Add(StationsOf(cell is null ? [] : [cell], directory));
                Add(StationsOf(nearbyCells, directory).Where(s => s.Type == StationType.PolicePost));
                break;
            case ReportKind.LostPerson:
                Add(StationsOf(nearbyCells, directory));
                Add(directory.Stations.Where(s => s.Type == StationType.PolicePost).OrderBy(s => s.Id, StringComparer.Ordinal));
                break;
        }

        return new RoutingDecision(stations, point, cell);
    }

    /// <summary>The police posts of the cell; else of its neighbours; else all of the area's; else the default station (also where an overdue rectification and a dispute warning go).</summary>
    public static List<Station> PolicePostsNearest(GridCell? cell, AreaDirectory directory)
    {
        static List<Station> Police(IEnumerable<Station> s) =>
            s.Where(x => x.Type == StationType.PolicePost).DistinctBy(x => x.Id).ToList();

        var own = cell is null ? [] : Police(StationsOf([cell], directory));
        if (own.Count > 0)
        {
            return own;
        }

        var near = cell is null ? [] : Police(StationsOf(cell.NeighbourCellIds.Select(directory.FindCell).OfType<GridCell>(), directory));
        if (near.Count > 0)
        {
            return near;
        }

        var all = Police(directory.Stations.OrderBy(s => s.Id, StringComparer.Ordinal));
        return all.Count > 0 ? all : [directory.DefaultStation];
    }

    private static IEnumerable<Station> StationsOf(IEnumerable<GridCell> cells, AreaDirectory directory) =>
        cells.SelectMany(c => c.StationIds).Select(directory.FindStation).OfType<Station>();
}
