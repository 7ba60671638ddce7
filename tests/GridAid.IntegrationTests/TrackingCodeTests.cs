using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests;

/// <summary>Tracking codes are keyed by a server secret, and a reused request id never hands out or drops another report.</summary>
[Collection(SharedGridAid.Name)]
public class TrackingCodeTests(GridAidFixture f)
{
    [Fact]
    public async Task The_code_is_keyed_by_the_key_the_app_keeps_in_its_own_storage()
    {
        var requestId = GridAidFixture.NewRequestId();
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-nantianmen", requestId));

        var key = await f.Host.Get<SecretStore>().GetOrCreateAsync("tracking-code-key", TrackingCode.MinKeyBytes, CancellationToken.None);
        Assert.True(key.Length >= TrackingCode.MinKeyBytes);
        Assert.Equal(TrackingCode.For(key, "taishan", requestId), code);
    }

    [Fact]
    public async Task A_reused_request_id_with_other_content_is_stored_under_its_own_code()
    {
        var requestId = GridAidFixture.NewRequestId();
        var first = await f.SubmitAsync(GridAidFixture.LostItem("ts-nantianmen", requestId));
        var other = new
        {
            kind = "hazard",
            point = "ts-nantianmen",
            description = "台阶上有碎石 · loose rocks on the steps",
            lang = "en",
            clientRequestId = requestId,
            details = new { hazardType = "damaged_path", severity = "medium" },
        };

        var second = await f.SubmitAsync(other);
        var secondAgain = await f.SubmitAsync(other);
        var firstAgain = await f.SubmitAsync(GridAidFixture.LostItem("ts-nantianmen", requestId));

        Assert.NotEqual(first, second);
        Assert.Equal(second, secondAgain);
        Assert.Equal(first, firstAgain);

        // Each code shows its own report: the second sender never sees the first one's.
        var firstStatus = await f.GetJsonAsync($"/api/reports/{first}");
        var secondStatus = await f.GetJsonAsync($"/api/reports/{second}");
        Assert.Equal("lost_item", firstStatus.GetProperty("kind").GetString());
        Assert.Equal("hazard", secondStatus.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task One_request_id_sent_with_many_different_reports_is_refused_with_409_not_500()
    {
        var requestId = GridAidFixture.NewRequestId();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await f.SendAsync(HttpMethod.Post, "/api/reports", body: new
            {
                kind = "tip",
                point = "ts-nantianmen",
                description = $"第 {i} 条线索 · tip number {i}",
                lang = "en",
                clientRequestId = requestId,
            });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.False(string.IsNullOrEmpty(problem.GetProperty("titles").GetProperty("zh").GetString()));
            }
        }

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.Conflict, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.Accepted) >= 5, string.Join(",", statuses));
    }
}
