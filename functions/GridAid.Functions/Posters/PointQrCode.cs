using QRCoder;

namespace GridAid.Functions.Posters;

/// <summary>What a poster's QR code holds: the absolute link to the report form of one point, drawn as SVG (or PNG).</summary>
public static class PointQrCode
{
    /// <summary>Error correction Q: about a quarter of the code may be dirty, faded or lost to glare and it still scans.</summary>
    public const QRCodeGenerator.ECCLevel Ecc = QRCodeGenerator.ECCLevel.Q;

    /// <summary>
    /// Where the pages live: <c>GridAid:PublicBaseUrl</c>, when it is an absolute http(s) address (in Azure the pages are
    /// on the Static Web App, not on the Function app). Null otherwise: a printed code never takes its address from a
    /// request (its <c>Host</c> or <c>X-Forwarded-Host</c> is whatever the caller sends).
    /// </summary>
    public static Uri? PublicBase(string? configured) =>
        Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;

    /// <summary>
    /// True when no tourist's phone can open <paramref name="baseUrl"/>: <c>localhost</c>, a loopback address, or a private,
    /// link-local or unique-local one (RFC 1918 10/8, 172.16/12, 192.168/16; 169.254/16; fc00::/7, fe80::/10).
    /// </summary>
    public static bool IsPrivate(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var host = baseUrl.Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!System.Net.IPAddress.TryParse(host, out var ip))
        {
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (System.Net.IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6UniqueLocal || ip.IsIPv6SiteLocal)
        {
            return true;
        }

        var b = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && (b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0);
    }

    /// <summary><c>{base}/r/{code}</c>, the page a tourist's camera opens; <paramref name="baseUrl"/> may end with a slash.</summary>
    public static Uri Url(Uri baseUrl, string code)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(code);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(root + "/r/" + Uri.EscapeDataString(code), UriKind.Absolute);
    }

    /// <summary>A black-on-white SVG with its quiet zone, 8 px per module (it scales: print size comes from CSS).</summary>
    public static string Svg(Uri url)
    {
        using var data = Encode(url);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true);
    }

    /// <summary>The same code as a PNG (for checks that decode it).</summary>
    public static byte[] Png(Uri url, int pixelsPerModule = 10)
    {
        using var data = Encode(url);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    private static QRCodeData Encode(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return QRCodeGenerator.GenerateQrCode(url.AbsoluteUri, Ecc);
    }
}
