using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Matching;

namespace GridAid.Core.Tests.Matching;

public class ItemMatcherTests
{
    private static readonly DateTimeOffset Morning = new(2026, 10, 1, 1, 0, 0, TimeSpan.Zero);

    private static readonly AreaDirectory Taishan = new(TaishanDemo.Seed.Area, TaishanDemo.Seed.Stations, TaishanDemo.Seed.Cells, TaishanDemo.Seed.Points);

    private static ItemRecord Lost(string code, string category, string? colour, string? brand, string text, string point, double hours = 0) =>
        new(code, ItemSide.Lost, category, colour, brand, text, point, Morning.AddHours(hours));

    private static ItemRecord Found(string code, string category, string? colour, string text, string point, double hours) =>
        new(code, ItemSide.Found, category, colour, null, text, point, Morning.AddHours(hours));

    [Fact]
    public void A_found_bag_described_in_english_finds_the_chinese_report_of_its_owner_first_with_its_reasons()
    {
        var lost = new[]
        {
            Lost("L1", "bag", "黑色", "迪卡侬", "黑色双肩包，拉链上挂着一只小熊挂件，里面有水杯和充电宝", "ts-nantianmen"),
            Lost("L2", "bag", "黑色", "Nike", "黑色背包，有耐克标志", "ts-tianjie-arch", 0.5),
            Lost("L3", "wallet", "棕色", null, "棕色皮夹", "ts-nantianmen"),
            Lost("L4", "bag", "blue", null, "blue backpack with stickers", "ts-zhongtianmen"),
        };
        var found = Found("F1", "bag", "black", "Black backpack with a small bear keychain on the zip", "ts-tianjie-arch", 1.5);

        var ranked = ItemMatcher.Rank(found, lost, Taishan);

        Assert.Equal("L1", ranked[0].TrackingCode);
        Assert.Contains("category", ranked[0].Reasons);
        Assert.Contains("colour", ranked[0].Reasons);
        Assert.Contains("words", ranked[0].Reasons);
        Assert.Contains("neighbour_cell", ranked[0].Reasons);
        Assert.DoesNotContain(ranked, m => m.TrackingCode == "L3" && m.Score > ranked[0].Score);
    }

    [Fact]
    public void Only_the_other_side_is_ranked_and_a_report_never_matches_itself()
    {
        var me = Lost("L1", "phone", "white", "Apple", "white iphone", "ts-nantianmen");
        var ranked = ItemMatcher.Rank(me, [me, Lost("L2", "phone", "white", "Apple", "white iphone", "ts-nantianmen"), Found("F1", "phone", "白色", "白色苹果手机", "ts-nantianmen", 1)], Taishan);

        Assert.Equal(["F1"], ranked.Select(m => m.TrackingCode));
    }

    [Fact]
    public void A_different_colour_and_brand_count_against_a_candidate()
    {
        var found = Found("F1", "phone", "white", "white iPhone with a cracked corner", "ts-nantianmen", 1);
        var right = Lost("L1", "phone", "白色", "苹果", "白色苹果手机，左上角碎了", "ts-nantianmen");
        var wrong = Lost("L2", "phone", "黑色", "华为", "黑色华为手机，左上角碎了", "ts-nantianmen");

        var ranked = ItemMatcher.Rank(found, [wrong, right], Taishan);

        Assert.Equal("L1", ranked[0].TrackingCode);
        var other = ranked.SingleOrDefault(m => m.TrackingCode == "L2");
        Assert.True(other is null || (other.Reasons.Contains("colour_differs") && other.Reasons.Contains("brand_differs")));
    }

    [Fact]
    public void An_item_handed_in_before_its_owner_reports_it_still_matches_but_not_one_from_last_week()
    {
        var lost = Lost("L1", "keys", null, null, "一串钥匙，有个红色的熊猫钥匙扣", "ts-bixia-temple", hours: 3);
        var before = Found("F1", "keys", "red", "keys with a red panda keyring", "ts-bixia-temple", hours: 1);
        var lastWeek = Found("F2", "keys", "red", "keys with a red panda keyring", "ts-bixia-temple", hours: -24 * 7);

        var ranked = ItemMatcher.Rank(lost, [lastWeek, before], Taishan);

        Assert.Equal("F1", ranked[0].TrackingCode);
        Assert.Contains("time", ranked[0].Reasons);
        Assert.True(ranked.SingleOrDefault(m => m.TrackingCode == "F2") is not { } stale || stale.Score < ranked[0].Score);
    }

    [Fact]
    public void At_most_five_are_shown_and_none_below_the_threshold()
    {
        var found = Found("F1", "other", null, "transparent umbrella", "ts-nantianmen", 1);
        var lost = Enumerable.Range(0, 8).Select(i => Lost($"L{i}", "other", null, null, "透明雨伞 umbrella", "ts-nantianmen")).ToList();
        lost.Add(Lost("L9", "id_card", null, null, "身份证", "ts-taohuayu-centre", 40));

        var ranked = ItemMatcher.Rank(found, lost, Taishan);

        Assert.Equal(ItemMatcher.Shown, ranked.Count);
        Assert.All(ranked, m => Assert.True(m.Score >= ItemMatcher.Threshold));
        Assert.DoesNotContain(ranked, m => m.TrackingCode == "L9");
    }
}
