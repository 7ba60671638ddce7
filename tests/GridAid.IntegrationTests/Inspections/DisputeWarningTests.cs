using GridAid.IntegrationTests.Figures;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Inspections;

/// <summary>
/// Dispute early warnings on Azurite: the Heavenly Street grid office files one in its cell; it reaches the summit police
/// post (the cell's) and not the hotel's grid member of the same cell, who gets 404 for it by its own route and 403 by
/// the filer's; identity numbers are refused in both languages; the police post records the outcome, counted once.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class DisputeWarningTests(GridAidFixture f)
{
    private const string Filer = "ts-tianjie-grid";
    private const string Police = "ts-daiding-police";
    private const string Hotel = "ts-yuanbao-hotel";

    private static object Warning(string id, string parties = "一名游客与一家面馆的老板") => new
    {
        id,
        cellId = "tianjie",
        type = "tourist_merchant",
        severity = "medium",
        parties,
        whatHappened = "游客认为面馆多收了钱，双方在店门口争吵，围观者渐多。",
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> FileAsync(object body, string lang = "zh-CN")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{Filer}/disputes?lang={lang}")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = GridAidFixture.Station(Filer);
        using var response = await f.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string[] Ids(JsonElement list) => [.. list.EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];

    [Fact]
    public async Task A_warning_reaches_the_cells_police_post_and_not_the_hotels_grid_station()
    {
        var id = "dw-" + Guid.NewGuid().ToString("N")[..10];
        var (status, filed) = await FileAsync(Warning(id));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal([Police], filed.GetProperty("routedTo").EnumerateArray().Select(e => e.GetString()));

        Assert.Contains(id, Ids(await f.GetJsonAsync($"/api/stations/{Police}/disputes", GridAidFixture.Station(Police))));
        Assert.Contains(id, Ids(await f.GetJsonAsync($"/api/stations/{Filer}/disputes", GridAidFixture.Station(Filer))));
        Assert.Contains(id, Ids(await f.GetJsonAsync("/api/admin/disputes", GridAidFixture.TaishanAdmin)));
        Assert.Equal(id, (await f.GetJsonAsync($"/api/stations/{Police}/disputes/{id}", GridAidFixture.Station(Police))).GetProperty("id").GetString());

        // The hotel's grid member, in the same cell: not in its list, 404 by its own route, 403 by the filer's.
        Assert.DoesNotContain(id, Ids(await f.GetJsonAsync($"/api/stations/{Hotel}/disputes", GridAidFixture.Station(Hotel))));
        using var own = await f.SendAsync(HttpMethod.Get, $"/api/stations/{Hotel}/disputes/{id}", GridAidFixture.Station(Hotel));
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        using var filers = await f.SendAsync(HttpMethod.Get, $"/api/stations/{Filer}/disputes/{id}", GridAidFixture.Station(Hotel));
        Assert.Equal(HttpStatusCode.Forbidden, filers.StatusCode);
        using var outcomeByHotel = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Hotel}/disputes/{id}/outcome", GridAidFixture.Station(Hotel), new { outcome = "mediated", date = Today() });
        Assert.Equal(HttpStatusCode.NotFound, outcomeByHotel.StatusCode);
    }

    [Fact]
    public async Task Only_the_police_post_records_the_outcome_and_mediated_counts_once()
    {
        var id = "dw-" + Guid.NewGuid().ToString("N")[..10];
        await FileAsync(Warning(id));
        var (again, _) = await FileAsync(Warning(id));
        Assert.Equal(HttpStatusCode.OK, again);

        using var byFiler = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Filer}/disputes/{id}/outcome", GridAidFixture.Station(Filer), new { outcome = "mediated", date = Today() });
        Assert.Equal(HttpStatusCode.Forbidden, byFiler.StatusCode);

        var outcome = new { outcome = "mediated", date = Today(), note = "双方在派出所调解下达成一致，退还差价。" };
        using var first = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Police}/disputes/{id}/outcome", GridAidFixture.Station(Police), outcome);
        using var retry = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Police}/disputes/{id}/outcome", GridAidFixture.Station(Police), outcome);
        using var other = await f.SendAsync(HttpMethod.Post, $"/api/stations/{Police}/disputes/{id}/outcome", GridAidFixture.Station(Police), new { outcome = "referred", date = Today() });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var closed = await f.GetJsonAsync($"/api/stations/{Filer}/disputes/{id}", GridAidFixture.Station(Filer));
        Assert.Equal("mediated", closed.GetProperty("outcome").GetString());
        Assert.Equal(Today(), closed.GetProperty("outcomeOn").GetString());

        var store = f.Host.Services.GetRequiredService<FigureStore>();
        Assert.Equal([Filer], await store.StationsCountingLatelyAsync("taishan", FigureMetrics.DisputesFiled, id));
        Assert.Equal([Police], await store.StationsCountingLatelyAsync("taishan", FigureMetrics.DisputesMediated, id));
    }

    [Theory]
    [InlineData("zh-CN", "请勿填写身份证号码")]
    [InlineData("en", "Do not give identity numbers")]
    public async Task An_identity_number_is_refused_in_the_readers_language(string lang, string message)
    {
        var id = "dw-" + Guid.NewGuid().ToString("N")[..10];
        var (status, body) = await FileAsync(Warning(id, "王某，身份证 370902199001011234"), lang);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("id_number", body.GetProperty("codes").GetProperty("parties")[0].GetString());
        Assert.StartsWith(message, body.GetProperty("errors").GetProperty("parties")[0].GetString(), StringComparison.Ordinal);
        using var nothing = await f.SendAsync(HttpMethod.Get, $"/api/stations/{Filer}/disputes/{id}", GridAidFixture.Station(Filer));
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
    }

    private static string Today() => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
