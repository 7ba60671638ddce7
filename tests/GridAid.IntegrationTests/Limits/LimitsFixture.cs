using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;
using GridAid.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Limits;

/// <summary>
/// A host of its own with the abuse limits on and small (the shared fixture turns them off), on its own Azurite so no
/// other host's queue listener routes its reports. It trusts <c>X-Forwarded-For</c>, so a test can be many clients,
/// and it logs every table request its storage clients send, so a test can show what was (not) read.
/// </summary>
public sealed class LimitsFixture : IAsyncLifetime
{
    public const int ReportsPerClient = 5;
    public const int ReportsPerPoint = 8;
    public const int FailedSignIns = 5;
    public const int AlertsPerPoint = 2;

    /// <summary>Long enough that no test crosses into a new flood window, or sees a permit come back.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["GridAid:RateLimits:TrustForwardedFor"] = "true",
        ["GridAid:RateLimits:ReportsPerClient:PermitLimit"] = ReportsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridAid:RateLimits:ReportsPerClient:Window"] = "00:10:00",
        ["GridAid:RateLimits:ReportsPerPoint:PermitLimit"] = ReportsPerPoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridAid:RateLimits:ReportsPerPoint:Window"] = "00:10:00",
        ["GridAid:RateLimits:FailedSignInsPerClient:PermitLimit"] = FailedSignIns.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridAid:RateLimits:FailedSignInsPerClient:Window"] = "00:10:00",
        ["GridAid:RateLimits:LostPersonFlood:AlertsPerPoint"] = AlertsPerPoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridAid:RateLimits:LostPersonFlood:Window"] = "100.00:00:00",
        // No escalation while a test looks at who was paged.
        ["GridAid:Escalation:LostPersonAfter"] = "01:00:00",
    };

    public AzuriteInstance Azurite { get; private set; } = null!;

    public EventGridStandIn Events { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every table request the host sent, as its decoded URI (method first).</summary>
    public ConcurrentQueue<string> TableRequests { get; } = new();

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Events = await EventGridStandIn.StartAsync();
        var config = new Dictionary<string, string?>(Events.Settings)
        {
            [StorageOptions.SettingName] = Azurite.ConnectionString,
            ["GridAid:SeedDemoData"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            config[key] = value;
        }

        (App, Http) = await LoggedLocalHost.StartAsync(config, TableRequests);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Events.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>How many table requests so far mention <paramref name="text"/> (an id only one test uses).</summary>
    public int TableRequestsMentioning(string text) => TableRequests.Count(r => r.Contains(text, StringComparison.Ordinal));

    /// <summary>A request from <paramref name="client"/> (sent as the proxy's <c>X-Forwarded-For</c>).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        string client, HttpMethod method, string url, object? body = null, string? credential = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Forwarded-For", client);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        request.Content = content ?? (body is null ? null : JsonContent.Create(body, options: GridAidJson.Options));
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string url, string? credential = null)
    {
        using var response = await SendAsync("192.0.2.250", HttpMethod.Get, url, credential: credential);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A report of a lost child (what <see cref="GridAidFixture.LostItem"/> is for items).</summary>
    public static object LostPerson(string point) => new
    {
        kind = "lost_person",
        point,
        description = "穿红色外套的小男孩",
        contact = new { name = "李先生", phone = "13900139000" },
        lang = "zh-CN",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { age = "6", clothing = "红色外套,蓝色裤子" },
    };
}

[CollectionDefinition(Name)]
public sealed class LimitedGridAid : ICollectionFixture<LimitsFixture>
{
    public const string Name = "GridAid with its limits on";
}
