using GridAid.Functions.Access;

namespace GridAid.IntegrationTests.Access;

/// <summary>Every HTTP function the real Functions host will serve declares who may call it, and the declarations follow the route's shape.</summary>
public class AccessDeclarationTests
{
    /// <summary>
    /// The routes anybody may call, reviewed by hand: making a route public is a decision, so a new public route fails
    /// here until it is added to this list.
    /// </summary>
    private static readonly string[] PublicRoutes =
    [
        "health",
        "openapi.json",
        "open311/v2/discovery.{format}",
        "open311/v2/requests.{format}",
        "open311/v2/requests/{serviceRequestId}.{format}",
        "open311/v2/services.{format}",
        "open311/v2/services/{serviceCode}.{format}",
        "points",
        "points/{code}",
        "points/{code}/qr.svg",
        "report-rules",
        "reports",
        "reports/{trackingCode}",
        "reports/{trackingCode}/feedback",
        "s",
        "s/{trackingCode}",
        "s/{trackingCode}/feedback",
    ];

    public static TheoryData<string> HttpFunctions() => [.. FunctionsMetadata.Http().Select(f => f.Name)];

    [Fact]
    public void The_metadata_lists_http_functions()
    {
        // Guards the sweep below against passing on an empty list.
        Assert.True(FunctionsMetadata.Http().Count() >= 20, FunctionsMetadata.Path());
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_http_function_declares_who_may_call_it(string name)
    {
        var entry = FunctionsMetadata.Http().Single(f => f.Name == name);
        var method = AccessMiddleware.FindMethod(entry.EntryPoint);

        Assert.True(method is not null, $"{entry.EntryPoint} (from functions.metadata) is not a public method of GridAid.Functions");
        Assert.True(AccessGate.DeclarationOf(method) is not null, $"{name} ({entry.Route}) has no [CallableBy]: say who may call it");
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Declarations_follow_the_route(string name)
    {
        var entry = FunctionsMetadata.Http().Single(f => f.Name == name);
        var declared = AccessGate.DeclarationOf(AccessMiddleware.FindMethod(entry.EntryPoint)!)!;
        var route = entry.Route!;

        if (route.StartsWith("admin/", StringComparison.Ordinal))
        {
            Assert.Equal(Callers.AreaAdmin, declared.Callers);
        }

        if (declared.Callers is Callers.RouteStation or Callers.RouteStationOrAdmin)
        {
            Assert.Contains("{" + declared.StationParameter + "}", route, StringComparison.Ordinal);
        }

        if (route.Contains("{stationId}", StringComparison.Ordinal))
        {
            Assert.Contains(declared.Callers, new[] { Callers.RouteStation, Callers.RouteStationOrAdmin });
        }

        Assert.Equal(PublicRoutes.Contains(route, StringComparer.Ordinal), declared.Callers == Callers.Anyone);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_admin_change_and_export_is_audited(string name)
    {
        var entry = FunctionsMetadata.Http().Single(f => f.Name == name);
        var method = AccessMiddleware.FindMethod(entry.EntryPoint)!;
        var changes = entry.Methods.Split(',').Any(m => m is not ("GET" or "HEAD"));
        var exports = entry.Route!.EndsWith(".csv", StringComparison.Ordinal);

        if (AccessGate.DeclarationOf(method)!.Callers == Callers.AreaAdmin && (changes || exports))
        {
            Assert.True(AuditTrail.IsAudited(method), $"{name} ({entry.Methods} {entry.Route}) changes or exports an area's data: mark it [Audited]");
        }
    }
}
