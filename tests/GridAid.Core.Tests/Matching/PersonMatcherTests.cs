using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Matching;

namespace GridAid.Core.Tests.Matching;

public class PersonMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly AreaDirectory Taishan = new(TaishanDemo.Seed.Area, TaishanDemo.Seed.Stations, TaishanDemo.Seed.Cells, TaishanDemo.Seed.Points);

    private static PersonRecord Lost(string code, int age, string? sex, string clothing, string point = "ts-nantianmen", int minutes = 0) =>
        new(code, PersonSide.Lost, age, null, sex, clothing, null, point, T0.AddMinutes(minutes));

    private static PersonRecord Found(string code, string band, string? sex, string clothing, string point = "ts-yuanbao-hotel", int minutes = 20) =>
        new(code, PersonSide.Found, null, band, sex, clothing, null, point, T0.AddMinutes(minutes));

    [Theory]
    [InlineData("0_2", 0, 2)]
    [InlineData("3_6", 3, 6)]
    [InlineData("13_17", 13, 17)]
    [InlineData("60_plus", 60, 120)]
    public void An_age_band_covers_its_ages(string band, int min, int max) =>
        Assert.Equal((min, max), PersonMatcher.BandRange(band));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("six")]
    [InlineData("6_3")]
    public void An_unknown_band_covers_nothing(string? band) => Assert.Null(PersonMatcher.BandRange(band));

    [Fact]
    public void A_parent_writing_Chinese_finds_the_child_a_finder_described_in_English()
    {
        var parent = Lost("LOST", 6, "male", "红色外套 蓝裤子");
        var child = Found("KID", "3_6", "male", "red coat, blue trousers");
        var other = Found("OTHER", "3_6", "male", "blue coat, red trousers");

        var ranked = PersonMatcher.Rank(parent, [child, other], Taishan);

        Assert.Equal("KID", ranked[0].TrackingCode);
        Assert.Contains("clothing", ranked[0].Reasons);
        Assert.Contains("age", ranked[0].Reasons);
        Assert.Contains("neighbour_cell", ranked[0].Reasons); // South Heaven Gate and Heavenly Street (the hotel) are neighbours
        Assert.True(ranked.Count == 1 || ranked[1].Score < ranked[0].Score);
    }

    [Fact]
    public void The_reverse_lists_the_parents_report_for_a_found_child()
    {
        var child = Found("KID", "3_6", null, "red coat, blue trousers", point: "ts-bixia-temple");
        var parents = Lost("LOST", 5, "male", "红色外套，蓝色裤子", point: "ts-tianjie-arch");
        var elder = Lost("ELDER", 70, "male", "红色外套，蓝色裤子", point: "ts-tianjie-arch");

        var ranked = PersonMatcher.Rank(child, [parents, elder], Taishan);

        Assert.Equal("LOST", ranked[0].TrackingCode);
        Assert.DoesNotContain(ranked, m => m.TrackingCode == "ELDER" && m.Score >= ranked[0].Score);
        Assert.Contains(ranked, m => m.TrackingCode == "ELDER" && m.Reasons.Contains("age_differs"));
    }

    [Fact]
    public void Another_sex_or_another_age_pulls_a_candidate_down()
    {
        var parent = Lost("LOST", 6, "female", "pink dress");
        var girl = Found("GIRL", "3_6", "female", "粉色连衣裙");
        var boy = Found("BOY", "3_6", "male", "粉色连衣裙");
        var teen = Found("TEEN", "13_17", "female", "粉色连衣裙");

        var ranked = PersonMatcher.Rank(parent, [girl, boy, teen], Taishan, top: 3);

        Assert.Equal("GIRL", ranked[0].TrackingCode);
        Assert.All(ranked.Skip(1), m => Assert.True(m.Score < ranked[0].Score - 2));
    }

    [Fact]
    public void The_sex_is_read_from_the_words_when_the_field_is_empty()
    {
        var parent = Lost("LOST", 6, null, "我儿子穿黄色雨衣");
        var boy = Found("BOY", "3_6", "male", "yellow raincoat");
        var girl = Found("GIRL", "3_6", "female", "yellow raincoat");

        var ranked = PersonMatcher.Rank(parent, [boy, girl], Taishan, top: 2);

        Assert.Equal("BOY", ranked[0].TrackingCode);
        Assert.Contains("sex", ranked[0].Reasons);
    }

    [Fact]
    public void The_same_garment_in_another_colour_counts_against()
    {
        var parent = Lost("LOST", 6, "male", "red jacket");
        var same = Found("SAME", "3_6", "male", "红色外套");
        var clash = Found("CLASH", "3_6", "male", "绿色外套");

        var ranked = PersonMatcher.Rank(parent, [same, clash], Taishan, top: 2);

        Assert.Equal("SAME", ranked[0].TrackingCode);
        var c = Assert.Single(ranked, m => m.TrackingCode == "CLASH");
        Assert.Contains("clothing_differs", c.Reasons);
    }

    [Fact]
    public void Only_the_other_side_is_ranked_and_far_apart_days_count_against()
    {
        var parent = Lost("LOST", 6, "male", "red coat");
        var otherParent = Lost("LOST2", 6, "male", "red coat");
        var today = Found("TODAY", "3_6", "male", "red coat");
        var lastWeek = Found("OLD", "3_6", "male", "red coat", minutes: -7 * 24 * 60);

        var ranked = PersonMatcher.Rank(parent, [otherParent, today, lastWeek], Taishan, top: 3);

        Assert.DoesNotContain(ranked, m => m.TrackingCode == "LOST2");
        Assert.Equal("TODAY", ranked[0].TrackingCode);
    }

    [Fact]
    public void Red_coat_blue_trousers_pair_colours_with_garments_in_both_languages()
    {
        var zh = MatchText.Occurrences(MatchText.Normalise("红色外套 蓝裤子")).Found.SelectMany(o => o.Concepts).ToList();
        var en = MatchText.Occurrences(MatchText.Normalise("red coat, blue trousers")).Found.SelectMany(o => o.Concepts).ToList();

        Assert.Equal(["colour:red", "item:jacket", "colour:blue", "item:trousers"], zh);
        Assert.Equal(zh, en);
    }
}
