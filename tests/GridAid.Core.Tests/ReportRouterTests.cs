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
