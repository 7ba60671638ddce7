using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GridAid.Functions;
using GridAid.Functions.Posters;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ZXing;

namespace GridAid.IntegrationTests;

/// <summary>
/// The QR code on a point's poster: served as SVG, and what it encodes opens that point's report form, at the configured
/// public address only (never one taken from the request's headers).
/// </summary>
[Collection(SharedGridAid.Name)]
public partial class PosterTests(GridAidFixture f)
{
    private const string Point = "ts-nantianmen";

    [Fact]
    public async Task A_known_point_has_a_cacheable_svg_qr_code_of_its_report_link()
    {
        using var response = await f.Http.GetAsync($"/api/points/{Point}/qr.svg");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        // Public: the address inside is the configured one, the same whoever asks.
        Assert.True(response.Headers.CacheControl?.Public);
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
    [InlineData("http://127.0.0.1:7071", "http://127.0.0.1:7071/r/ts-nantianmen")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("/relative", null)]
    [InlineData("ftp://example.org/", null)]
    public void Only_a_configured_absolute_http_address_is_a_public_base_url(string? configured, string? expected)
    {
        var url = PointQrCode.PublicBase(configured) is { } baseUrl ? PointQrCode.Url(baseUrl, Point).AbsoluteUri : null;

        Assert.Equal(expected, url);
    }

    /// <summary>Headers a caller controls: none of them may move what a printed code opens.</summary>
    public static TheoryData<string, string> ForgedHeaders() => new()
    {
        { "Host", "evil.example" },
        { "X-Forwarded-Host", "evil.example" },
        { "X-Forwarded-Host", "evil.example:443" },
        { "X-Forwarded-Proto", "https" },
        { "Forwarded", "host=evil.example;proto=https" },
    };

    [Theory]
    [MemberData(nameof(ForgedHeaders))]
    public async Task A_forged_host_header_does_not_change_the_encoded_link(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/points/{Point}/qr.svg");
        if (header == "Host")
        {
            request.Headers.Host = value;
        }
        else
        {
            request.Headers.Add(header, value);
        }

        using var response = await f.Http.SendAsync(request);
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The local host's default public address is its own: the one the tests call it at.
        Assert.Equal(new Uri(f.Host.BaseAddress, "/r/" + Point).AbsoluteUri, Decode(Rasterize(svg)));
    }

    [Fact]
    public async Task Without_a_configured_public_base_url_the_code_is_refused_rather_than_taken_from_the_request()
    {
        var function = new PosterFunctions(f.Host.Get<DirectoryCache>(), Options.Create(new GridAidOptions { PublicBaseUrl = null }));
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("evil.example");
        context.Request.Headers["X-Forwarded-Host"] = "evil.example";
        context.Request.Headers.AcceptLanguage = "en";
        context.Response.Body = new MemoryStream();

        var result = await function.GetPointQr(context.Request, Point, CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext(context, new(), new()));

        Assert.IsNotType<SvgImageResult>(result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("PublicBaseUrl", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_function_encodes_the_configured_public_base_url()
    {
        const string publicBase = "https://gentle-sea-0a1b2c.azurestaticapps.net";
        var function = new PosterFunctions(f.Host.Get<DirectoryCache>(), Options.Create(new GridAidOptions { PublicBaseUrl = publicBase }));
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("func-internal.example");
        request.Headers["X-Forwarded-Host"] = "evil.example";

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
        return Decode(pixels, image.Width, image.Height);
    }

    private static string? Decode((byte[] Pixels, int Width, int Height) image) => Decode(image.Pixels, image.Width, image.Height);

    private static string? Decode(byte[] pixels, int width, int height)
    {
        // PureBarcode: the image is the code and its quiet zone only. Without it ZXing misses about one link in a hundred
        // (the port in the link varies per run), which made these tests flaky.
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, PureBarcode = true } };
        return reader.Decode(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }

    /// <summary>
    /// The served SVG as grey pixels, 10 per module: QRCoder draws a white square of <c>viewBox</c> modules and one black
    /// path of one-module-high runs (<c>M{x} {y}h{w}v1h-{w}z</c>).
    /// </summary>
    private static (byte[] Pixels, int Width, int Height) Rasterize(string svg, int scale = 10)
    {
        var modules = int.Parse(ViewBox().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        var side = modules * scale;
        var pixels = Enumerable.Repeat((byte)255, side * side).ToArray();
        var runs = Run().Matches(svg);
        Assert.NotEmpty(runs);
        foreach (Match run in runs)
        {
            var (x, y, w) = (int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture));
            for (var py = y * scale; py < (y + 1) * scale; py++)
            {
                Array.Fill(pixels, (byte)0, (py * side) + (x * scale), w * scale);
            }
        }

        return (pixels, side, side);
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z")]
    private static partial Regex Run();
}
