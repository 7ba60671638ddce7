using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;
using GridAid.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests;

/// <summary>
/// A host of its own that logs every table request, so a test can count what one inbox poll reads (the shared fixture
/// has other tests' traffic and no log).
/// </summary>
public sealed class LiveInboxFixture : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;
    private EventGridStandIn _events = null!;
    private WebApplication _app = null!;

    public HttpClient Http { get; private set; } = null!;

    public ConcurrentQueue<string> TableRequests { get; } = new();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _events = await EventGridStandIn.StartAsync();
        var config = new Dictionary<string, string?>(_events.Settings)
        {
            [StorageOptions.SettingName] = _azurite.ConnectionString,
            ["GridAid:SeedDemoData"] = "true",
            ["GridAid:RateLimits:Enabled"] = "false",
            ["GridAid:InboxClosedPageSize"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        (_app, var http) = await LoggedLocalHost.StartAsync(config, TableRequests);
        Http = http;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _events.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>Table requests to the alerts table since <paramref name="mark"/> (a count of <see cref="TableRequests"/>).</summary>
    public string[] AlertRequestsSince(int mark) =>
        TableRequests.Skip(mark).Where(r => r.Contains("/" + TableNames.Alerts, StringComparison.Ordinal)).ToArray();

    public async Task<HttpResponseMessage> PollAsync(string stationId, string? etag = null, string? continuation = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stations/{stationId}/alerts" + (continuation is null ? string.Empty : "?continuation=" + Uri.EscapeDataString(continuation)));
        request.Headers.Authorization = GridAidFixture.Station(stationId);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await Http.SendAsync(request);
    }

    public async Task<string> SubmitAsync(object report)
    {
        using var response = await Http.PostAsJsonAsync("/api/reports", report, GridAidJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    public async Task<HttpResponseMessage> StepAsync(string stationId, string code, string step)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{stationId}/alerts/{code}/{step}");
        request.Headers.Authorization = GridAidFixture.Station(stationId);
        return await Http.SendAsync(request);
    }
}

/// <summary>The station page polls every second: an unchanged inbox costs one storage read and a bodiless 304.</summary>
public class LiveInboxTests(LiveInboxFixture f) : IClassFixture<LiveInboxFixture>
{
    private static string[] Codes(JsonElement inbox) => inbox.EnumerateArray().Select(a => a.GetProperty("trackingCode").GetString()!).ToArray();

    [Fact]
    public async Task An_unchanged_inbox_is_a_304_for_one_storage_read_and_a_new_alert_a_200_with_a_new_etag()
    {
        const string station = "ts-daiding-police";
        var first = await f.SubmitAsync(GridAidFixture.LostItem("ts-houshiwu-cablecar"));
        var etag = await Eventually.Get<string>(async () =>
        {
            using var r = await f.PollAsync(station);
            return Codes(await r.Content.ReadFromJsonAsync<JsonElement>()).Contains(first) ? r.Headers.ETag!.Tag : null;
        }, TestTimings.Alert, "the first alert");
        // A poll that read the version just before routing's transaction and the alerts just after has the alert under the
        // older version: the next poll then reads once more (never the reverse). Settle on the current version first.
        using (var settled = await f.PollAsync(station, etag))
        {
            etag = settled.Headers.ETag!.Tag;
        }

        var mark = f.TableRequests.Count;
        using var unchanged = await f.PollAsync(station, etag);
        var reads = f.AlertRequestsSince(mark);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, unchanged.Headers.ETag!.Tag);
        var read = Assert.Single(reads);
        Assert.StartsWith("GET ", read, StringComparison.Ordinal);
        Assert.Contains("~inbox_" + station, read, StringComparison.Ordinal);

        var second = await f.SubmitAsync(GridAidFixture.LostItem("ts-houshiwu-cablecar"));
        var changed = await Eventually.Get<HttpResponseMessage>(async () =>
        {
            var r = await f.PollAsync(station, etag);
            if (r.StatusCode == HttpStatusCode.OK)
            {
                return r;
            }

            r.Dispose();
            return null;
        }, TestTimings.Alert, "the inbox to change");
        using (changed)
        {
            Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
            Assert.Equal(second, Codes(await changed.Content.ReadFromJsonAsync<JsonElement>())[0]);
        }
    }

    [Fact]
    public async Task Another_stations_step_changes_this_stations_etag_and_open_alerts_come_before_closed_ones_which_page()
    {
        // A lost item at the Tianwai Villa centre goes to the cell's station and the lost-and-found desk.
        const string station = "ts-lost-found";
        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add(await f.SubmitAsync(GridAidFixture.LostItem("ts-tianwaicun-centre")));
        }

        var inbox = await Eventually.Get<JsonElement?>(async () =>
        {
            using var r = await f.PollAsync(station);
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            return codes.All(Codes(body).Contains) ? body : null;
        }, TestTimings.Alert, "four alerts");
        var other = inbox!.Value.EnumerateArray().First(a => a.GetProperty("trackingCode").GetString() == codes[0])
            .GetProperty("stationIds").EnumerateArray().Select(s => s.GetString()!).First(s => s != station);

        using var before = await f.PollAsync(station);
        var etag = before.Headers.ETag!.Tag;
        // The oldest three are resolved by the other station: every station of each report stands down.
        foreach (var code in codes.Take(3))
        {
            using var resolved = await f.StepAsync(other, code, "resolve");
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        using var after = await f.PollAsync(station, etag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var list = (await after.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToArray();
        var open = list.TakeWhile(a => a.GetProperty("status").GetString() == "routed").ToArray();
        var closed = list.Skip(open.Length).ToArray();
        Assert.Contains(codes[3], open.Select(a => a.GetProperty("trackingCode").GetString()));
        // Closed alerts follow, newest first, two a page here.
        Assert.Equal([codes[2], codes[1]], closed.Select(a => a.GetProperty("trackingCode").GetString()));
        Assert.All(closed, a => Assert.Equal(other, a.GetProperty("resolvedBy").GetString()));
        var next = after.Headers.GetValues(GridAid.Functions.Stations.InboxResult.ContinuationHeader).Single();

        using var page2 = await f.PollAsync(station, continuation: next);
        var older = Codes(await page2.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(codes[0], older[0]);
        Assert.DoesNotContain(codes[3], older);
    }
}
