using System.Text.Json;

namespace GridAid.Infra.Tests;

[Collection(SharedBicepBuild.Name)]
public sealed class MainTemplateTests
{
    private readonly BicepTemplateFixture _bicep;

    public MainTemplateTests(BicepTemplateFixture bicep) => _bicep = bicep;

    [Fact]
    public void BuildSucceedsWithoutWarnings()
    {
        Assert.True(_bicep.Build.ExitCode == 0, "bicep build failed:\n" + _bicep.Build.Output);
        AssertNoDiagnostics(_bicep.Build);
        Assert.NotEmpty(_bicep.Resources);
    }

    [Fact]
    public void LintPassesWithoutWarnings()
    {
        Assert.True(_bicep.Lint.ExitCode == 0, "bicep lint failed:\n" + _bicep.Lint.Output);
        AssertNoDiagnostics(_bicep.Lint);
    }

    // Azure-Samples/functions-quickstart-dotnet-azd, infra/main.bicep, @allowed on location (last changed in
    // e35589c4c2a49ab67c3fd89eb3d75c29aab6ce7f, 2025-05-05, "Updated location/region list for Flex Consumption";
    // the same at fe74255cf1a7d5bf247e60fd63cb8379a8a536c2, 2026-02-24). Microsoft Learn publishes no fixed list
    // (flex-consumption-how-to, "View currently supported regions": `az functionapp list-flexconsumption-locations`).
    private static readonly string[] SampleFlexConsumptionRegions =
    [
        "australiaeast", "australiasoutheast", "brazilsouth", "canadacentral", "centralindia", "centralus", "eastasia",
        "eastus", "eastus2", "eastus2euap", "francecentral", "germanywestcentral", "italynorth", "japaneast",
        "koreacentral", "northcentralus", "northeurope", "norwayeast", "southafricanorth", "southcentralus",
        "southeastasia", "southindia", "spaincentral", "swedencentral", "uaenorth", "uksouth", "ukwest",
        "westcentralus", "westeurope", "westus", "westus2", "westus3",
    ];

    [Fact]
    public void LocationAllowsOnlyFlexConsumptionRegions()
    {
        var location = _bicep.Template.RootElement.GetProperty("parameters").GetProperty("location");
        var allowed = location.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();

        // The sample's list minus its early-updates (EUAP) region; nothing the sample does not list.
        Assert.Equal(SampleFlexConsumptionRegions.Where(r => r != "eastus2euap"), allowed);
        Assert.DoesNotContain("eastus2euap", allowed);
        Assert.Equal("location", location.GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());
        Assert.False(location.TryGetProperty("defaultValue", out _));
    }

