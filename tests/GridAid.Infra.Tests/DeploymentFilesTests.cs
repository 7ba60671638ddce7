using System.Text.Json;

namespace GridAid.Infra.Tests;

/// <summary>Checks the files azd reads besides the Bicep: parameters, azure.yaml, SWA routing.</summary>
public sealed class DeploymentFilesTests
{
    [Fact]
    public void ParametersFileMapsAzdEnvironment()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")));
        var parameters = doc.RootElement.GetProperty("parameters");

        Assert.Equal("${AZURE_ENV_NAME}", parameters.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", parameters.GetProperty("location").GetProperty("value").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", parameters.GetProperty("principalId").GetProperty("value").GetString());
    }

    // azd replaces ${AZURE_PRINCIPAL_TYPE} with User or ServicePrincipal, whichever signed in (Azure/azure-dev
    // cli/azd/docs/environment-variables.md; cli/azd/pkg/infra/provisioning/current_principal_id_provider.go).
    [Fact]
    public void ParametersFileTakesThePrincipalTypeFromAzd()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")));
        var parameters = doc.RootElement.GetProperty("parameters");

        Assert.Equal("${AZURE_PRINCIPAL_TYPE}", parameters.GetProperty("principalType").GetProperty("value").GetString());
    }

    [Fact]
    public void StaticWebAppConfigRewritesQrAndConsoleRoutes()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "staticwebapp.config.json")));
        var routes = doc.RootElement.GetProperty("routes").EnumerateArray()
            .ToDictionary(r => r.GetProperty("route").GetString()!, r => r.GetProperty("rewrite").GetString()!);

        Assert.Equal("/r.html", routes["/r/*"]);
        Assert.Equal("/s.html", routes["/s/*"]);
        Assert.Equal("/station/index.html", routes["/station"]);
        Assert.Equal("/admin/index.html", routes["/admin"]);
        Assert.False(doc.RootElement.TryGetProperty("navigationFallback", out _));
    }

    [Fact]
    public void AzureYamlDeclaresApiAndWebServices()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "azure.yaml")).Select(l => l.Trim()).ToList();

        Assert.Contains("name: gridaid", lines);
        Assert.Contains("project: ./functions/GridAid.FunctionApp", lines);
        Assert.Contains("host: function", lines);
        Assert.Contains("language: dotnet", lines);
        Assert.Contains("project: ./web", lines);
        Assert.Contains("host: staticwebapp", lines);
        Assert.Contains("dist: .", lines);
        Assert.Contains(lines, l => l.Contains("infra/staticwebapp.config.json", StringComparison.Ordinal));
    }
}
