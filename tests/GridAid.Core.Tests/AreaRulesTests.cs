using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

/// <summary>Renaming an area or changing its duty station, creating an area, and the demo directory under another area.</summary>
public class AreaRulesTests
{
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();

    private static string[] Codes(ValidationErrors errors, string field) =>
        errors.All.Where(e => e.Field == field).Select(e => e.Code).ToArray();

    [Fact]
    public void An_area_is_renamed_and_given_another_duty_station_of_its_own()
    {
        var (area, errors) = DirectoryRules.Area(Taishan, new AreaInput(new(" 泰山 ", " Mount Tai "), " ts-hongmen-police "));

        Assert.True(errors.IsValid);
        Assert.Equal(new Area("taishan", new("泰山", "Mount Tai"), "ts-hongmen-police"), area);
    }

    [Fact]
    public void An_area_needs_both_names_and_a_duty_station_that_exists()
    {
        var (area, errors) = DirectoryRules.Area(Taishan, new AreaInput(new("泰山", " "), "ls-taiqing-police"));

        Assert.Null(area);
        Assert.Equal(["required"], Codes(errors, "name.en"));
        Assert.Equal(["station_unknown"], Codes(errors, "defaultStationId"));
        Assert.All(errors.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Zh) || string.IsNullOrWhiteSpace(e.En)));

        var (none, empty) = DirectoryRules.Area(Taishan, null);
        Assert.Null(none);
        Assert.Equal(["name.zh", "name.en", "defaultStationId"], empty.All.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void A_new_area_is_its_name_and_a_police_post_on_duty()
    {
        var (area, errors) = DirectoryRules.NewArea(new NewAreaInput("huangshan", new("黄山风景区", "Mount Huang"), "hs-police", new("黄山派出所", "Huangshan Police Post"), "0559-000"));

        Assert.True(errors.IsValid);
        Assert.Equal(new Area("huangshan", new("黄山风景区", "Mount Huang"), "hs-police"), area!.Area);
        Assert.Equal(new Station("huangshan", "hs-police", new("黄山派出所", "Huangshan Police Post"), StationType.PolicePost, "0559-000"), Assert.Single(area.Stations));
        Assert.Equal("hs-police", area.DefaultStation.Id);
        Assert.Empty(area.Cells);
        Assert.Empty(area.Points);

        // No cell, no point: a report still reaches the duty station.
        Assert.Equal(["hs-police"], Routing.ReportRouter.Route(ReportKind.LostPerson, null, area).StationIds);
    }

    [Fact]
    public void A_new_area_needs_a_safe_id_both_names_and_a_valid_duty_station()
    {
        var (area, errors) = DirectoryRules.NewArea(new NewAreaInput("Huang Shan", new("黄山", null), "admin", new(null, "Post")));

        Assert.Null(area);
        Assert.Equal(["id_invalid"], Codes(errors, "id"));
        Assert.Equal(["required"], Codes(errors, "name.en"));
        Assert.Equal(["id_reserved"], Codes(errors, "dutyStation.id"));
        Assert.Equal(["required"], Codes(errors, "dutyStation.name.zh"));
    }

    [Fact]
    public void The_demo_directory_under_another_area_has_its_own_point_codes_and_no_access_codes()
    {
        var seed = TaishanDemo.DirectoryFor(new Area("demo-two", new("演示", "Demo"), "ignored"));
        seed.Validate();

        Assert.Equal(TaishanDemo.DutyStationId, seed.Area.DefaultStationId);
        Assert.Equal(new LocalizedText("演示", "Demo"), seed.Area.Name);
        Assert.Empty(seed.AccessCodes);
        Assert.All(seed.Stations, s => Assert.Equal("demo-two", s.AreaId));
        Assert.All(seed.Cells, c => Assert.Equal("demo-two", c.AreaId));
        Assert.All(seed.Points, p => Assert.StartsWith("demo-two-", p.Code, StringComparison.Ordinal));
        Assert.Contains(seed.Points, p => p.Code == "demo-two-nantianmen");
        Assert.Empty(seed.Points.Select(p => p.Code).Intersect(TaishanDemo.Seed.Points.Select(p => p.Code)));
        Assert.Equal(TaishanDemo.Seed.Points.Count, seed.Points.Count);
        Assert.Equal(TaishanDemo.Seed.Cells.Select(c => c.Id), seed.Cells.Select(c => c.Id));

        // Taishan itself keeps the codes its posters carry.
        Assert.Contains(TaishanDemo.Seed.Points, p => p.Code == "ts-nantianmen");
        Assert.Equal("demo-admin", TaishanDemo.Seed.AccessCodes["admin"]);
    }

    [Fact]
    public void An_area_id_too_long_for_its_point_codes_is_refused()
    {
        var seed = TaishanDemo.DirectoryFor(new Area(new string('a', 50), new("演示", "Demo"), "x"));

        Assert.Throws<ArgumentException>(seed.Validate);
    }
}
