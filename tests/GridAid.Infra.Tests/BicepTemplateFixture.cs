using System.Text.Json;

namespace GridAid.Infra.Tests;

/// <summary>
/// Builds infra/main.bicep to ARM JSON (in a temp folder) and lints it, once for all tests.
/// </summary>
public sealed class BicepTemplateFixture : IDisposable
{
    private readonly string _outputDirectory;

    public BicepTemplateFixture()
    {
        _outputDirectory = Path.Combine(Path.GetTempPath(), "gridaid-infra-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_outputDirectory);

        var outFile = Path.Combine(_outputDirectory, "main.json");
        Build = BicepCli.Run(RepoPaths.Infra, "build", RepoPaths.MainBicep, "--outfile", outFile);
        Lint = BicepCli.Run(RepoPaths.Infra, "lint", RepoPaths.MainBicep);

        TemplateText = File.Exists(outFile) ? File.ReadAllText(outFile) : "{}";
        Template = JsonDocument.Parse(TemplateText);
        Resources = CollectResources(Template.RootElement).ToList();
    }

    public BicepResult Build { get; }

    public BicepResult Lint { get; }

    public string TemplateText { get; }

    public JsonDocument Template { get; }

    /// <summary>Every resource declared anywhere in the template, nested module deployments included.</summary>
    public IReadOnlyList<JsonElement> Resources { get; }

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonElement SingleOfType(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    public void Dispose()
    {
        Template.Dispose();
        try
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }

    // Resources may be a JSON array or (languageVersion 2.0) an object keyed by symbolic name; a resource
    // is any object with string "type" and "apiVersion" properties, wherever it sits.
    private static IEnumerable<JsonElement> CollectResources(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                    && element.TryGetProperty("apiVersion", out var api) && api.ValueKind == JsonValueKind.String)
                {
                    yield return element;
                }

                foreach (var property in element.EnumerateObject())
                {
                    foreach (var nested in CollectResources(property.Value))
                    {
                        yield return nested;
                    }
                }

                break;

            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var nested in CollectResources(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }
}
