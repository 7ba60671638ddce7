using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Core.Serialization;
using GridAid.Functions.Routing;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Limits;

/// <summary>
/// A flood of lost-person reports from one point: every one is accepted (202, a tracking code each), the first
/// <see cref="LimitsFixture.AlertsPerPoint"/> page their stations, the next one pages them once more with a count of
/// the rest, and the rest are routed, flagged and counted without paging anyone; redelivered messages change nothing.
/// </summary>
[Collection(LimitedGridAid.Name)]
public sealed class LostPersonFloodTests(LimitsFixture f)
{
    private const string Point = "ts-shibapan";
    private const string FarPolicePost = "ts-taohuayu-police";
    private const int Flood = 8;

    [Fact]
    public async Task A_lost_person_flood_is_accepted_in_full_collapsed_into_one_summary_per_station_and_flagged()
    {
        // All at once, from as many phones: the router counts them concurrently on one counter.
        var codes = await Task.WhenAll(Enumerable.Range(0, Flood).Select(i => SubmitAsync($"203.0.113.{i + 1}")));
        Assert.Equal(Flood, codes.Distinct().Count());
        var reports = await Task.WhenAll(codes.Select(WaitForRoutedAsync));

        var summary = await WaitForSummaryAsync(codes, Flood - LimitsFixture.AlertsPerPoint - 1);
        var inbox = await InboxAsync(FarPolicePost, codes);
        Assert.Equal(LimitsFixture.AlertsPerPoint + 1, inbox.Length);
        Assert.Single(inbox, a => a.GetProperty("details").TryGetProperty(FloodContainment.MoreReportsDetail, out _));

        // The flag: on the summary and every collapsed report, on none of the first ones.
        var alerted = inbox.Select(a => a.GetProperty("trackingCode").GetString()!).ToHashSet();
        var admin = await f.GetJsonAsync("/api/admin/reports?kind=lost_person&pageSize=500", "taishan.admin.demo-admin");
        var flagged = admin.GetProperty("items").EnumerateArray()
            .Where(r => codes.Contains(r.GetProperty("trackingCode").GetString()))
            .ToDictionary(r => r.GetProperty("trackingCode").GetString()!, r => r.GetProperty("timeline").EnumerateArray().Any(t => t.TryGetProperty("note", out var n) && n.GetString() == FloodContainment.FlaggedNote));
        Assert.Equal(Flood, flagged.Count);
        Assert.Equal(Flood - LimitsFixture.AlertsPerPoint, flagged.Count(kv => kv.Value));
        Assert.All(alerted.Where(c => c != summary), c => Assert.False(flagged[c]));
        Assert.True(flagged[summary]);

        // Every report is routed to the same stations, so each tourist's status page names them.
        Assert.All(reports, r => Assert.Contains(FarPolicePost, r.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString())));

        // Routed means out of the "still received" index too, collapsed ones included: the sweeper re-drives none of them.
        var stillReceived = new List<string>();
        await foreach (var row in f.Get<ReportStore>().ListReceivedAsync("taishan", CancellationToken.None))
        {
            stillReceived.Add(row.TrackingCode);
        }

        Assert.Empty(stillReceived.Intersect(codes));

        // Paged: the alerted reports and the summary, nobody for the collapsed ones.
        var paged = f.Events.Events.Select(e => e.Subject!).Where(s => codes.Any(c => s.EndsWith("/" + c, StringComparison.Ordinal)))
            .Select(s => s[(s.LastIndexOf('/') + 1)..]).ToHashSet();
        Assert.Equal(alerted.Order(), paged.Order());
    }

    [Fact]
    public async Task Redelivered_messages_of_a_flood_count_nothing_twice()
    {
        const string point = "ts-duisong-pavilion";
        var codes = new List<string>();
        for (var i = 0; i < LimitsFixture.AlertsPerPoint + 3; i++)
        {
            codes.Add(await SubmitAsync($"203.0.113.{100 + i}", point));
        }

        await Task.WhenAll(codes.Select(WaitForRoutedAsync));
        var summary = await WaitForSummaryAsync(codes, 2, point);

        // Every message again, twice, as the intake first sent it (its ETag long stale): the summary's and the collapsed ones'.
        var routing = f.Get<ReportRouting>();
        var store = f.Get<ReportStore>();
        foreach (var code in codes)
        {
            var stored = (await store.FindByCodeAsync(code, CancellationToken.None))!;
            var original = stored.Report with { Status = ReportStatus.Received, StationIds = [], Timeline = [stored.Report.Timeline[0]] };
            var message = GridAidJson.Serialize(new RoutingMessage(original, "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""));
            await routing.HandleAsync(message, CancellationToken.None);
            await routing.HandleAsync(message, CancellationToken.None);
        }

        var inbox = await InboxAsync(FarPolicePost, codes, point);
        Assert.Equal(LimitsFixture.AlertsPerPoint + 1, inbox.Length);
        Assert.Equal("2", inbox.Single(a => a.GetProperty("trackingCode").GetString() == summary).GetProperty("details").GetProperty(FloodContainment.MoreReportsDetail).GetString());
        foreach (var code in codes)
        {
            var report = (await store.FindByCodeAsync(code, CancellationToken.None))!.Report;
            Assert.Single(report.Timeline, t => t.Status == ReportStatus.Routed);
        }

        var floods = f.Get<FloodStore>();
        var window = FloodKeys.Partition("taishan", point, new LostPersonFloodPolicy { Window = TimeSpan.FromDays(100) }.WindowOf(DateTimeOffset.UtcNow));
        Assert.Equal(codes.Count, await floods.HighestAsync(window, CancellationToken.None));
    }

    private async Task<string> SubmitAsync(string client, string point = Point)
    {
        using var response = await f.SendAsync(client, HttpMethod.Post, "/api/reports", LimitsFixture.LostPerson(point));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, json.ToString());
        return json.GetProperty("trackingCode").GetString()!;
    }

    private async Task<JsonElement> WaitForRoutedAsync(string code)
    {
        var routed = await Eventually.Get<JsonElement?>(async () =>
        {
            var status = await f.GetJsonAsync($"/api/reports/{code}");
            return status.GetProperty("status").GetString() == "routed" ? status : null;
        }, LimitTimings.FloodRouted(Flood), $"report {code} routed");
        return routed!.Value;
    }

    /// <summary>The far police post's alerts for <paramref name="codes"/> (it hears every lost person of the area).</summary>
    private async Task<JsonElement[]> InboxAsync(string stationId, IEnumerable<string> codes, string point = Point)
    {
        var inbox = await f.GetJsonAsync($"/api/stations/{stationId}/alerts", $"taishan.{stationId}.demo-{stationId}");
        return inbox.EnumerateArray()
            .Where(a => codes.Contains(a.GetProperty("trackingCode").GetString()) && a.GetProperty("pointCode").GetString() == point)
            .ToArray();
    }

    /// <summary>Waits until the summary's alert at the far police post counts <paramref name="more"/>; returns the summary's code.</summary>
    private Task<string> WaitForSummaryAsync(IReadOnlyCollection<string> codes, int more, string point = Point) =>
        Eventually.Get<string>(async () =>
        {
            var summary = (await InboxAsync(FarPolicePost, codes, point))
                .Where(a => a.GetProperty("details").TryGetProperty(FloodContainment.MoreReportsDetail, out var n) && n.GetString() == more.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Select(a => a.GetProperty("trackingCode").GetString())
                .FirstOrDefault();
            return summary;
        }, LimitTimings.FloodRouted(codes.Count), $"the summary at {FarPolicePost} to count {more} more");
}
