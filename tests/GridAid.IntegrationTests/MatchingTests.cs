using System.Net;
using System.Text.Json;

namespace GridAid.IntegrationTests;

/// <summary>A found bag handed in at one point is suggested as the match of the lost bag reported at another, in the other language.</summary>
[Collection(SharedGridAid.Name)]
public class MatchingTests(GridAidFixture f)
{
    private const string Desk = "ts-lost-found";

    private static object Item(string kind, string point, string description, string category, string colour, string? brand = null) => new
    {
        kind,
        point,
        description,
        contact = new { phone = "13800138000" },
        lang = kind == "lost_item" ? "zh-CN" : "en",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = brand is null
            ? (object)new { category, colour }
            : new { category, colour, brand, secret = "夹层里有一张写着“平安”的红纸" },
    };

    [Fact]
    public async Task The_found_bag_is_the_first_candidate_of_the_lost_bag_and_the_reverse_with_no_private_detail()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var lost = await f.SubmitAsync(Item("lost_item", "ts-nantianmen", $"墨绿色双肩包，侧袋插着一把折叠伞，拉链上挂着企鹅{tag}挂件", "bag", "墨绿色", "Osprey"));
        var other = await f.SubmitAsync(Item("lost_item", "ts-nantianmen", "红色双肩包，里面有相机", "bag", "红色"));
        var found = await f.SubmitAsync(Item("found_item", "ts-tianjie-arch", $"dark green Osprey backpack, folding umbrella in the side pocket, penguin {tag} charm", "bag", "green"));
        await f.WaitForAlertAsync(Desk, found);
        await f.WaitForAlertAsync(Desk, lost);
        await f.WaitForAlertAsync(Desk, other);

        var forFound = await MatchesAsync(Desk, found);
        Assert.Equal(lost, forFound[0].GetProperty("trackingCode").GetString());
        var reasons = forFound[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("category", reasons);
        Assert.Contains("words", reasons);
        Assert.DoesNotContain("平安", forFound[0].GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", forFound[0].GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(forFound, m => m.GetProperty("trackingCode").GetString() == found);

        var forLost = await MatchesAsync(Desk, lost);
        Assert.Equal(found, forLost[0].GetProperty("trackingCode").GetString());
    }

    [Fact]
    public async Task A_station_without_an_alert_for_the_report_gets_404()
    {
        var found = await f.SubmitAsync(Item("found_item", "ts-nantianmen", "grey umbrella", "other", "grey"));
        await f.WaitForAlertAsync(Desk, found);

        using var response = await f.SendAsync(HttpMethod.Get, $"/api/stations/ts-taohuayu-police/alerts/{found}/matches", GridAidFixture.Station("ts-taohuayu-police"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement[]> MatchesAsync(string station, string code) =>
        (await f.GetJsonAsync($"/api/stations/{station}/alerts/{code}/matches", GridAidFixture.Station(station))).EnumerateArray().ToArray();
}
