using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.TestSupport;
using Microsoft.Playwright;

namespace GridAid.BrowserTests;

/// <summary>Azurite, the local host (Taishan seeded) and one headless Chromium, started once for every browser test.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminToken = "taishan.admin.demo-admin";

    private AzuriteInstance? _azurite;
    private LocalHostInstance? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _host!.BaseAddress;

    public HttpClient Http => _host!.Http;

    /// <summary>How often the open status page refreshes itself (<c>setTimeout(load, 10000)</c> in web/js/status.js).</summary>
    public static readonly TimeSpan StatusPageRefresh = TimeSpan.FromSeconds(10);

    /// <summary>The longest the form waits between two attempts to send (<c>Math.min(60, …)</c> s in web/js/form.js).</summary>
    public static readonly TimeSpan FormRetryCeiling = TimeSpan.FromSeconds(60);

    /// <summary>One page step: a navigation or click, the API calls it makes and the render (also every context's default timeout).</summary>
    public static TimeSpan PageStep { get; } = TestTimings.Work(steps: 3);

    /// <summary>Waits for one <see cref="PageStep"/>.</summary>
    public static LocatorWaitForOptions WithinPageStep => Within(PageStep);

    /// <summary>Waits for a page step after a page timer of <paramref name="timer"/> has fired.</summary>
    public static LocatorWaitForOptions AfterTimer(TimeSpan timer) => Within(timer + PageStep);

    private static LocatorWaitForOptions Within(TimeSpan wait) => new() { Timeout = (float)wait.TotalMilliseconds };

    /// <summary>Where screenshots go: under the test output folder.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        // Channels to the host's own local outbox (/_outbox) on loopback: local runs and tests only (docs/channels.md).
        _host = await LocalHostInstance.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["GridAid:Channels:AllowPrivateTargets"] = "true" });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task<IBrowserContext> NewContextAsync(string locale, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            DeviceScaleFactor = 1,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout((float)PageStep.TotalMilliseconds);
        return context;
    }

    /// <summary>Posts a report as the form's JSON would (<paramref name="body"/>) and returns its tracking code.</summary>
    public async Task<string> SubmitAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/api/reports", body);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("trackingCode").GetString()!;
    }

    /// <summary>The reports of the area that <paramref name="match"/> picks, read through the admin API.</summary>
    public async Task<List<JsonElement>> ReportsAsync(Func<JsonElement, bool> match)
    {
        var found = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var url = "/api/admin/reports?pageSize=500" + (continuation is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(continuation));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            found.AddRange(doc.RootElement.GetProperty("items").EnumerateArray().Where(match).Select(e => e.Clone()));
            continuation = doc.RootElement.TryGetProperty("continuationToken", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        }
        while (continuation is not null);

        return found;
    }

    /// <summary>Waits until the report is routed (it has stations; <see cref="TestTimings.Alert"/>), and checks it is the only one with that code.</summary>
    public async Task<JsonElement> RoutedReportAsync(string trackingCode)
    {
        return await Eventually.Get<JsonElement?>(async () =>
        {
            var hits = await ReportsAsync(r => r.GetProperty("trackingCode").GetString() == trackingCode);
            Assert.True(hits.Count <= 1, $"{hits.Count} reports have tracking code {trackingCode}");
            return hits.Count == 1 && hits[0].GetProperty("stationIds").GetArrayLength() > 0 ? hits[0] : null;
        }, TestTimings.Alert, "report " + trackingCode + " to be routed") ?? throw new InvalidOperationException();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