    [Fact]
    public void StorageAccountAllowsOnlyEntraIdOverTls12()
    {
        var props = _bicep.SingleOfType("Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.False(props.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(props.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", props.GetProperty("minimumTlsVersion").GetString());
        Assert.True(props.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
    }

    /// <summary>
    /// Photos are personal data: their container is private and named as the app names it; the app reads and writes it
    /// with its identity's Storage Blob Data Owner role (RoleAssignmentTests), never a key or a public URL.
    /// </summary>
    [Fact]
    public void PhotosContainerIsPrivateAndNamedAsTheAppNamesIt()
    {
        var container = _bicep.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(c => c.GetProperty("name").GetString()!.Contains("'" + GridAid.Infrastructure.Storage.ContainerNames.Photos + "'", StringComparison.Ordinal));
        Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
    }

    [Fact]
    public void EventGridTopicTakesCloudEventsAndHasNoKeys()
    {
        var props = _bicep.SingleOfType("Microsoft.EventGrid/topics").GetProperty("properties");

        Assert.True(props.GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal("CloudEventSchemaV1_0", props.GetProperty("inputSchema").GetString());
    }

    [Fact]
    public void ApplicationInsightsHasNoInstrumentationKeyAuth()
    {
        var props = _bicep.SingleOfType("Microsoft.Insights/components").GetProperty("properties");

        Assert.True(props.GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public void PlanIsFlexConsumptionFc1OnLinux()
    {
        var plan = _bicep.SingleOfType("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean());
    }

    [Fact]
    public void FunctionAppRunsDotnetIsolated10AsUserAssignedIdentity()
    {
        var site = _bicep.SingleOfType("Microsoft.Web/sites");

        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.Contains("'azd-service-name', 'api'", site.GetProperty("tags").GetString(), StringComparison.Ordinal);

        var config = site.GetProperty("properties").GetProperty("functionAppConfig");
        var runtime = config.GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());

        var storage = config.GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());

        var scale = config.GetProperty("scaleAndConcurrency");
        Assert.True(scale.TryGetProperty("instanceMemoryMB", out _));
        Assert.True(scale.TryGetProperty("maximumInstanceCount", out _));
        Assert.True(scale.TryGetProperty("alwaysReady", out _));
    }

    [Fact]
    public void ScaleDefaultsAre2048MbUpTo100InstancesAndNoAlwaysReady()
    {
        var parameters = _bicep.Template.RootElement.GetProperty("parameters");

        Assert.Equal(2048, parameters.GetProperty("instanceMemoryMB").GetProperty("defaultValue").GetInt32());
        Assert.Equal(100, parameters.GetProperty("maximumInstanceCount").GetProperty("defaultValue").GetInt32());
        Assert.Equal(0, parameters.GetProperty("alwaysReady").GetProperty("defaultValue").GetInt32());
    }

    [Fact]
    public void AppSettingsUseManagedIdentityAndCarryNoSecrets()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        foreach (var key in new[]
                 {
                     "AzureWebJobsStorage__clientId",
                     "AzureWebJobsStorage__blobServiceUri",
                     "AzureWebJobsStorage__queueServiceUri",
                     "AzureWebJobsStorage__tableServiceUri",
                     "AZURE_CLIENT_ID",
                     "EventGrid__TopicEndpoint",
                     "APPLICATIONINSIGHTS_CONNECTION_STRING",
                 })
        {
            Assert.True(settings.ContainsKey(key), $"Missing app setting {key}.");
        }

        Assert.Equal("taishan", DefaultOf(settings["GridAid__DefaultArea"]));
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage must not be a connection string.");

        foreach (var (key, value) in settings)
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(key.Contains("InstrumentationKey", StringComparison.OrdinalIgnoreCase), key);
        }
    }

    // The demo area's access codes are in the top-level README: seeding them gives a deployment a known credential.
    [Fact]
    public void DemoDataIsOffByDefaultInMainAndInTheFunctionsModule()
    {
        Assert.False(_bicep.Template.RootElement.GetProperty("parameters").GetProperty("seedDemoData").GetProperty("defaultValue").GetBoolean());

        var functions = FunctionsDeployment();
        Assert.False(functions.GetProperty("properties").GetProperty("template").GetProperty("parameters")
            .GetProperty("seedDemoData").GetProperty("defaultValue").GetBoolean());
        Assert.Equal("[parameters('seedDemoData')]",
            functions.GetProperty("properties").GetProperty("parameters").GetProperty("seedDemoData").GetProperty("value").GetString());
        Assert.Equal("[string(parameters('seedDemoData'))]", AppSettings()["GridAid__SeedDemoData"]);
    }

    [Fact]
    public void ChannelsReachOnlyPublicHttpsAddressesInAzure() =>
        // The SSRF guard's switch (docs/channels.md) is written down as off, so no copied local setting turns it on.
        Assert.Equal("false", AppSettings()["GridAid__Channels__AllowPrivateTargets"]);

    [Fact]
    public void TemplateNeverReadsKeys()
    {
        Assert.DoesNotContain("listKeys(", _bicep.TemplateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas(", _bicep.TemplateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", _bicep.TemplateText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ExactlyOneUserAssignedIdentity()
    {
        _bicep.SingleOfType("Microsoft.ManagedIdentity/userAssignedIdentities");
    }

    // Static Web Apps documents linked ("bring your own") Functions backends for Consumption, Premium and Dedicated
    // plans only (https://learn.microsoft.com/azure/static-web-apps/apis-functions): no linked backend to Flex.
    [Fact]
    public void StaticWebAppIsStandardAndLinksNoBackend()
    {
        var site = _bicep.SingleOfType("Microsoft.Web/staticSites");
        Assert.Equal("Standard", site.GetProperty("sku").GetProperty("name").GetString());
        Assert.Contains("'azd-service-name', 'web'", site.GetProperty("tags").GetString(), StringComparison.Ordinal);

        Assert.Empty(_bicep.OfType("Microsoft.Web/staticSites/linkedBackends"));
    }

    [Fact]
    public void ResourceGroupIsNamedAfterTheEnvironmentAndTagged()
    {
        var rg = _bicep.SingleOfType("Microsoft.Resources/resourceGroups");

        Assert.Equal("[format('rg-{0}', parameters('environmentName'))]", rg.GetProperty("name").GetString());
        Assert.Equal("[variables('tags')]", rg.GetProperty("tags").GetString());
        Assert.Equal("[parameters('environmentName')]",
            _bicep.Template.RootElement.GetProperty("variables").GetProperty("tags").GetProperty("azd-env-name").GetString());
        Assert.Equal("subscriptionDeploymentTemplate.json#",
            _bicep.Template.RootElement.GetProperty("$schema").GetString()!.Split('/')[^1]);
    }

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_FUNCTION_URI")]
    [InlineData("AZURE_STATIC_WEB_URI")]
    [InlineData("AZURE_FRONT_DOOR_URI")]
    [InlineData("AZURE_FRONT_DOOR_ID")]
    [InlineData("PUBLIC_BASE_URL")]
    [InlineData("AZURE_EVENTGRID_TOPIC_ENDPOINT")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    public void AzdOutputIsDeclared(string name)
    {
        Assert.True(_bicep.Template.RootElement.GetProperty("outputs").TryGetProperty(name, out _), $"Missing output {name}.");
    }

    private Dictionary<string, string> AppSettings()
    {
        var config = _bicep.OfType("Microsoft.Web/sites/config")
            .Single(c => c.GetProperty("properties").TryGetProperty("AzureWebJobsStorage__credential", out _));

        return config.GetProperty("properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
    }

    // GridAid__DefaultArea is bound to a module parameter; resolve its default value.
    private string DefaultOf(string expression)
    {
        const string Prefix = "[parameters('";
        if (!expression.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return expression;
        }

        var name = expression[Prefix.Length..expression.IndexOf("')", StringComparison.Ordinal)];
        var deployment = _bicep.OfType("Microsoft.Resources/deployments")
            .Single(d => d.GetProperty("properties").GetProperty("template").GetRawText().Contains("AzureWebJobsStorage__credential", StringComparison.Ordinal));
        return deployment.GetProperty("properties").GetProperty("template")
            .GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").GetString()!;
    }

    private JsonElement FunctionsDeployment() =>
        _bicep.OfType("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == "functions");

    private static void AssertNoDiagnostics(BicepResult result)
    {
        var diagnostics = result.Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(": Warning ", StringComparison.OrdinalIgnoreCase)
                           || line.Contains(": Error ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(diagnostics.Count == 0, "Bicep diagnostics:\n" + string.Join('\n', diagnostics));
    }
}
