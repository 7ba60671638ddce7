using System.Net;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>A deployment whose default area is not in the directory must say so, not accept reports it cannot route.</summary>
public class UnconfiguredAreaTests
{
    [Fact]
    public async Task Health_and_intake_answer_503_until_the_default_area_exists_and_nothing_is_lost()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite.ConnectionString, seedDemo: false);

        using var health = await host.Http.GetAsync("/api/health");
        using var report = await host.Http.PostAsync("/api/reports", System.Net.Http.Json.JsonContent.Create(GridAidFixture.LostItem()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("unconfigured", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Equal(0, (await host.Get<GridAid.Infrastructure.Storage.StorageClients>().Queue("reports-intake").GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
