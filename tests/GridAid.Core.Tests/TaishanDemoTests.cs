using GridAid.Core.Demo;

namespace GridAid.Core.Tests;

public class TaishanDemoTests
{
    private static readonly AreaSeed Seed = TaishanDemo.Seed;

    [Fact]
    public void Has_the_size_the_demo_needs()
    {
        Assert.True(Seed.Stations.Count >= 4);
        Assert.True(Seed.Cells.Count >= 8);
        Assert.True(Seed.Points.Count >= 20);
    }

    [Fact]
    public void Every_reference_resolves_and_every_name_is_bilingual()
    {
        var d = Seed.ToDirectory();
        Assert.NotNull(d.FindStation(Seed.Area.DefaultStationId));
        Assert.All(Seed.Points, p => Assert.NotNull(d.FindCell(p.GridCellId)));
        Assert.All(Seed.Cells, c => Assert.All(c.StationIds, s => Assert.NotNull(d.FindStation(s))));
        Assert.All(Seed.Cells, c => Assert.All(c.NeighbourCellIds, n => Assert.NotNull(d.FindCell(n))));
        Assert.All(Seed.Points, p => Assert.False(string.IsNullOrWhiteSpace(p.Name.Zh) || string.IsNullOrWhiteSpace(p.Name.En)));
        Assert.Equal(Seed.Points.Count, Seed.Points.Select(p => p.Code).Distinct().Count());
    }

    [Fact]
    public void Every_station_and_the_admin_have_an_access_code()
    {
        Assert.All(Seed.Stations, s => Assert.True(Seed.AccessCodes.ContainsKey(s.Id)));
        Assert.True(Seed.AccessCodes.ContainsKey("admin"));
    }
}

public class AreaSeedValidationTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("a_b")]
    [InlineData("Upper")]
    [InlineData("with/slash")]
    public void Unsafe_or_clashing_station_ids_are_refused(string stationId)
    {
        var seed = TaishanDemo.Seed with
        {
            Stations = [.. TaishanDemo.Seed.Stations, new Directory.Station(TaishanDemo.AreaId, stationId, new("站", "Station"), Directory.StationType.GridMember)],
        };

        Assert.Throws<ArgumentException>(seed.Validate);
    }

    [Fact]
    public void The_demo_seed_is_valid() => TaishanDemo.Seed.Validate();
}
