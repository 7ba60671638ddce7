using GridAid.Core.Directory;

namespace GridAid.Functions.Points;

public sealed record NamedRef(string Id, LocalizedText Name);

public sealed record PointSummary(string Code, LocalizedText Name, string StationId);

public sealed record PointDetail(string Code, LocalizedText Name, string GridCell, NamedRef Area, NamedRef Station);

public static class PointViews
{
    public static PointSummary Summary(QrPoint p, AreaDirectory d) => new(p.Code, p.Name, d.OwningStation(p).Id);

    public static PointDetail Detail(QrPoint p, AreaDirectory d)
    {
        var station = d.OwningStation(p);
        return new PointDetail(p.Code, p.Name, p.GridCellId, new NamedRef(d.Area.Id, d.Area.Name), new NamedRef(station.Id, station.Name));
    }
}
