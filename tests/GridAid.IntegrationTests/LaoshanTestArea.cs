using GridAid.Core.Demo;
using GridAid.Core.Directory;

namespace GridAid.IntegrationTests;

/// <summary>A second, small tenant (Mount Lao, 崂山) that must never see Taishan's data, nor Taishan its.</summary>
public static class LaoshanTestArea
{
    public const string AreaId = "laoshan";
    public const string Station = "ls-taiqing-police";
    public const string Point = "ls-taiqing-gate";

    public static AreaSeed Seed { get; } = new(
        new Area(AreaId, new("崂山风景区", "Mount Lao Scenic Area"), Station),
        [new Station(AreaId, Station, new("太清派出所", "Taiqing Police Post"), StationType.PolicePost)],
        [new GridCell(AreaId, "taiqing", new("太清网格", "Taiqing"), [Station], [])],
        [new QrPoint(AreaId, Point, new("太清宫", "Taiqing Palace"), "taiqing")],
        new Dictionary<string, string> { [Station] = "ls-code", ["admin"] = "ls-admin-code" });
}
