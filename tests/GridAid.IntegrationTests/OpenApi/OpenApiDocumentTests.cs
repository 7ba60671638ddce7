using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridAid.Functions.Access;
using GridAid.Functions.OpenApi;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.OpenApi;

/// <summary>
/// The OpenAPI document (<c>functions/GridAid.Functions/OpenApi/openapi.json</c>) describes exactly the HTTP routes the
/// Functions host will serve (the Worker SDK's functions.metadata): a route missing from it, or one it names that the
/// app does not serve, fails here. It is served as checked in, and Spectral lints it clean.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed partial class OpenApiDocumentTests(GridAidFixture f)
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static string DocumentPath => RepoPaths.Combine("functions", "GridAid.Functions", "OpenApi", "openapi.json");

    /// <summary>Every operation of the document: "METHOD /route" (as under <c>servers[0].url</c>) → its operation.</summary>
    private static Dictionary<string, JsonElement> Operations(JsonElement doc)
    {
        var operations = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => HttpMethods.Contains(m.Name)))
            {
                operations[$"{method.Name.ToUpperInvariant()} {path.Name}"] = method.Value.Clone();
            }
        }

        return operations;
    }

    /// <summary>Every route the app serves, as "METHOD /route" (route constraints dropped: <c>{id:int}</c> → <c>{id}</c>) → its function.</summary>
    private static Dictionary<string, FunctionEntry> Served() =>
        FunctionsMetadata.Http()
            .SelectMany(fn => fn.Methods.Split(',').Select(m => (Key: $"{m} /{Constraint().Replace(fn.Route!, "{$1}")}", fn)))
            .ToDictionary(x => x.Key, x => x.fn, StringComparer.Ordinal);

    private static JsonElement Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DocumentPath));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Every_served_route_is_in_the_document_and_nothing_else()
    {
        var documented = Operations(Load());
        var served = Served();
        Assert.True(served.Count >= 30, "functions.metadata lists too few HTTP routes: " + FunctionsMetadata.Path());

        var missing = served.Keys.Where(k => !documented.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var extra = documented.Keys.Where(k => !served.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            "Served but not in functions/GridAid.Functions/OpenApi/openapi.json (add each under \"paths\", see docs/architecture.md): " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, "In openapi.json but not served by any function: " + string.Join(", ", extra));
    }

    [Fact]
    public void Each_operation_is_named_after_its_function_and_says_who_may_call_it()
    {
        var documented = Operations(Load());
        var wrong = new List<string>();
        foreach (var (key, fn) in Served())
        {
            var operation = documented.GetValueOrDefault(key);
            if (operation.ValueKind != JsonValueKind.Object)
            {
                continue; // reported by the parity test
            }

            if (operation.GetProperty("operationId").GetString() != fn.Name)
            {
                wrong.Add($"{key}: operationId should be {fn.Name}");
            }

            // Public routes declare no security; every other route needs the credential.
            var isPublic = AccessGate.DeclarationOf(AccessMiddleware.FindMethod(fn.EntryPoint)!)!.Callers == Callers.Anyone;
            var security = operation.TryGetProperty("security", out var s) ? s.GetArrayLength() : -1;
            if (isPublic ? security != 0 : security <= 0)
            {
                wrong.Add($"{key}: security should be {(isPublic ? "[] (public)" : "the credential schemes")}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task The_document_is_served_as_checked_in()
    {
        using var response = await f.Http.GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(DocumentPath), served);
        Assert.Equal(OpenApiFunctions.Bytes.ToArray(), served);
        using var doc = JsonDocument.Parse(served);
        Assert.Equal("3.1.0", doc.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("X-GridAid-Auth", doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("gridaidAuth").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Spectral_lints_it_clean()
    {
        var spectral = RepoPaths.Combine("node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), "Spectral is missing: run npm ci (package.json pins @stoplight/spectral-cli).");

        var start = new ProcessStartInfo(spectral)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "lint", DocumentPath, "--ruleset", RepoPaths.Combine(".spectral.yaml"), "--format", "json", "--fail-severity", "hint", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        // Any finding, down to a hint, fails: the document stays clean, not merely free of errors.
        using var findings = JsonDocument.Parse(await output is { Length: > 0 } json ? json : "[]");
        Assert.True(process.ExitCode == 0 && findings.RootElement.GetArrayLength() == 0,
            $"spectral exited {process.ExitCode}: {await output} {await errors}");
    }

    [GeneratedRegex(@"\{([A-Za-z_]+):[^}]*\}")]
    private static partial Regex Constraint();
}
