using System.Net;
using GridAid.Functions;
using GridAid.Functions.Posters;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ZXing;

namespace GridAid.IntegrationTests;

/// <summary>The QR code on a point's poster: served as SVG, and what it encodes opens that point's report form.</summary>
[Collection(SharedGridAid.Name)]
public class PosterTests(GridAidFixture f)
{
    private const string Point = "ts-nantianmen";

    [Fact]
    public async Task A_known_point_has_a_cacheable_svg_qr_code_of_its_report_link()
    {
        using var response = await f.Http.GetAsync($"/api/points/{Point}/qr.svg");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        // Private: the address inside can come from the request's forwarded host, so no shared cache may keep it.
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        // The very code the round-trip test decodes: same link, same encoder, same error correction.
        Assert.Equal(PointQrCode.Svg(new Uri(f.Host.BaseAddress, "/r/" + Point)), svg);
    }

    [Theory]
    [InlineData("ts-nowhere")]
    [InlineData("Not%20a%20code")]
    [InlineData("..%2F..%2Fetc")]
    public async Task An_unknown_or_invalid_point_is_404(string code)
    {
        using var response = await f.Http.GetAsync($"/api/points/{code}/qr.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_code_decodes_to_the_absolute_report_link()
    {
        var url = PointQrCode.Url(f.Host.BaseAddress, Point);

        Assert.Equal(new Uri(f.Host.BaseAddress, "/r/" + Point).AbsoluteUri, Decode(PointQrCode.Png(url)));
        Assert.Equal($"http://{f.Host.BaseAddress.Authority}/r/{Point}", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://gentle-sea-0a1b2c.azurestaticapps.net", "https://gentle-sea-0a1b2c.azurestaticapps.net/r/ts-nantianmen")]
    [InlineData("https://gentle-sea-0a1b2c.azurestaticapps.net/", "https://gentle-sea-0a1b2c.azurestaticapps.net/r/ts-nantianmen")]
    [InlineData("https://example.org/taishan/", "https://example.org/taishan/r/ts-nantianmen")]
    [InlineData(null, "http://127.0.0.1:7071/r/ts-nantianmen")]
    [InlineData("", "http://127.0.0.1:7071/r/ts-nantianmen")]
    [InlineData("/relative", "http://127.0.0.1:7071/r/ts-nantianmen")]
    public void The_public_base_url_setting_wins_over_the_request_host(string? configured, string expected)
    {
        var url = PointQrCode.Url(PointQrCode.PublicBase(configured, "http", "127.0.0.1:7071"), Point);

        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Fact]
    public async Task The_function_encodes_the_configured_public_base_url()
    {
        const string publicBase = "https://gentle-sea-0a1b2c.azurestaticapps.net";
        var function = new PosterFunctions(f.Host.Get<DirectoryCache>(), Options.Create(new GridAidOptions { PublicBaseUrl = publicBase }));
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("func-internal.example");

        var result = Assert.IsType<SvgImageResult>(await function.GetPointQr(request, Point, CancellationToken.None));

        Assert.Equal(PointQrCode.Svg(new Uri(publicBase + "/r/" + Point)), result.Svg);
        Assert.Equal(publicBase + "/r/" + Point, Decode(PointQrCode.Png(new Uri(publicBase + "/r/" + Point))));
        Assert.IsNotType<SvgImageResult>(await function.GetPointQr(request, "ts-nowhere", CancellationToken.None));
    }

    /// <summary>Reads a QR code from a PNG the way a phone camera would: grey pixels in, text out.</summary>
    private static string? Decode(byte[] png)
    {
        using var image = Image.Load<L8>(png);
        var pixels = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(new RGBLuminanceSource(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }
}
