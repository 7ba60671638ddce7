using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.LocalHost;
using GridAid.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAid.IntegrationTests.Telemetry;

/// <summary>
/// The logs of a whole run — reports by form, JSON and Open311, a bad one, routing, a station's steps, the admin's
/// report view and CSV export — at the most verbose level, every message with its arguments, scopes and exceptions,
/// hold none of the phone numbers and names that were submitted.
/// </summary>
public sealed class LogPrivacyTests
{
    private static readonly string[] Phones = ["13912340001", "13912340002", "13912340003", "13912340004", "1391234000"];
    private static readonly string[] Names = ["张测试员", "李小宝", "Tester Wang", "Opentelemetryname"];

    [Fact]
    public async Task No_phone_number_or_name_reaches_the_logs()
    {
        var lines = new ConcurrentQueue<string>();
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var app = LocalHostApp.Create(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [Infrastructure.Storage.StorageOptions.SettingName] = azurite.ConnectionString,
                ["GridAid:SeedDemoData"] = "true",
                ["GridAid:RateLimits:Enabled"] = "false",
                // Everything, from every category (appsettings.json quiets ASP.NET Core).
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Trace",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingProvider(lines));
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var child = await SubmitAsync(http, new
        {
            kind = "lost_person",
            point = "ts-nantianmen",
            description = "穿红外套的男孩 · boy in a red coat",
            contact = new { name = Names[0], phone = Phones[0] },
            lang = "zh-CN",
            clientRequestId = "pii-" + Guid.NewGuid().ToString("N"),
            details = new { age = "6", clothing = "红色外套", personName = Names[1] },
        });
        var item = await SubmitAsync(http, new
        {
            kind = "lost_item",
            point = "ts-zhongtianmen",
            description = "black umbrella",
            contact = new { name = Names[2], phone = Phones[1] },
            lang = "en",
            clientRequestId = "pii-" + Guid.NewGuid().ToString("N"),
            details = new { category = "other", colour = "black", secret = "initials on the handle" },
        });
        using (var form = await http.PostAsync("/api/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "found_item", ["point"] = "ts-tang-inscriptions", ["description"] = "捡到钱包", ["contact.phone"] = Phones[2],
            ["lang"] = "zh-CN", ["details.category"] = "wallet", ["details.whereNow"] = "handed_to_station",
        })))
        {
            // The no-JS receipt page.
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        }

        using (var open311 = new StringContent(
            $"jurisdiction_id=taishan&service_code=tip&address_id=ts-nantianmen&first_name={Names[3]}&phone={Phones[3]}&description=Fake+tickets+sold+at+the+gate",
            Encoding.UTF8, "application/x-www-form-urlencoded"))
        using (var posted = await http.PostAsync("/api/open311/v2/requests.json", open311))
        {
            Assert.True(posted.IsSuccessStatusCode, "open311: " + (int)posted.StatusCode);
        }

        // A bad phone number is refused, and its value is not logged either.
        using (var bad = await http.PostAsJsonAsync("/api/reports", new { kind = "help", point = "ts-nantianmen", description = "need help", contact = new { phone = Phones[4] }, lang = "en" }, GridAidJson.Options))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var police = new AuthenticationHeaderValue("Bearer", "taishan.ts-daiding-police.demo-ts-daiding-police");
        var admin = new AuthenticationHeaderValue("Bearer", "taishan.admin.demo-admin");
        await Eventually.Get(async () => (await StatusAsync(http, child)) == "routed" ? "routed" : null, TestTimings.Alert, "routed " + child);
        await Eventually.Get(async () => (await StatusAsync(http, item)) != "received" ? "routed" : null, TestTimings.Alert, "routed " + item);
        foreach (var step in new[] { "ack", "resolve" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{child}/{step}") { Headers = { Authorization = police } };
            using var answer = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        foreach (var url in new[] { $"/api/admin/reports/{child}", "/api/admin/reports.csv", $"/api/stations/ts-daiding-police/alerts" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = url.Contains("stations", StringComparison.Ordinal) ? police : admin } };
            using var answer = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            // The data was there to leak: the admin's views carry it.
            if (url.EndsWith(".csv", StringComparison.Ordinal))
            {
                Assert.Contains(Phones[0], await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        await app.StopAsync();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines: the capture did not see the run");
        var leaked = lines.Where(l => Phones.Any(p => l.Contains(p, StringComparison.Ordinal)) || Names.Any(n => l.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaked.Count == 0, "logged personal data:\n" + string.Join("\n", leaked.Take(5)));
    }

    private static async Task<string> SubmitAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/reports", body, GridAidJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    private static async Task<string?> StatusAsync(HttpClient http, string code) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/reports/{code}")).GetProperty("status").GetString();

    /// <summary>Every log entry as text: category, message, each argument of its state, its scopes and its exception.</summary>
    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines, Func<IExternalScopeProvider> scopes) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => scopes().Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new StringBuilder().Append(category).Append(' ').Append(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        text.Append(' ').Append(key).Append('=').Append(value);
                    }
                }

                scopes().ForEachScope((scope, sb) => sb.Append(" scope=").Append(scope), text);
                if (exception is not null)
                {
                    text.Append(' ').Append(exception);
                }

                lines.Enqueue(text.ToString());
            }
        }
    }
}
