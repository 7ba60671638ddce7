using GridAid.IntegrationTests.Figures;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Inspections;

/// <summary>
/// Venue inspections to closure on Azurite: the admin adds a venue (a hotel on Heavenly Street, inspected by the hotel's
/// grid member), an inspection with two failed items opens two rectifications, a re-inspection that passes them closes
/// them, an overdue critical one goes to the police post of the venue's cell, and every figure counts once however
/// often the phone sends the same inspection. Each test has its own venue, so they share the demo area safely.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class InspectionFlowTests(GridAidFixture f)
{
    private const string Member = "ts-yuanbao-hotel";
    private const string CellPolice = "ts-daiding-police";

    private static readonly string[] HotelItems = ["extinguishers", "exits", "wiring", "lighting", "evacuation-plan"];

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> NewVenueAsync()
    {
        var id = NewId("v");
        using var put = await f.SendAsync(HttpMethod.Put, $"/api/admin/venues/{id}", GridAidFixture.TaishanAdmin, new
        {
            name = new { zh = "测试客栈", en = "Test Inn" },
            type = "small_hotel",
            gridCellId = "tianjie",
            stationId = Member,
            contact = "0538-0000999",
        });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return id;
    }

    private static object Inspection(string id, string venueId, params string[] failed) => new
    {
        id,
        venueId,
        note = "例行检查",
        items = HotelItems.Select(i => new { itemId = i, result = failed.Contains(i) ? "fail" : "pass", note = failed.Contains(i) ? "需整改" : null }).ToArray(),
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> InspectAsync(object body, string station = Member)
    {
        using var response = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/inspections", GridAidFixture.Station(station), body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private Task<JsonElement> VenueAsync(string venueId, string station = Member) =>
        f.GetJsonAsync($"/api/stations/{station}/venues/{venueId}", GridAidFixture.Station(station));

    private static string[] Ids(JsonElement list, string? inner = null) =>
        [.. list.EnumerateArray().Select(e => (inner is null ? e : e.GetProperty(inner)).GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task The_demo_venues_are_seeded_and_a_station_sees_only_those_it_covers()
    {
        var hotel = await f.GetJsonAsync($"/api/stations/{Member}/venues", GridAidFixture.Station(Member));
        var ids = hotel.EnumerateArray().Select(v => v.GetProperty("venue").GetProperty("id").GetString()).ToList();
        Assert.Contains("yuanbao-hotel", ids);
        Assert.DoesNotContain("songfeng-teahouse", ids); // Zhongtianmen: not the hotel's cell
        var first = hotel.EnumerateArray().First(v => v.GetProperty("venue").GetProperty("id").GetString() == "yuanbao-hotel");
        Assert.Equal("small_hotel", first.GetProperty("venue").GetProperty("type").GetString());
        Assert.Equal("小旅馆", first.GetProperty("typeName").GetProperty("zh").GetString());
        Assert.Contains(first.GetProperty("checklist").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "exits");

        var admin = await f.GetJsonAsync($"/api/stations/{Member}/venues", GridAidFixture.TaishanAdmin);
        Assert.Contains(admin.EnumerateArray(), v => v.GetProperty("venue").GetProperty("id").GetString() == "songfeng-teahouse");

        using var other = await f.SendAsync(HttpMethod.Get, "/api/stations/ts-cablecar-grid/venues/yuanbao-hotel", GridAidFixture.Station("ts-cablecar-grid"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Two_failed_items_open_two_rectifications_and_a_passing_reinspection_closes_them()
    {
        var venue = await NewVenueAsync();
        var first = NewId("i");

        var (status, body) = await InspectAsync(Inspection(first, venue, "extinguishers", "lighting"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal([$"{first}.extinguishers", $"{first}.lighting"], Ids(body.GetProperty("opened")));
        var page = await VenueAsync(venue);
        Assert.Equal([$"{first}.extinguishers", $"{first}.lighting"], Ids(page.GetProperty("open")));
        Assert.All(page.GetProperty("open").EnumerateArray(), r => Assert.True(r.GetProperty("due").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6)));
        var open = await f.GetJsonAsync($"/api/stations/{Member}/rectifications", GridAidFixture.Station(Member));
        Assert.Equal(2, open.EnumerateArray().Count(r => r.GetProperty("rectification").GetProperty("venueId").GetString() == venue));

        // Re-inspected: extinguishers in date, lighting not applicable this time (stays open), then fixed.
        var second = NewId("i");
        var (_, again) = await InspectAsync(new
        {
            id = second,
            venueId = venue,
            items = HotelItems.Select(i => new { itemId = i, result = i == "lighting" ? "not_applicable" : "pass" }).ToArray(),
        });
        Assert.Equal([$"{first}.extinguishers"], Ids(again.GetProperty("closed")));
        var (_, third) = await InspectAsync(Inspection(NewId("i"), venue));
        Assert.Equal([$"{first}.lighting"], Ids(third.GetProperty("closed")));

        page = await VenueAsync(venue);
        Assert.Empty(page.GetProperty("open").EnumerateArray());
        Assert.Equal([$"{first}.extinguishers", $"{first}.lighting"], Ids(page.GetProperty("closed")));
        Assert.All(page.GetProperty("closed").EnumerateArray(), r => Assert.Equal("closed", r.GetProperty("status").GetString()));
        Assert.Equal(3, page.GetProperty("inspections").GetArrayLength());
        Assert.Equal(second, page.GetProperty("closed").EnumerateArray().First(r => r.GetProperty("itemId").GetString() == "extinguishers").GetProperty("closedBy").GetString());
    }

    [Fact]
    public async Task An_overdue_critical_rectification_escalates_to_the_police_post_of_the_venues_cell_once()
    {
        var venue = await NewVenueAsync();
        var inspection = NewId("i");
        var (status, _) = await InspectAsync(Inspection(inspection, venue, "exits"));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = $"{inspection}.exits";

        var raw = await Eventually.Get<string>(async () =>
        {
            var list = await f.GetJsonAsync($"/api/stations/{CellPolice}/rectifications", GridAidFixture.Station(CellPolice));
            return list.EnumerateArray().FirstOrDefault(r => r.GetProperty("rectification").GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } hit
                && hit.GetProperty("escalatedHere").GetBoolean() ? hit.GetRawText() : null;
        }, TestTimings.AfterSweep(TestTimings.CriticalRectification), "the overdue rectification at the cell's police post");
        var escalated = JsonDocument.Parse(raw).RootElement;

        Assert.Equal("escalated", escalated.GetProperty("rectification").GetProperty("status").GetString());
        Assert.Equal([CellPolice], escalated.GetProperty("rectification").GetProperty("escalatedTo").EnumerateArray().Select(e => e.GetString()));
        // Another police post, outside the venue's cell, does not get it.
        var hongmen = await f.GetJsonAsync("/api/stations/ts-hongmen-police/rectifications", GridAidFixture.Station("ts-hongmen-police"));
        Assert.DoesNotContain(hongmen.EnumerateArray(), r => r.GetProperty("rectification").GetProperty("id").GetString() == id);

        // Counted overdue once, however many sweeps pass; the venue's page shows it still open until a pass closes it.
        await Task.Delay(TestTimings.SweepPeriod);
        Assert.Single(await CountedAtAsync(FigureMetrics.RectificationsOverdue, id));
        var (_, fixedNow) = await InspectAsync(Inspection(NewId("i"), venue));
        Assert.Equal([id], Ids(fixedNow.GetProperty("closed")));
    }

    [Fact]
    public async Task The_same_inspection_sent_twice_is_recorded_and_counted_once()
    {
        var venue = await NewVenueAsync();
        var id = NewId("i");
        var body = Inspection(id, venue, "wiring", "evacuation-plan");

        var (first, _) = await InspectAsync(body);
        var (second, again) = await InspectAsync(body);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal([$"{id}.evacuation-plan", $"{id}.wiring"], Ids(again.GetProperty("opened")));
        Assert.Single((await VenueAsync(venue)).GetProperty("inspections").EnumerateArray());
        Assert.Equal([Member], await CountedAtAsync(FigureMetrics.InspectionsDone, id));
        Assert.Single(await CountedAtAsync(FigureMetrics.RectificationsOpened, $"{id}.evacuation-plan"));
        Assert.Single(await CountedAtAsync(FigureMetrics.RectificationsOpened, $"{id}.wiring"));
        Assert.Empty(await CountedAtAsync(FigureMetrics.RectificationsOpened, $"{id}.extinguishers"));

        // The same id from another station is somebody else's inspection: refused, nothing changes.
        using var taken = await f.SendAsync(HttpMethod.Post, "/api/stations/ts-tianjie-grid/inspections", GridAidFixture.Station("ts-tianjie-grid"), body);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Fact]
    public async Task A_failed_item_takes_a_photo_stored_without_metadata_and_a_passed_one_does_not()
    {
        var venue = await NewVenueAsync();
        var id = NewId("i");
        var (_, body) = await InspectAsync(Inspection(id, venue, "wiring"));
        var upload = body.GetProperty("photoUploads").GetProperty("wiring").GetString()!;

        using var photo = new ByteArrayContent(TestPhotos.JpegWithGps());
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var put = new HttpRequestMessage(HttpMethod.Put, upload) { Content = photo };
        put.Headers.Authorization = GridAidFixture.Station(Member);
        using var stored = await f.Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);

        using var get = await f.SendAsync(HttpMethod.Get, upload, GridAidFixture.Station(Member));
        Assert.Equal("image/jpeg", get.Content.Headers.ContentType?.MediaType);
        Assert.Empty(TestPhotos.MarkersIn(await get.Content.ReadAsByteArrayAsync()));
        using var police = await f.SendAsync(HttpMethod.Get, upload.Replace(Member, CellPolice, StringComparison.Ordinal), GridAidFixture.Station(CellPolice));
        Assert.Equal(HttpStatusCode.OK, police.StatusCode); // the cell's police post covers the venue
        using var stranger = await f.SendAsync(HttpMethod.Get, upload.Replace(Member, "ts-cablecar-grid", StringComparison.Ordinal), GridAidFixture.Station("ts-cablecar-grid"));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        var page = await VenueAsync(venue);
        Assert.Equal(upload, page.GetProperty("inspections")[0].GetProperty("photos").GetProperty("wiring").GetString());

        using var passed = new HttpRequestMessage(HttpMethod.Put, upload.Replace("/wiring", "/exits", StringComparison.Ordinal)) { Content = new ByteArrayContent(TestPhotos.JpegWithGps()) };
        passed.Headers.Authorization = GridAidFixture.Station(Member);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Http.SendAsync(passed)).StatusCode);
    }

    [Fact]
    public async Task An_incomplete_inspection_is_refused_with_the_fields_that_are_wrong()
    {
        var venue = await NewVenueAsync();
        var (status, body) = await InspectAsync(new { id = NewId("i"), venueId = venue, items = new[] { new { itemId = "exits", result = "maybe" } } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_choice", body.GetProperty("codes").GetProperty("items[0].result")[0].GetString());
        Assert.Equal("item_missing", body.GetProperty("codes").GetProperty("items")[0].GetString());

        // Not a venue this station covers.
        var (other, wrong) = await InspectAsync(Inspection(NewId("i"), venue), "ts-cablecar-grid");
        Assert.Equal(HttpStatusCode.BadRequest, other);
        Assert.Equal("venue_unknown", wrong.GetProperty("codes").GetProperty("venueId")[0].GetString());
    }

    private Task<List<string>> CountedAtAsync(string metric, string factId) =>
        f.Host.Services.GetRequiredService<FigureStore>().StationsCountingLatelyAsync("taishan", metric, factId);
}
