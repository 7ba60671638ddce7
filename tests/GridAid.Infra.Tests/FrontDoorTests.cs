using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridAid.Infra.Tests;

/// <summary>
/// Front Door is the one public address: /api/* goes to the function app, everything else to the Static Web App,
/// so the pages' same-origin fetch('/api/...') keeps working. The function app takes requests from this Front Door
/// only, and an optional WAF rule limits /api/* per client IP.
/// </summary>
[Collection(SharedBicepBuild.Name)]
public sealed class FrontDoorTests
{
    private readonly BicepTemplateFixture _bicep;

    public FrontDoorTests(BicepTemplateFixture bicep) => _bicep = bicep;

    [Fact]
    public void ProfileIsStandardWithOneEndpoint()
    {
        var profile = _bicep.SingleOfType("Microsoft.Cdn/profiles");
        Assert.Equal("Standard_AzureFrontDoor", profile.GetProperty("sku").GetProperty("name").GetString());
        _bicep.SingleOfType("Microsoft.Cdn/profiles/afdEndpoints");
    }

    [Fact]
    public void ApiGoesToTheFunctionAppAndEverythingElseToTheStaticWebApp()
    {
        var routes = _bicep.OfType("Microsoft.Cdn/profiles/afdEndpoints/routes");
        Assert.Equal(2, routes.Count);

        var api = Route(routes, "/api/*");
        var web = Route(routes, "/*");
        Assert.Contains("'api')", api.GetProperty("properties").GetProperty("originGroup").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains("'web')", web.GetProperty("properties").GetProperty("originGroup").GetProperty("id").GetString(), StringComparison.Ordinal);

        foreach (var route in routes)
        {
            var props = route.GetProperty("properties");
            Assert.Equal("HttpsOnly", props.GetProperty("forwardingProtocol").GetString());
            Assert.Equal("Enabled", props.GetProperty("httpsRedirect").GetString());
            Assert.Equal("Enabled", props.GetProperty("linkToDefaultDomain").GetString());
            // No caching: every request reaches the origin.
            Assert.False(props.TryGetProperty("cacheConfiguration", out _));
        }

        // The origins' host names come from the two apps' outputs.
        var routesModule = Deployment("frontdoor-routes").GetProperty("properties").GetProperty("parameters");
        Assert.Contains("'functions')", routesModule.GetProperty("apiHostName").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.hostName.value]", routesModule.GetProperty("apiHostName").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("'staticweb')", routesModule.GetProperty("webHostName").GetProperty("value").GetString(), StringComparison.Ordinal);

        var origins = _bicep.OfType("Microsoft.Cdn/profiles/originGroups/origins");
        Assert.Equal(2, origins.Count);
        foreach (var origin in origins)
        {
            var props = origin.GetProperty("properties");
            // App Service and Static Web Apps route by host: forward the origin's own host name.
            Assert.Equal(props.GetProperty("hostName").GetString(), props.GetProperty("originHostHeader").GetString());
            Assert.True(props.GetProperty("enforceCertificateNameCheck").GetBoolean());
        }
    }

