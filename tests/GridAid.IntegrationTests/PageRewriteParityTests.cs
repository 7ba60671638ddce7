using System.Net;
using System.Text.Json;
using GridAid.LocalHost.Web;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>
/// Holds the local host to the deployed Static Web App's page rewrites: every <c>rewrite</c> route of
/// <c>infra/staticwebapp.config.json</c>, requested at a path it matches, serves its target page from <c>web/</c>.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class PageRewriteParityTests(GridAidFixture f) : IDisposable
{
    // A rewrite serves the page at the requested address: a redirect to the folder (say /admin → /admin/) is not one.
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = f.Host.BaseAddress };

    /// <summary>Every route with a rewrite, read from the config file the Static Web App deploys.</summary>
    public static TheoryData<string, string> Rewrites()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("infra", PageRewrites.FileName)));
        var data = new TheoryData<string, string>();
        foreach (var route in doc.RootElement.GetProperty("routes").EnumerateArray())
        {
            if (route.TryGetProperty("rewrite", out var rewrite))
            {
                data.Add(route.GetProperty("route").GetString()!, rewrite.GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task The_local_host_serves_the_rewrite_target_at_a_path_the_route_matches(string route, string rewrite)
    {
        var page = await File.ReadAllBytesAsync(RepoPaths.Combine(["web", .. rewrite.Split('/', StringSplitOptions.RemoveEmptyEntries)]));

        foreach (var path in PathsMatching(route))
        {
            using var get = await _http.GetAsync(path);
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {path} ({route} → {rewrite}): {(int)get.StatusCode}");
            Assert.Equal(page, await get.Content.ReadAsByteArrayAsync());

            using var headRequest = new HttpRequestMessage(HttpMethod.Head, path);
            using var head = await _http.SendAsync(headRequest);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path} ({route} → {rewrite}): {(int)head.StatusCode}");
            Assert.Equal(page.Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task A_wildcard_route_does_not_cover_its_bare_folder_path()
    {
        // As on Azure: "/r/*" matches what is under /r/, not /r itself (and there is no navigation fallback).
        using var response = await _http.GetAsync("/r");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Concrete request paths for a route pattern: the path itself, or two paths under a trailing wildcard.</summary>
    private static string[] PathsMatching(string route)
    {
        var star = route.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return [route];
        }

        Assert.True(star == route.Length - 1, $"route \"{route}\": this test knows exact routes and routes ending in '*'");
        var under = route[..^1].EndsWith('/') ? route[..^1] : route[..^1] + "/";
        return [under + "parity-check", under + "parity/check-" + Guid.NewGuid().ToString("N")[..8]];
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>How the local host reads and matches the Static Web App's route rules.</summary>
public sealed class PageRewritesTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "swa-" + Guid.NewGuid().ToString("N") + ".json");

    private PageRewrites Load(string routes)
    {
        File.WriteAllText(_file, "{ \"routes\": [" + routes + "] }");
        return PageRewrites.Load(_file);
    }

    [Fact]
    public void The_build_output_carries_the_infra_config()
    {
        var output = Path.Combine(AppContext.BaseDirectory, PageRewrites.FileName);

        Assert.Equal(File.ReadAllText(RepoPaths.Combine("infra", PageRewrites.FileName)), File.ReadAllText(output));
    }

    [Fact]
    public void Exact_and_wildcard_routes_match_as_on_azure()
    {
        var rules = Load("""{ "route": "/r/*", "rewrite": "/r.html" }, { "route": "/admin", "rewrite": "/admin/index.html" }""");

        Assert.Equal("/r.html", rules.RewriteFor("GET", "/r/ts-nantianmen"));
        Assert.Equal("/r.html", rules.RewriteFor("HEAD", "/r/a/b"));
        Assert.Null(rules.RewriteFor("GET", "/r"));
        Assert.Null(rules.RewriteFor("GET", "/r.html"));
        Assert.Equal("/admin/index.html", rules.RewriteFor("GET", "/admin"));
        Assert.Null(rules.RewriteFor("GET", "/admin/"));
        Assert.Null(rules.RewriteFor("GET", "/administrator"));
    }

    [Fact]
    public void The_first_matching_rule_decides_even_without_a_rewrite_and_methods_narrow_a_rule()
    {
        var rules = Load("""
            { "route": "/s/private", "headers": { "Cache-Control": "no-store" } },
            { "route": "/s/*", "methods": ["GET"], "rewrite": "/s.html" },
            { "route": "/s*", "rewrite": "/other.html" }
            """);

        Assert.Null(rules.RewriteFor("GET", "/s/private"));
        Assert.Equal("/s.html", rules.RewriteFor("GET", "/s/ABCD-EFGH"));
        Assert.Equal("/other.html", rules.RewriteFor("HEAD", "/s/ABCD-EFGH"));
        Assert.Equal("/other.html", rules.RewriteFor("GET", "/s"));
    }

    [Theory]
    [InlineData("/images/*.png")]
    [InlineData("/images/*.{png,jpg}")]
    [InlineData("/a/*/b")]
    [InlineData("r/*")]
    public void A_pattern_the_local_host_cannot_match_stops_it_rather_than_serving_pages_differently(string route)
    {
        Assert.Throws<NotSupportedException>(() => Load("{ \"route\": \"" + route + "\", \"rewrite\": \"/x.html\" }"));
    }

    public void Dispose() => File.Delete(_file);
}
