using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using GridAid.Core.Serialization;
using GridAid.TestSupport;
using SixLabors.ImageSharp;

namespace GridAid.IntegrationTests;

/// <summary>
/// Photos through the real intake on Azurite: a phone's JPEG with EXIF GPS and XMP is stored without either (read back
/// from the blob and through the station's route), anything that is not a photo refuses the report and stores nothing,
/// only the alerted station and the admin can fetch them, a retry stores nothing twice, and redaction deletes the blobs.
/// </summary>
[Collection(SharedGridAid.Name)]
public partial class PhotoTests(GridAidFixture f)
{
    private const string Desk = "ts-lost-found";

    private static object FoundItem(string requestId, string description = "捡到一个蓝色水壶") => new
    {
        kind = "found_item",
        point = "ts-nantianmen",
        description,
        contact = new { phone = "13700001234" },
        lang = "en",
        clientRequestId = requestId,
        details = new { category = "other", colour = "blue", whereNow = "handed_to_station" },
    };

    /// <summary>What the form sends with JavaScript: the JSON in part <c>report</c>, each photo in a part <c>photo</c>.</summary>
    private static MultipartFormDataContent Multipart(object report, params byte[][] photos)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(report, GridAidJson.Options), Encoding.UTF8, "application/json"), "report" },
        };
        for (var i = 0; i < photos.Length; i++)
        {
            var part = new ByteArrayContent(photos[i]);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(part, "photo", $"photo{i + 1}.jpg");
        }

        return content;
    }

    /// <summary>What the form sends without JavaScript: its fields as parts (the file input's parts are added by the test).</summary>
    private static MultipartFormDataContent NoScriptForm(string description) => new()
    {
        { new StringContent("found_item"), "kind" },
        { new StringContent("ts-nantianmen"), "point" },
        { new StringContent(description), "description" },
        { new StringContent("13700001234"), "contact.phone" },
        { new StringContent("en"), "lang" },
        { new StringContent("other"), "details.category" },
    };

    private async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        return await f.Http.SendAsync(request);
    }

    private async Task<string> SubmitWithPhotosAsync(object report, params byte[][] photos)
    {
        using var response = await PostAsync(Multipart(report, photos));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, json.ToString());
        return json.GetProperty("trackingCode").GetString()!;
    }

    private BlobContainerClient Container => new BlobServiceClient(f.Azurite.ConnectionString).GetBlobContainerClient("photos");

    private async Task<List<string>> BlobsOfAsync(string code)
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"taishan/{code}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<JsonElement> AlertAsync(string station, string code) =>
        (await f.WaitForAlertAsync(station, code)).Single(a => a.GetProperty("trackingCode").GetString() == code);

    private static void AssertClean(byte[] jpeg, int maxSide)
    {
        Assert.Empty(TestPhotos.MarkersIn(jpeg));
        var info = Image.Identify(jpeg);
        Assert.NotNull(info);
        Assert.Null(info.Metadata.ExifProfile);
        Assert.Null(info.Metadata.XmpProfile);
        Assert.Null(info.Metadata.IccProfile);
        Assert.True(Math.Max(info.Width, info.Height) <= maxSide, $"{info.Width}×{info.Height}");
    }

    [Fact]
    public async Task A_phone_photo_with_gps_is_stored_and_served_without_any_metadata()
    {
        var original = TestPhotos.JpegWithGps(2000, 1500);
        Assert.Contains("Exif\0\0", TestPhotos.MarkersIn(original));
        var code = await SubmitWithPhotosAsync(FoundItem(GridAidFixture.NewRequestId()), original);

        // The blobs themselves, read back from storage.
        Assert.Equal([$"taishan/{code}/1.jpg", $"taishan/{code}/1.thumb.jpg"], (await BlobsOfAsync(code)).Order(StringComparer.Ordinal));
        var blob = (await Container.GetBlobClient($"taishan/{code}/1.jpg").DownloadContentAsync()).Value;
        Assert.Equal("image/jpeg", blob.Details.ContentType);
        AssertClean(blob.Content.ToArray(), 1600);
        AssertClean((await Container.GetBlobClient($"taishan/{code}/1.thumb.jpg").DownloadContentAsync()).Value.Content.ToArray(), 320);

        // The alert lists it; the station fetches both with its credential.
        var photos = (await AlertAsync(Desk, code)).GetProperty("photos").EnumerateArray().ToArray();
        var link = Assert.Single(photos);
        Assert.Equal($"/api/stations/{Desk}/alerts/{code}/photos/1", link.GetProperty("url").GetString());
        foreach (var (url, side) in new[] { (link.GetProperty("url").GetString()!, 1600), (link.GetProperty("thumbnailUrl").GetString()!, 320) })
        {
            using var response = await f.SendAsync(HttpMethod.Get, url, GridAidFixture.Station(Desk));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("private", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            AssertClean(await response.Content.ReadAsByteArrayAsync(), side);
        }

        // The admin's report detail lists it under the admin's own route.
        var detail = await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin);
        var adminLink = Assert.Single(detail.GetProperty("photos").EnumerateArray());
        using var adminPhoto = await f.SendAsync(HttpMethod.Get, adminLink.GetProperty("url").GetString()!, GridAidFixture.TaishanAdmin);
        Assert.Equal(HttpStatusCode.OK, adminPhoto.StatusCode);

        // Never on the public status answer.
        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.DoesNotContain("photo", status.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_the_alerted_station_and_the_admin_fetch_a_photo()
    {
        var code = await SubmitWithPhotosAsync(FoundItem(GridAidFixture.NewRequestId()), TestPhotos.JpegWithGps(300, 200));
        await AlertAsync(Desk, code);
        var url = $"/api/stations/{Desk}/alerts/{code}/photos/1";

        using (var anonymous = await f.SendAsync(HttpMethod.Get, url))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // Another station of the area, on the desk's route: refused by the gate; on its own route: it holds no alert.
        using (var other = await f.SendAsync(HttpMethod.Get, url, GridAidFixture.Station("ts-taohuayu-police")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        using (var own = await f.SendAsync(HttpMethod.Get, $"/api/stations/ts-taohuayu-police/alerts/{code}/photos/1", GridAidFixture.Station("ts-taohuayu-police")))
        {
            Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        }

        using (var second = await f.SendAsync(HttpMethod.Get, $"/api/stations/{Desk}/alerts/{code}/photos/2", GridAidFixture.Station(Desk)))
        {
            Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        }

        using var admin = await f.SendAsync(HttpMethod.Get, url, GridAidFixture.TaishanAdmin);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task A_text_file_named_jpg_refuses_the_report_and_stores_nothing()
    {
        var requestId = GridAidFixture.NewRequestId();
        using var response = await PostAsync(Multipart(FoundItem(requestId), TestPhotos.JpegWithGps(100, 100), Encoding.UTF8.GetBytes("this is not a photo")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_an_image", problem.GetProperty("codes").GetProperty("photo")[0].GetString());

        // The same request sent again without photos is a first report (its code was never claimed) with no blob.
        var code = await f.SubmitAsync(FoundItem(requestId));
        Assert.Equal("received", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("timeline")[0].GetProperty("status").GetString());
        Assert.Empty(await BlobsOfAsync(code));
    }

    [Fact]
    public async Task A_fourth_photo_or_one_past_8_mb_is_refused()
    {
        var small = TestPhotos.JpegWithGps(40, 40);
        using (var four = await PostAsync(Multipart(FoundItem(GridAidFixture.NewRequestId()), small, small, small, small)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, four.StatusCode);
            Assert.Equal("too_many", (await four.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("photo")[0].GetString());
        }

        var large = new byte[(8 * 1024 * 1024) + 1];
        small.CopyTo(large, 0);
        using var big = await PostAsync(Multipart(FoundItem(GridAidFixture.NewRequestId()), large));
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Equal("too_large", (await big.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("photo")[0].GetString());
    }

    [Fact]
    public async Task A_post_past_the_multipart_limit_gets_413()
    {
        var huge = new byte[26 * 1024 * 1024];
        using var response = await PostAsync(Multipart(FoundItem(GridAidFixture.NewRequestId()), huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_is_one_report_with_its_photos_stored_once()
    {
        var requestId = GridAidFixture.NewRequestId();
        var photos = new[] { TestPhotos.JpegWithGps(200, 100), TestPhotos.JpegWithGps(100, 200) };
        var first = await SubmitWithPhotosAsync(FoundItem(requestId), photos);
        var again = await SubmitWithPhotosAsync(FoundItem(requestId), photos);
        Assert.Equal(first, again);
        Assert.Equal(4, (await BlobsOfAsync(first)).Count);
        Assert.Equal(2, (await AlertAsync(Desk, first)).GetProperty("photos").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_a_reports_personal_data_deletes_its_photos()
    {
        var code = await SubmitWithPhotosAsync(FoundItem(GridAidFixture.NewRequestId()), TestPhotos.JpegWithGps(300, 300));
        await AlertAsync(Desk, code);
        Assert.Equal(2, (await BlobsOfAsync(code)).Count);

        using (var redact = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.NoContent, redact.StatusCode);
        }

        Assert.Empty(await BlobsOfAsync(code));
        Assert.Equal(0, (await AlertAsync(Desk, code)).GetProperty("photos").GetArrayLength());
        Assert.Equal(0, (await f.GetJsonAsync($"/api/admin/reports/{code}", GridAidFixture.TaishanAdmin)).GetProperty("photos").GetArrayLength());
        using var gone = await f.SendAsync(HttpMethod.Get, $"/api/stations/{Desk}/alerts/{code}/photos/1", GridAidFixture.Station(Desk));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_form_without_javascript_posts_its_fields_and_a_photo_and_gets_the_receipt()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var photo = new ByteArrayContent(TestPhotos.JpegWithGps(640, 480));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var content = NoScriptForm("捡到一把雨伞 " + marker);
        content.Add(photo, "photo", "IMG_0001.jpg");
        // A second file input left empty, as a browser sends it (filename=""): an empty part, not a photo.
        var empty = new ByteArrayContent([]);
        empty.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"photo\"", FileName = "\"\"" };
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(empty);
        using var response = await f.Http.PostAsync("/api/reports", content);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var code = Code().Match(html).Value;
        Assert.NotEmpty(code);
        Assert.Equal(1, (await AlertAsync(Desk, code)).GetProperty("photos").GetArrayLength());
    }

    [Fact]
    public async Task A_form_post_without_javascript_with_a_text_file_gets_the_error_page()
    {
        using var content = NoScriptForm("捡到一把雨伞");
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("plain text")), "photo", "notes.jpg");
        using var response = await f.Http.PostAsync("/api/reports", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JPEG", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multipart_form_post_with_a_value_past_its_limit_gets_the_refused_page()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("tip"), "kind" },
            { new StringContent("ts-nantianmen"), "point" },
            { new StringContent(new string('x', 70 * 1024)), "description" },
        };
        using var response = await f.Http.PostAsync("/api/reports", content);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {html}");
        Assert.Contains("id=\"rf-h\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}")]
    private static partial Regex Code();
}
