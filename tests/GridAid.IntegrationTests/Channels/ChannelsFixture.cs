using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Channels;

/// <summary>
/// A host of its own (on its own Azurite, so no other host's listener takes its messages) with both escalation tiers
/// short, channel retries fast, private targets allowed, and a receiver that checks signatures.
/// </summary>
public sealed class ChannelsFixture : IAsyncLifetime
{
    public static readonly TimeSpan PoliceAcknowledgeWithin = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan ResolveWithin = TimeSpan.FromSeconds(6);
    public const int MaxAttempts = 3;

    public AzuriteInstance Azurite { get; private set; } = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public ChannelReceiver Receiver { get; private set; } = null!;

    public HttpClient Http => Host.Http;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Receiver = await ChannelReceiver.StartAsync();
        Host = await LocalHostInstance.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["GridAid:RateLimits:Enabled"] = "false",
            ["GridAid:Escalation:LostPersonAfter"] = "00:00:01",
            ["GridAid:Escalation:PoliceAcknowledgeWithin"] = PoliceAcknowledgeWithin.ToString("c"),
            ["GridAid:Escalation:ResolveWithin"] = ResolveWithin.ToString("c"),
            ["GridAid:Channels:AllowPrivateTargets"] = "true",
            ["GridAid:Channels:RetryBaseDelay"] = "00:00:00.200",
            ["GridAid:Channels:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, AuthenticationHeaderValue? auth = null, object? body = null) =>
        GridAidFixture.SendAsync(Http, method, url, auth, body);

    public Task<JsonElement> GetJsonAsync(string url, AuthenticationHeaderValue? auth = null) => GridAidFixture.GetJsonAsync(Http, url, auth);

    public async Task<string> SubmitLostPersonAsync(string point)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/reports", body: new
        {
            kind = "lost_person",
            point,
            description = "穿红色外套的小男孩，叫我李明 13900139000",
            contact = new { name = "李明", phone = "13900139000" },
            lang = "zh-CN",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { age = "6", clothing = "红色外套,蓝色裤子" },
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, json.ToString());
        return json.GetProperty("trackingCode").GetString()!;
    }

    /// <summary>Replaces a station's channels as the Taishan admin and returns the answer's body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Body)> PutChannelsAsync(string stationId, object channels)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/admin/stations/{stationId}/channels", GridAidFixture.TaishanAdmin, channels);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class ChanneledGridAid : ICollectionFixture<ChannelsFixture>
{
    public const string Name = "GridAid with channels and both escalation tiers";
}
