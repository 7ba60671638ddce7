using System.Net;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

public class HealthWithoutStorageTests
{
    [Fact]
    public async Task Health_is_503_when_storage_does_not_answer_and_intake_says_so_plainly()
    {
        var dead = FreePorts.Take(3);
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{dead[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{dead[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{dead[2]}/devstoreaccount1;";
        await using var host = await LocalHostInstance.StartAsync(connection, seedDemo: false);

        using var health = await host.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
