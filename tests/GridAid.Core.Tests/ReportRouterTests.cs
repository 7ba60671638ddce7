using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.Core.Tests;

public class ReportRouterTests
{
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();

    [Fact]
    public void A_help_request_goes_to_the_station_owning_the_point()
    {
        var decision = ReportRouter.Route(ReportKind.Help, "ts-wudafu-pine", Taishan);

        Assert.Equal(["ts-zhongtianmen-police"], decision.StationIds);
        Assert.Equal("shibapan", decision.Cell!.Id);
    }

    [Fact]
    public void Lost_items_also_go_to_the_lost_and_found_desk()
    {
        var decision = ReportRouter.Route(ReportKind.LostItem, "ts-nantianmen", Taishan);

        Assert.Equal(["ts-daiding-police", "ts-lost-found"], decision.StationIds);
    }

    [Fact]
    public void A_lost_person_reaches_every_nearby_station_and_every_police_post_owner_first()
    {
        var ids = ReportRouter.Route(ReportKind.LostPerson, "ts-yuanbao-hotel", Taishan).StationIds;

        Assert.Equal("ts-tianjie-grid", ids[0]);
        Assert.Contains("ts-yuanbao-hotel", ids);
        Assert.Contains("ts-daiding-police", ids);
        Assert.All(Taishan.Stations.Where(s => s.Type == StationType.PolicePost), s => Assert.Contains(s.Id, ids));
        Assert.DoesNotContain("ts-lost-found", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void A_hazard_reaches_the_cell_and_nearby_police()
    {
        var ids = ReportRouter.Route(ReportKind.Hazard, "ts-shibapan", Taishan).StationIds;

        Assert.Equal(["ts-zhongtianmen-police", "ts-daiding-police"], ids);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-point")]
    public void An_unknown_point_goes_to_the_default_station_never_nowhere(string? point)
    {
        var decision = ReportRouter.Route(ReportKind.Tip, point, Taishan);

        Assert.Equal([Taishan.Area.DefaultStationId], decision.StationIds);
        Assert.Null(decision.Point);
    }

    [Fact]
    public void A_lost_person_at_an_unknown_point_still_reaches_every_police_post()
    {
        var ids = ReportRouter.Route(ReportKind.LostPerson, null, Taishan).StationIds;

        Assert.Equal(Taishan.Stations.Count(s => s.Type == StationType.PolicePost), ids.Count);
    }

    [Fact]
    public void A_found_child_at_the_hotel_goes_to_the_cells_police_post_and_not_the_hotels_grid_member()
    {
        var ids = ReportRouter.Route(ReportKind.FoundPerson, "ts-yuanbao-hotel", Taishan).StationIds;

        Assert.Equal(["ts-daiding-police"], ids);
    }

    [Fact]
    public void A_found_person_in_a_cell_without_a_police_post_goes_to_the_neighbours_and_nowhere_else_to_every_post()
    {
        var area = new Area("x", new("X", "X"), "x-desk");
        Station S(string id, StationType type) => new("x", id, new(id, id), type);
        var directory = new AreaDirectory(area,
            [S("x-desk", StationType.GridOffice), S("x-police-b", StationType.PolicePost), S("x-police-c", StationType.PolicePost), S("x-shop", StationType.GridMember)],
            [new GridCell("x", "a", new("a", "a"), ["x-shop"], ["b"]), new GridCell("x", "b", new("b", "b"), ["x-police-b"], ["a"]),
             new GridCell("x", "c", new("c", "c"), ["x-police-c"], []), new GridCell("x", "d", new("d", "d"), ["x-shop"], [])],
            [new QrPoint("x", "x-pa", new("pa", "pa"), "a"), new QrPoint("x", "x-pd", new("pd", "pd"), "d")]);

        Assert.Equal(["x-police-b"], ReportRouter.Route(ReportKind.FoundPerson, "x-pa", directory).StationIds);
        Assert.Equal(["x-police-b", "x-police-c"], ReportRouter.Route(ReportKind.FoundPerson, "x-pd", directory).StationIds);
        Assert.Equal(["x-police-b", "x-police-c"], ReportRouter.Route(ReportKind.FoundPerson, null, directory).StationIds);
    }

    [Theory]
    [MemberData(nameof(AllKindsAndPoints))]
    public void Every_kind_at_every_point_reaches_at_least_one_station_of_the_area(ReportKind kind, string point)
    {
        var decision = ReportRouter.Route(kind, point, Taishan);

        Assert.NotEmpty(decision.Stations);
        Assert.All(decision.Stations, s => Assert.Equal(TaishanDemo.AreaId, s.AreaId));
    }

    public static TheoryData<ReportKind, string> AllKindsAndPoints()
    {
        var data = new TheoryData<ReportKind, string>();
        foreach (var kind in ReportKinds.All)
        {
            foreach (var p in TaishanDemo.Seed.Points.Take(5))
            {
                data.Add(kind, p.Code);
            }
        }

        return data;
    }
}
