using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridAid.Functions.Access;
using GridAid.Functions.Http;
using GridAid.IntegrationTests.Access;
using GridAid.LocalHost.Web;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Http;

/// <summary>
/// Every answer of the local host carries <see cref="SecurityHeaders"/>: every file under <c>web/</c>, the Static Web
/// App's rewrites, a missing page, and every HTTP route of <c>functions.metadata</c> as an anonymous caller, a station and
/// an admin; JSON and CSV answered to a credential are never stored. The Static Web App's <c>globalHeaders</c> are the
/// same values, read from the file it deploys.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed partial class SecurityHeadersTests(GridAidFixture f) : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = f.Host.BaseAddress };

    public enum Who
    {
        Anonymous,
        TheStation,
        TheAreasAdmin,
    }

    public Task InitializeAsync() => MatrixArea.EnsureSeededAsync(f);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every file under <c>web/</c>, each rewrite of the Static Web App's config, folder pages and a missing page.</summary>
    public static TheoryData<string> Pages() => [.. PagePaths()];

    private static List<string> PagePaths()
    {
        var web = RepoPaths.Combine("web");
        var paths = Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories)
            .Select(file => "/" + Path.GetRelativePath(web, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("infra", PageRewrites.FileName)));
        foreach (var route in doc.RootElement.GetProperty("routes").EnumerateArray())
        {
            var pattern = route.GetProperty("route").GetString()!;
            paths.Add(pattern.EndsWith('*') ? pattern[..^1] + "x" : pattern);
        }

        paths.AddRange(["/", "/r/ts-nantianmen", "/s/ABCD-EFGH", "/station/", "/admin/", "/no-such-page.html"]);
        return [.. paths.Distinct(StringComparer.Ordinal)];
    }

    [Fact]
    public void The_page_sweep_covers_every_page_and_the_rewrites()
    {
        var pages = PagePaths();

        Assert.Contains("/r.html", pages);
        Assert.Contains("/admin/posters.html", pages);
        Assert.Contains("/r/x", pages);
        Assert.Contains("/s/x", pages);
        Assert.True(pages.Count(p => p.EndsWith(".html", StringComparison.Ordinal)) >= 9, string.Join(", ", pages));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_carries_the_hardening_headers(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        AssertHardened(response, path, https: false);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only()
    {
        using var plain = await _http.GetAsync("/r/ts-nantianmen");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/r/ts-nantianmen");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        using var secure = await _http.SendAsync(forwarded);
        using var apiRequest = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        apiRequest.Headers.Add("X-Forwarded-Proto", "https");
        using var api = await _http.SendAsync(apiRequest);

        AssertHardened(plain, "http page", https: false);
        AssertHardened(secure, "https page", https: true);
        AssertHardened(api, "https api", https: true);
    }

    public static TheoryData<string> HttpFunctions() => [.. FunctionsMetadata.Http().Select(fn => fn.Name)];

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Every_api_route_carries_the_hardening_headers_and_never_lets_a_credentials_answer_be_stored(string name)
    {
        var entry = FunctionsMetadata.Http().Single(fn => fn.Name == name);
        var declared = AccessGate.DeclarationOf(AccessMiddleware.FindMethod(entry.EntryPoint)!)!;
        // As the access matrix does: the station's own id where the route names one, elsewhere ids that exist nowhere.
        var url = "/api/" + RouteValue().Replace(entry.Route!, m => m.Groups[1].Value == declared.StationParameter ? MatrixArea.Station : "zz-nowhere");

        foreach (var method in entry.Methods.Split(','))
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                request.Headers.Authorization = Credential(who);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await _http.SendAsync(request);
                var what = $"{method} {url} as {who} ({(int)response.StatusCode})";
                AssertHardened(response, what, https: false);
                if (who != Who.Anonymous && SecurityHeaders.IsJsonOrCsv(response.Content.Headers.ContentType?.ToString()))
                {
                    Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {response.Headers.CacheControl}");
                }
            }
        }
    }

    /// <summary>The answers that hold a station's or the area's data, in both credential headers: JSON and CSV, never stored.</summary>
    public static TheoryData<string, string, string> CredentialAnswers() => new()
    {
        { "/api/stations", "station", "application/json" },
        { "/api/stations/" + MatrixArea.Station + "/alerts", "station", "application/json" },
        { "/api/stations/" + MatrixArea.Station + "/alerts", "admin", "application/json" },
        { "/api/admin/reports", "admin", "application/json" },
        { "/api/admin/directory", "admin", "application/json" },
        { "/api/admin/dashboard?from=2026-01-01&to=2026-12-31", "admin", "application/json" },
        { "/api/admin/reports.csv", "admin", "text/csv" },
        // A public route asked with a credential: still the credential's answer.
        { "/api/points?area=" + MatrixArea.AreaId, "admin", "application/json" },
    };

    [Theory]
    [MemberData(nameof(CredentialAnswers))]
    public async Task An_answer_to_a_credential_is_no_store_in_either_credential_header(string url, string principal, string mediaType)
    {
        var credential = principal == "admin"
            ? $"{MatrixArea.AreaId}.admin.{MatrixArea.AdminCode}"
            : $"{MatrixArea.AreaId}.{MatrixArea.Station}.{MatrixArea.StationCode}";
        foreach (var header in new[] { "Authorization", CallerAuthenticator.Header })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation(header, header == "Authorization" ? "Bearer " + credential : credential);

            using var response = await _http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} ({header}): {(int)response.StatusCode}");
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} ({header}): Cache-Control {response.Headers.CacheControl}");
            AssertHardened(response, url, https: false);
        }
    }

    [Fact]
    public async Task A_public_answer_keeps_its_own_cache_policy_even_behind_a_proxy_token()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem());
        using var anonymous = await _http.GetAsync("/api/reports/" + code);
        // Behind the Static Web App, Authorization carries the proxy's own token (a JWT), not a GridAid credential.
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/api/reports/" + code);
        proxied.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzd2EifQ.c2lnbmF0dXJl");
        using var behindProxy = await _http.SendAsync(proxied);

        foreach (var response in new[] { anonymous, behindProxy })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoCache == true, $"Cache-Control {response.Headers.CacheControl}");
            Assert.NotNull(response.Headers.ETag);
            AssertHardened(response, "status", https: false);
        }
    }

    [Fact]
    public void The_static_web_apps_global_headers_are_the_servers_https_headers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("infra", PageRewrites.FileName)));
        var global = doc.RootElement.GetProperty("globalHeaders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(
            SecurityHeaders.OverHttps.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => h.Key + ": " + h.Value),
            global.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => h.Key + ": " + h.Value));
    }

    [Fact]
    public void The_content_security_policy_allows_this_origin_only_and_nothing_inline()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.DoesNotContain("unsafe-", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("*", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("geolocation=(self)", SecurityHeaders.PermissionsPolicy, StringComparison.Ordinal);
        Assert.Contains("camera=(self)", SecurityHeaders.PermissionsPolicy, StringComparison.Ordinal);
        Assert.All(SecurityHeaders.PermissionsPolicy.Split(", "), p => Assert.Matches(@"^[a-z-]+=\((self)?\)$", p));
    }

    [Fact]
    public void No_page_has_inline_script_style_or_event_handler()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("web"), "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(file);
            var name = Path.GetRelativePath(RepoPaths.Root, file);
            found.AddRange(InlineScript().Matches(html).Select(m => $"{name}: {m.Value}"));
            found.AddRange(StyleElementOrAttribute().Matches(html).Select(m => $"{name}: {m.Value}"));
            found.AddRange(EventHandler().Matches(html).Select(m => $"{name}: {m.Value}"));
            found.AddRange(JavaScriptUrl().Matches(html).Select(m => $"{name}: {m.Value}"));
        }

        Assert.Empty(found);
    }

    /// <summary>Asserts <see cref="SecurityHeaders.Always"/> on an answer, and HSTS exactly when it went over HTTPS.</summary>
    private static void AssertHardened(HttpResponseMessage response, string what, bool https)
    {
        foreach (var (name, value) in SecurityHeaders.Always)
        {
            Assert.True(Header(response, name) == value, $"{what}: {name} is \"{Header(response, name)}\", expected \"{value}\"");
        }

        Assert.Equal(https ? SecurityHeaders.StrictTransportSecurity : null, Header(response, "Strict-Transport-Security"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static AuthenticationHeaderValue? Credential(Who who) => who switch
    {
        Who.Anonymous => null,
        Who.TheStation => GridAidFixture.Bearer(MatrixArea.AreaId, MatrixArea.Station, MatrixArea.StationCode),
        Who.TheAreasAdmin => GridAidFixture.Bearer(MatrixArea.AreaId, "admin", MatrixArea.AdminCode),
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[\s>]|\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElementOrAttribute();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavaScriptUrl();
}
