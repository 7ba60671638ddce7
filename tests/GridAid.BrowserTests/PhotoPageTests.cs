using System.Net.Http.Headers;
using GridAid.TestSupport;
using Microsoft.Playwright;
using SixLabors.ImageSharp;

namespace GridAid.BrowserTests;

/// <summary>
/// A photo from the form to the station on a 360 px phone: the tourist attaches a camera photo (with EXIF GPS) to a
/// found item, the phone shrinks it and sends it with the report, the desk's card shows the thumbnail (fetched with the
/// station's credential), a tap shows the photo, and the admin's report page shows it too.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class PhotoPageTests(BrowserFixture fx)
{
    private const string Desk = "ts-lost-found";

    [Fact]
    public async Task A_photo_attached_on_the_form_is_shrunk_on_the_phone_and_the_desk_sees_its_thumbnail()
    {
        await using var context = await fx.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await FormDriver.OpenAsync(page);
        await FormDriver.FillAsync(page, "found_item", "photo-" + Guid.NewGuid().ToString("N")[..8]);
        await Assertions.Expect(page.Locator("#photo")).ToBeVisibleAsync();
        await page.Locator("#photo").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_2041.jpg",
            MimeType = "image/jpeg",
            Buffer = TestPhotos.JpegWithGps(3000, 2000),
        });
        await FormDriver.ScreenshotAsync(page, "form-photo-360-en", copyToDocs: false);
        byte[]? sent = null;
        string? type = null;
        await page.RouteAsync("**/api/reports", async route =>
        {
            sent = route.Request.PostDataBuffer;
            type = await route.Request.HeaderValueAsync("content-type");
            await route.ContinueAsync();
        });
        var code = await FormDriver.SubmitAsync(page);

        // What the phone sent: multipart, the JSON part and a photo it redrew within 1600 px (a canvas keeps no EXIF).
        Assert.StartsWith("multipart/form-data", type, StringComparison.Ordinal);
        var body = System.Text.Encoding.Latin1.GetString(sent!);
        Assert.Contains("name=\"report\"", body, StringComparison.Ordinal);
        var start = body.IndexOf("\xFF\xD8\xFF", body.IndexOf("name=\"photo\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var phonePhoto = Image.Identify(sent![start..]);
        Assert.Equal(1600, phonePhoto.Width);
        Assert.Null(phonePhoto.Metadata.ExifProfile);

        // Stored as the server re-encoded it, at the size the phone sent.
        var stored = await Eventually.Get<byte[]>(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/reports/{code}/photos/1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "taishan.admin.demo-admin");
            using var r = await fx.Http.SendAsync(request);
            return r.IsSuccessStatusCode ? await r.Content.ReadAsByteArrayAsync() : null;
        }, TestTimings.Alert, "photo of " + code);
        var info = Image.Identify(stored!);
        Assert.Equal((1600, 1067), (info.Width, info.Height));
        Assert.Null(info.Metadata.ExifProfile);

        var desk = await context.NewPageAsync();
        await desk.GotoAsync("/station/");
        await desk.FillAsync("#sid", Desk);
        await desk.FillAsync("#code", "demo-" + Desk);
        await desk.ClickAsync("#login button[type=submit]");
        var card = desk.Locator($"article[data-code='{code}']");
        await card.WaitForAsync(new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });

        // The thumbnail is drawn from an object URL (an <img> cannot send the credential); measured inside the page in
        // one step, because the card is drawn again when its matches arrive.
        await desk.WaitForFunctionAsync(
            "c => { const i = document.querySelector(`article[data-code='${c}'] .photos img`); return i && i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0; }",
            code, new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });
        var thumbWidth = await desk.EvaluateAsync<int>("c => document.querySelector(`article[data-code='${c}'] .photos img`).naturalWidth", code);
        Assert.Equal(320, thumbWidth);
        await FormDriver.ScreenshotAsync(desk, "station-photo-360-en", copyToDocs: false);
        Assert.Empty(await FormDriver.AxeViolationsAsync(desk));

        await card.Locator(".photos button").First.ClickAsync();
        await desk.WaitForFunctionAsync("() => { const i = document.querySelector('dialog.viewer img'); return i && i.complete && i.naturalWidth === 1600; }");
        await FormDriver.ScreenshotAsync(desk, "station-photo-open-360-en", copyToDocs: false);
        await desk.Locator("dialog.viewer button").ClickAsync();
        await Assertions.Expect(desk.Locator("dialog.viewer")).ToHaveCountAsync(0);

        var admin = await context.NewPageAsync();
        await admin.GotoAsync("/admin/report.html?code=" + code);
        await admin.FillAsync("#code", "demo-admin");
        await admin.ClickAsync("#login button[type=submit]");
        await admin.WaitForFunctionAsync("() => { const i = document.querySelector('#pd-photos img'); return i && i.complete && i.naturalWidth > 0; }",
            null, new() { Timeout = (float)TestTimings.Alert.TotalMilliseconds });
        await FormDriver.ScreenshotAsync(admin, "admin-report-photo-360-en", copyToDocs: false);
    }
}
