using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GridAid.IntegrationTests.Limits;

/// <summary>An Open311 client is one more door to the same intake: the report form's limits count its posts too, and a lost person still goes through.</summary>
[Collection(LimitedGridAid.Name)]
public sealed class Open311LimitTests(LimitsFixture f)
{
    private Task<HttpResponseMessage> PostAsync(string client, string form)
    {
        var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        return f.SendAsync(client, HttpMethod.Post, "/api/open311/v2/requests.json", content: content);
    }

    [Fact]
    public async Task Open311_posts_count_against_the_clients_limit_and_a_lost_person_still_goes_through()
    {
        const string client = "198.51.100.90";
        for (var i = 0; i < LimitsFixture.ReportsPerClient; i++)
        {
            using var accepted = await PostAsync(client, $"service_code=tip&address_id=ts-tiankuang-hall&description=Tip+{i}+{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var refused = await PostAsync(client, $"service_code=tip&address_id=ts-tiankuang-hall&description=One+more+{Guid.NewGuid():N}"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
            Assert.Equal(429, error.GetProperty("code").GetInt32());
        }

        using var person = await PostAsync(client, "service_code=lost_person&address_id=ts-tiankuang-hall&phone=13900001111&attribute[age]=7&attribute[clothing]=yellow+raincoat");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
    }
}
