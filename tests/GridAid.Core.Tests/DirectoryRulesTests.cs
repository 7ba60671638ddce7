using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class DirectoryRulesTests
{
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();
    private static readonly NameInput Name = new("新站点", "New station");

    private static string[] Codes(ValidationErrors errors, string field) =>
        errors.All.Where(e => e.Field == field).Select(e => e.Code).ToArray();

    [Fact]
    public void A_valid_station_is_built_for_the_area_with_its_type_and_trimmed_phone()
    {
        var (station, errors) = DirectoryRules.Station(Taishan, "ts-new-desk", new StationInput(new(" 新站点 ", "New station"), "lost_and_found", " 0538-123 "));

        Assert.True(errors.IsValid);
        Assert.Equal(new Station("taishan", "ts-new-desk", new("新站点", "New station"), StationType.LostAndFound, "0538-123"), station);
        Assert.Equal(["police_post", "grid_office", "lost_and_found", "grid_member"], DirectoryRules.StationTypes);
    }

    [Theory]
    [InlineData("Bad Id", "id", "id_invalid")]
    [InlineData("-leading", "id", "id_invalid")]
    [InlineData("admin", "id", "id_reserved")]
    public void Station_ids_must_be_table_safe_and_not_admin(string id, string field, string code)
    {
        var (station, errors) = DirectoryRules.Station(Taishan, id, new StationInput(Name, "police_post", null));

        Assert.Null(station);
        Assert.Contains(code, Codes(errors, field));
    }

    [Fact]
    public void A_name_takes_every_listed_language_read_from_json_and_refuses_an_unlisted_one()
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<NameInput>("""{"zh":"南天门","en":"South Heaven Gate","ko":" 남천문 "}""", System.Text.Json.JsonSerializerOptions.Web)!;
        var (station, errors) = DirectoryRules.Station(Taishan, "ts-ko", new StationInput(input, "police_post", null));
        var unlisted = System.Text.Json.JsonSerializer.Deserialize<NameInput>("""{"zh":"南天门","en":"South Heaven Gate","fr":"Porte","ko":""}""", System.Text.Json.JsonSerializerOptions.Web)!;
        var (refused, refusal) = DirectoryRules.Station(Taishan, "ts-fr", new StationInput(unlisted, "police_post", null));

        Assert.True(errors.IsValid);
        Assert.Equal("남천문", station!.Name.For("ko"));
        Assert.Equal(["en", "ko", "zh"], station.Name.Texts.Keys.Order(StringComparer.Ordinal));
        Assert.Null(refused);
        Assert.Equal(["lang_unknown"], Codes(refusal, "name.fr"));
        Assert.Empty(Codes(refusal, "name.ko"));
    }

    [Fact]
    public void A_station_needs_both_names_a_known_type_and_a_plausible_phone()
    {
        var (station, errors) = DirectoryRules.Station(Taishan, "ts-x", new StationInput(new(" ", new string('a', 61)), "volunteer", "call me"));

        Assert.Null(station);
        Assert.Equal(["required"], Codes(errors, "name.zh"));
        Assert.Equal(["too_long"], Codes(errors, "name.en"));
        Assert.Equal(["invalid_choice"], Codes(errors, "type"));
        Assert.Equal(["phone_invalid"], Codes(errors, "phone"));
        Assert.All(errors.All, e => Assert.False(string.IsNullOrEmpty(e.Zh) || string.IsNullOrEmpty(e.En)));
    }

    [Fact]
    public void A_missing_body_is_reported_field_by_field()
    {
        var (_, errors) = DirectoryRules.Station(Taishan, "ts-x", null);

        Assert.Equal(["name.zh", "name.en", "type"], errors.All.Select(e => e.Field).Distinct());
    }

    [Fact]
    public void A_cell_references_only_stations_and_other_cells_of_the_area_deduplicated()
    {
        var (cell, errors) = DirectoryRules.Cell(Taishan, "ts-new-cell",
            new CellInput(Name, ["ts-daiding-police", "ts-daiding-police", "ts-tianjie-grid"], ["tianjie", "nantianmen"]));

        Assert.True(errors.IsValid);
        Assert.Equal(["ts-daiding-police", "ts-tianjie-grid"], cell!.StationIds);
        Assert.Equal(["tianjie", "nantianmen"], cell.NeighbourCellIds);
        Assert.Equal("taishan", cell.AreaId);
    }

    [Fact]
    public void A_cell_needs_a_station_and_known_references()
    {
        var (_, none) = DirectoryRules.Cell(Taishan, "c1", new CellInput(Name, [], null));
        var (_, unknown) = DirectoryRules.Cell(Taishan, "c1", new CellInput(Name, ["ls-taiqing-police"], ["nowhere"]));
        var (_, self) = DirectoryRules.Cell(Taishan, "tianjie", new CellInput(Name, ["ts-tianjie-grid"], ["tianjie"]));

        Assert.Equal(["stations_required"], Codes(none, "stationIds"));
        Assert.Equal(["station_unknown"], Codes(unknown, "stationIds"));
        Assert.Equal(["cell_unknown"], Codes(unknown, "neighbourCellIds"));
        Assert.Equal(["cell_unknown"], Codes(self, "neighbourCellIds"));
    }

    [Fact]
    public void A_point_must_be_in_a_cell_of_the_area()
    {
        var (point, ok) = DirectoryRules.Point(Taishan, "ts-new-point", new PointInput(Name, "tianjie"));
        var (_, unknown) = DirectoryRules.Point(Taishan, "ts-new-point", new PointInput(Name, "taiqing"));
        var (_, badCode) = DirectoryRules.Point(Taishan, "TS_POINT", new PointInput(Name, "tianjie"));

        Assert.True(ok.IsValid);
        Assert.Equal(new QrPoint("taishan", "ts-new-point", new("新站点", "New station"), "tianjie"), point);
        Assert.Equal(["cell_unknown"], Codes(unknown, "gridCellId"));
        Assert.Equal(["id_invalid"], Codes(badCode, "id"));
    }

    [Fact]
    public void A_station_in_use_or_on_duty_cannot_be_deleted()
    {
        var withSpare = new AreaDirectory(Taishan.Area,
            Taishan.Stations.Append(new Station("taishan", "ts-spare", new("备用", "Spare"), StationType.GridMember)), Taishan.Cells, Taishan.Points);

        Assert.Equal("default", DirectoryRules.StationInUse(Taishan, "ts-daiding-police"));
        Assert.Equal("cells", DirectoryRules.StationInUse(Taishan, "ts-tianjie-grid"));
        Assert.Null(DirectoryRules.StationInUse(withSpare, "ts-spare"));
    }

    [Fact]
    public void A_cell_with_points_cannot_be_deleted_and_its_neighbours_forget_it()
    {
        Assert.True(DirectoryRules.CellHasPoints(Taishan, "tianjie"));

        static List<GridCell> NeighboursWithout(string id) => Taishan.Cells.Select(c => DirectoryRules.WithoutNeighbour(c, id)).OfType<GridCell>().ToList();
        var rewritten = NeighboursWithout("taohuayu");
        Assert.False(DirectoryRules.CellHasPoints(Taishan, "no-such-cell"));
        Assert.Empty(rewritten);

        var aroundTianjie = NeighboursWithout("tianjie");
        Assert.Equal(["houshiwu", "nantianmen", "taohuayu", "yuhuangding"], aroundTianjie.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(aroundTianjie, c => Assert.DoesNotContain("tianjie", c.NeighbourCellIds));
        Assert.Equal(["shibapan"], aroundTianjie.Single(c => c.Id == "nantianmen").NeighbourCellIds);
    }
}
