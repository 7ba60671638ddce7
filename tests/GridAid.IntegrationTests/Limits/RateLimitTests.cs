using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Limits;

/// <summary>
/// The abuse limits through HTTP, against Azurite: reports per client and per point get 429 with Retry-After while
/// other clients, other points and lost-person reports get through; wrong access codes are throttled per address
/// without a storage read; and <c>Enabled=false</c> lets everything through. Each test is its own clients (addresses
/// from the documentation ranges) and points, so the tests do not share a count.
/// </summary>
[Collection(LimitedGridAid.Name)]
public sealed class RateLimitTests(LimitsFixture f)
{
    private const string StationAlerts = "/api/stations/ts-daiding-police/alerts";
    private const string StationCode = "taishan.ts-daiding-police.demo-ts-daiding-police";

    [Fact]
    public async Task A_flood_from_one_client_gets_429s_while_a_second_client_and_a_lost_person_report_get_through()
    {
        const string flooder = "198.51.100.1";
        const string point = "ts-daimiao-gate";
        for (var i = 0; i < LimitsFixture.ReportsPerClient; i++)
        {
            using var accepted = await f.SendAsync(flooder, HttpMethod.Post, "/api/reports", GridAidFixture.LostItem(point));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var refused = await f.SendAsync(flooder, HttpMethod.Post, "/api/reports", GridAidFixture.LostItem(point)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var wait = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(wait);
            Assert.True(wait > TimeSpan.Zero, $"Retry-After {wait}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Contains("110", problem.GetProperty("titles").GetProperty("zh").GetString(), StringComparison.Ordinal);
            Assert.Contains("lost person", problem.GetProperty("titles").GetProperty("en").GetString(), StringComparison.Ordinal);
        }

        using (var other = await f.SendAsync("198.51.100.2", HttpMethod.Post, "/api/reports", GridAidFixture.LostItem(point)))
        {
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        }

        // The flooding client's own lost-child report: never refused, and routed as usual.
        using var lost = await f.SendAsync(flooder, HttpMethod.Post, "/api/reports", LimitsFixture.LostPerson(point));
        Assert.Equal(HttpStatusCode.Accepted, lost.StatusCode);
        var code = (await lost.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        await WaitForAlertAsync("ts-daimiao-police", code);
    }

    [Fact]
    public async Task A_flood_at_one_point_from_many_clients_gets_429s_while_another_point_gets_through()
    {
        const string point = "ts-wanxian-tower";
        for (var i = 0; i < LimitsFixture.ReportsPerPoint; i++)
        {
            using var accepted = await f.SendAsync($"198.51.100.{10 + i}", HttpMethod.Post, "/api/reports", GridAidFixture.LostItem(point));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        const string newcomer = "198.51.100.30";
        using (var refused = await f.SendAsync(newcomer, HttpMethod.Post, "/api/reports", GridAidFixture.LostItem(point)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        using var elsewhere = await f.SendAsync(newcomer, HttpMethod.Post, "/api/reports", GridAidFixture.LostItem("ts-doumu-palace"));
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
        using var lost = await f.SendAsync(newcomer, HttpMethod.Post, "/api/reports", LimitsFixture.LostPerson(point));
        Assert.Equal(HttpStatusCode.Accepted, lost.StatusCode);
    }

    [Fact]
    public async Task The_no_javascript_form_gets_a_bilingual_429_page_with_retry_after_and_a_lost_person_still_a_receipt()
    {
        const string client = "198.51.100.40";
        for (var i = 0; i < LimitsFixture.ReportsPerClient; i++)
        {
            using var receipt = await f.SendAsync(client, HttpMethod.Post, "/api/reports", content: Form("found_item", "手机 " + Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        }

        using (var refused = await f.SendAsync(client, HttpMethod.Post, "/api/reports", content: Form("found_item", "手机 " + Guid.NewGuid())))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType!.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
            Assert.Contains("lost person", html, StringComparison.Ordinal);
            Assert.Contains("请稍后再提交", html, StringComparison.Ordinal);
        }

        using var lost = await f.SendAsync(client, HttpMethod.Post, "/api/reports", content: Form("lost_person", "小女孩 " + Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_from_one_address_get_429s_without_a_storage_read_while_another_address_signs_in()
    {
        const string guesser = "198.51.100.50";
        var run = "zz" + Guid.NewGuid().ToString("N")[..12];
        for (var i = 0; i < LimitsFixture.FailedSignIns; i++)
        {
            // Areas nobody has: each costs a directory read (once) until the address is throttled.
            using var wrong = await f.SendAsync(guesser, HttpMethod.Get, StationAlerts, credential: $"{run}-{i}.admin.wrong-code");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.True(f.TableRequestsMentioning(run) >= LimitsFixture.FailedSignIns, "the unknown areas were looked up");

        // Long enough for the bucket to refill a fraction of a permit (it refills continuously): still no permit.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var throttledRun = run + "-throttled";
        for (var i = 0; i < 20; i++)
        {
            using var throttled = await f.SendAsync(guesser, HttpMethod.Get, StationAlerts, credential: $"{throttledRun}-{i}.admin.wrong-code");
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        Assert.Equal(0, f.TableRequestsMentioning(throttledRun));

        // Throttled means not checked at all, a right code included; another address is not affected.
        using (var right = await f.SendAsync(guesser, HttpMethod.Get, StationAlerts, credential: StationCode))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        }

        using var station = await f.SendAsync("198.51.100.51", HttpMethod.Get, StationAlerts, credential: StationCode);
        Assert.Equal(HttpStatusCode.OK, station.StatusCode);
    }

    [Fact]
    public async Task A_principal_the_area_does_not_have_costs_no_read_of_an_access_code()
    {
        var principal = "nosuch-" + Guid.NewGuid().ToString("N")[..12];

        using var wrong = await f.SendAsync("198.51.100.60", HttpMethod.Get, StationAlerts, credential: $"taishan.{principal}.anything");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(0, f.TableRequestsMentioning(principal));
    }

    [Fact]
    public async Task With_the_limits_off_a_flood_gets_through()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var settings = new Dictionary<string, string?>(LimitsFixture.Settings) { ["GridAid:RateLimits:Enabled"] = "false" };
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, settings);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3 * LimitsFixture.ReportsPerPoint; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(GridAidFixture.LostItem("ts-daimiao-gate"), options: Core.Serialization.GridAidJson.Options) };
            request.Headers.Add("X-Forwarded-For", "198.51.100.70");
            using var response = await host.Http.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        for (var i = 0; i < 3 * LimitsFixture.FailedSignIns; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, StationAlerts);
            request.Headers.Authorization = new("Bearer", "taishan.ts-daiding-police.wrong-code");
            using var response = await host.Http.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        Assert.Equal(3 * LimitsFixture.ReportsPerPoint, answers.Count(a => a == HttpStatusCode.Accepted));
        Assert.Equal(3 * LimitsFixture.FailedSignIns, answers.Count(a => a == HttpStatusCode.Unauthorized));
    }

    private static FormUrlEncodedContent Form(string kind, string description) => new(new Dictionary<string, string>
    {
        ["kind"] = kind,
        ["point"] = "ts-hongmen-palace",
        ["description"] = description,
        ["contact.phone"] = "13700001234",
        ["lang"] = "en",
        ["details.category"] = "phone",
        ["details.age"] = "7",
        ["details.clothing"] = "黄色雨衣",
    });

    private Task<JsonElement[]> WaitForAlertAsync(string stationId, string code) =>
        Eventually.Get<JsonElement[]>(async () =>
        {
            var inbox = await f.GetJsonAsync($"/api/stations/{stationId}/alerts", $"taishan.{stationId}.demo-{stationId}");
            var items = inbox.EnumerateArray().ToArray();
            return items.Any(a => a.GetProperty("trackingCode").GetString() == code) ? items : null;
        }, LimitTimings.Routed, $"alert {code} at {stationId}");
}

/// <summary>How long these tests wait: derived from the shared <see cref="TestTimings"/>.</summary>
internal static class LimitTimings
{
    /// <summary>One report routed: a queue delivery and a step.</summary>
    public static TimeSpan Routed => TestTimings.Alert;

    /// <summary>A flood of <paramref name="reports"/> routed: one delivery, and a step per report (they share one counter).</summary>
    public static TimeSpan FloodRouted(int reports) => TestTimings.Work(steps: reports, deliveries: 1);
}