    // Single-origin groups: no health probes (https://learn.microsoft.com/azure/frontdoor/health-probes), else the
    // edges would call the function app around the clock and it would never scale to zero.
    [Fact]
    public void OriginGroupsSendNoHealthProbes()
    {
        var groups = _bicep.OfType("Microsoft.Cdn/profiles/originGroups");
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.False(g.GetProperty("properties").TryGetProperty("healthProbeSettings", out _)));
    }

    // https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions, "Restrict access to a specific Azure
    // Front Door instance": service tag AzureFrontDoor.Backend plus the X-Azure-FDID header.
    [Fact]
    public void FunctionAppTakesRequestsOnlyFromThisFrontDoor()
    {
        var siteConfig = _bicep.SingleOfType("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig");

        Assert.Equal("Deny", siteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString());
        var rule = Assert.Single(siteConfig.GetProperty("ipSecurityRestrictions").EnumerateArray());
        Assert.Equal("Allow", rule.GetProperty("action").GetString());
        Assert.Equal("ServiceTag", rule.GetProperty("tag").GetString());
        Assert.Equal("AzureFrontDoor.Backend", rule.GetProperty("ipAddress").GetString());
        Assert.Equal("[parameters('frontDoorId')]", Assert.Single(rule.GetProperty("headers").GetProperty("x-azure-fdid").EnumerateArray()).GetString());

        var frontDoorId = Deployment("functions").GetProperty("properties").GetProperty("parameters").GetProperty("frontDoorId").GetProperty("value").GetString()!;
        Assert.Contains("'frontdoor')", frontDoorId, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.frontDoorId.value]", frontDoorId, StringComparison.Ordinal);

        // azd deploy publishes through the SCM site (Entra ID only: basic publishing is off).
        Assert.False(siteConfig.GetProperty("scmIpSecurityRestrictionsUseMain").GetBoolean());
        Assert.Equal("Allow", siteConfig.GetProperty("scmIpSecurityRestrictionsDefaultAction").GetString());
    }

    // https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-rate-limit
    [Fact]
    public void WafRateLimitsApiPerSocketIpAndIsOnByDefault()
    {
        var parameters = _bicep.Template.RootElement.GetProperty("parameters");
        Assert.True(parameters.GetProperty("apiRateLimitEnabled").GetProperty("defaultValue").GetBoolean());
        Assert.Equal(600, parameters.GetProperty("apiRateLimitThreshold").GetProperty("defaultValue").GetInt32());
        Assert.Equal(1, parameters.GetProperty("apiRateLimitWindowMinutes").GetProperty("defaultValue").GetInt32());
        Assert.Equal([1, 5], parameters.GetProperty("apiRateLimitWindowMinutes").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetInt32()));

        var policy = _bicep.SingleOfType("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies");
        Assert.Equal("[parameters('rateLimitEnabled')]", policy.GetProperty("condition").GetString());
        Assert.Equal("Standard_AzureFrontDoor", policy.GetProperty("sku").GetProperty("name").GetString());

        var settings = policy.GetProperty("properties").GetProperty("policySettings");
        Assert.Equal("Prevention", settings.GetProperty("mode").GetString());
        // No custom block response: Front Door then answers rate-limit blocks with 429, which the report form retries.
        Assert.False(settings.TryGetProperty("customBlockResponseStatusCode", out _));
        Assert.False(settings.TryGetProperty("customBlockResponseBody", out _));

        var rule = Assert.Single(policy.GetProperty("properties").GetProperty("customRules").GetProperty("rules").EnumerateArray());
        Assert.Equal("RateLimitRule", rule.GetProperty("ruleType").GetString());
        Assert.Equal("Block", rule.GetProperty("action").GetString());
        Assert.Equal("[parameters('rateLimitThreshold')]", rule.GetProperty("rateLimitThreshold").GetString());
        Assert.Equal("[parameters('rateLimitDurationInMinutes')]", rule.GetProperty("rateLimitDurationInMinutes").GetString());
        Assert.Equal("SocketAddr", Assert.Single(rule.GetProperty("groupBy").EnumerateArray()).GetProperty("variableName").GetString());

        var match = Assert.Single(rule.GetProperty("matchConditions").EnumerateArray());
        Assert.Equal("RequestUri", match.GetProperty("matchVariable").GetString());
        Assert.Equal("RegEx", match.GetProperty("operator").GetString());

        var security = _bicep.SingleOfType("Microsoft.Cdn/profiles/securityPolicies");
        Assert.Equal("[parameters('rateLimitEnabled')]", security.GetProperty("condition").GetString());
        Assert.Equal("WebApplicationFirewall", security.GetProperty("properties").GetProperty("parameters").GetProperty("type").GetString());
    }

    // The rule's expression matches /api/ paths whether RequestUri holds the whole URL or only path and query.
    [Theory]
    [InlineData("/api/reports", true)]
    [InlineData("/api/points/ts-nantianmen/qr.svg", true)]
    [InlineData("https://fde-abc.z01.azurefd.net/api/reports?lang=zh", true)]
    [InlineData("http://fde-abc.z01.azurefd.net/API/stations", true)]
    [InlineData("/r/ts-nantianmen", false)]
    [InlineData("/s/api/x", false)]
    [InlineData("https://fde-abc.z01.azurefd.net/station/index.html?next=/api/", false)]
    public void RateLimitMatchesOnlyApiRequests(string requestUri, bool limited)
    {
        var policy = _bicep.SingleOfType("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies");
        var match = policy.GetProperty("properties").GetProperty("customRules").GetProperty("rules")[0].GetProperty("matchConditions")[0];
        var pattern = Assert.Single(match.GetProperty("matchValue").EnumerateArray()).GetString()!;
        Assert.Equal(["Lowercase"], match.GetProperty("transforms").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(limited, Regex.IsMatch(requestUri.ToLowerInvariant(), pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    // GridAid__PublicBaseUrl is what QR posters print: the address people open, i.e. Front Door (or a custom domain).
    [Fact]
    public void PublicBaseUrlIsTheFrontDoorAddressUnlessACustomOneIsGiven()
    {
        // Bicep compiles the conditional module parameter into one expression that builds the { value } object.
        var functions = Deployment("functions").GetProperty("properties");
        var value = functions.GetProperty("parameters").GetProperty("publicBaseUrl").GetString()!;

        Assert.StartsWith("[if(empty(parameters('publicBaseUrl')), createObject('value', format('https://{0}', reference(", value, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Resources/deployments', 'frontdoor')", value, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.hostName.value)), createObject('value', parameters('publicBaseUrl')))]", value, StringComparison.Ordinal);
        Assert.Equal("", _bicep.Template.RootElement.GetProperty("parameters").GetProperty("publicBaseUrl").GetProperty("defaultValue").GetString());

        // The module has no default to fall back on, and the app setting is bound to it.
        Assert.False(functions.GetProperty("template").GetProperty("parameters").GetProperty("publicBaseUrl").TryGetProperty("defaultValue", out _));
        var settings = _bicep.OfType("Microsoft.Web/sites/config")
            .Single(c => c.GetProperty("properties").TryGetProperty("GridAid__PublicBaseUrl", out _))
            .GetProperty("properties");
        Assert.Equal("[parameters('publicBaseUrl')]", settings.GetProperty("GridAid__PublicBaseUrl").GetString());

        var output = _bicep.Template.RootElement.GetProperty("outputs").GetProperty("PUBLIC_BASE_URL").GetProperty("value").GetString()!;
        Assert.StartsWith("[if(empty(parameters('publicBaseUrl')), format('https://{0}', reference(", output, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Resources/deployments', 'frontdoor')", output, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.hostName.value), parameters('publicBaseUrl'))]", output, StringComparison.Ordinal);
    }

    private static JsonElement Route(IEnumerable<JsonElement> routes, string pattern) =>
        routes.Single(r => r.GetProperty("properties").GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()).SequenceEqual([pattern]));

    private JsonElement Deployment(string name) =>
        _bicep.OfType("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == name);
}
