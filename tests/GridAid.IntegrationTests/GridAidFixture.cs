using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>One Azurite, one event endpoint and one local host (Taishan + Laoshan) for the whole collection.</summary>
public sealed class GridAidFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public EventGridStandIn Events { get; private set; } = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public HttpClient Http => Host.Http;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Events = await EventGridStandIn.StartAsync();
        // Short escalation and retention delays (TestTimings), so that the tests can wait for them.
        var settings = new Dictionary<string, string?>(Events.Settings);
        foreach (var (key, value) in TestTimings.HostConfiguration)
        {
            settings[key] = value;
        }

        // Many tests send many reports (and wrong codes) from one address: the limits have hosts of their own (Limits/).
        settings["GridAid:RateLimits:Enabled"] = "false";

        Host = await LocalHostInstance.StartAsync(Azurite.ConnectionString, settings, [LaoshanTestArea.Seed]);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Events.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public static AuthenticationHeaderValue Bearer(string area, string principal, string code) => new("Bearer", $"{area}.{principal}.{code}");

    public static AuthenticationHeaderValue Station(string stationId) => Bearer("taishan", stationId, "demo-" + stationId);

    public static AuthenticationHeaderValue TaishanAdmin => Bearer("taishan", "admin", "demo-admin");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, AuthenticationHeaderValue? auth = null, object? body = null) =>
        SendAsync(Http, method, url, auth, body);

    public Task<JsonElement> GetJsonAsync(string url, AuthenticationHeaderValue? auth = null) => GetJsonAsync(Http, url, auth);

    /// <summary>A request with the app's JSON options (any host's client: the fixtures of their own use it too).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, AuthenticationHeaderValue? auth = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = auth;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: GridAidJson.Options);
        }

        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string url, AuthenticationHeaderValue? auth = null)
    {
        using var response = await SendAsync(http, HttpMethod.Get, url, auth);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Submits a report and returns its tracking code (asserting 202).</summary>
    public async Task<string> SubmitAsync(object report)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/reports", body: report);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, json.ToString());
        return json.GetProperty("trackingCode").GetString()!;
    }

    public static object LostItem(string point = "ts-nantianmen", string? requestId = null) => new
    {
        kind = "lost_item",
        point,
        description = "黑色双肩包,拉链上挂着小熊",
        contact = new { name = "王女士", phone = "13800138000" },
        lang = "zh-CN",
        clientRequestId = requestId ?? NewRequestId(),
        details = new { category = "bag", colour = "黑色", secret = "包里有蓝色笔记本" },
    };

    public static string NewRequestId() => "it-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Waits until the station's inbox has an alert for <paramref name="code"/>, and returns the inbox. The wait is
    /// <see cref="TestTimings.Alert"/> (routing a new report) unless <paramref name="within"/> says otherwise.
    /// </summary>
    public Task<JsonElement[]> WaitForAlertAsync(string stationId, string code, AuthenticationHeaderValue? auth = null, TimeSpan? within = null) =>
        Eventually.Get<JsonElement[]>(async () =>
        {
            var inbox = await GetJsonAsync($"/api/stations/{stationId}/alerts", auth ?? Station(stationId));
            var items = inbox.EnumerateArray().ToArray();
            return items.Any(a => a.GetProperty("trackingCode").GetString() == code) ? items : null;
        }, within ?? TestTimings.Alert, $"alert {code} at {stationId}");

    /// <summary>Waits until the report's status answer shows <paramref name="status"/> (routing a new report: <see cref="TestTimings.Alert"/>).</summary>
    public Task<JsonElement?> WaitForStatusAsync(string code, string status) =>
        Eventually.Get<JsonElement?>(async () =>
        {
            var s = await GetJsonAsync($"/api/reports/{code}");
            return s.GetProperty("status").GetString() == status ? s : null;
        }, TestTimings.Alert, $"report {code} to be {status}");
}

[CollectionDefinition(Name)]
public sealed class SharedGridAid : ICollectionFixture<GridAidFixture>
{
    public const string Name = "GridAid on Azurite";
}
