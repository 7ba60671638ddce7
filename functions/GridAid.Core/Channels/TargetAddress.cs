using System.Net;
using System.Net.Sockets;
using GridAid.Core.Text;
using GridAid.Core.Directory;

namespace GridAid.Core.Channels;

/// <summary>Why a channel URL or address is refused, in both languages.</summary>
public sealed record TargetRefusal(string Code, LocalizedText Text);

/// <summary>
/// The SSRF guard's rules: in production a channel is posted to over https, to a public address only. Refused: loopback,
/// private (RFC 1918, IPv6 unique-local), link-local (the cloud metadata address 169.254.169.254 among them), CGNAT
/// (100.64.0.0/10), "this network", multicast, broadcast, documentation and benchmarking ranges, and IPv4 addresses mapped
/// into IPv6 that would be refused as IPv4. <c>GridAid:Channels:AllowPrivateTargets</c> (local runs and tests) allows
/// http and every address.
/// </summary>
public static class TargetAddress
{
    public static readonly TargetRefusal NotHttps = new("url_https", Texts.Of("channel.url_https"));
    public static readonly TargetRefusal NotPublic = new("url_private", Texts.Of("channel.url_private"));
    public static readonly TargetRefusal Unresolved = new("url_unresolved", Texts.Of("channel.url_unresolved"));

    /// <summary>The URL's form: http(s) only (https unless private targets are allowed), no user info, and an IP literal host must be public.</summary>
    public static TargetRefusal? CheckUrl(Uri url, bool allowPrivateTargets)
    {
        var httpsOnly = !allowPrivateTargets;
        if (url.Scheme != Uri.UriSchemeHttps && (httpsOnly || url.Scheme != Uri.UriSchemeHttp))
        {
            return NotHttps;
        }

        if (url.UserInfo.Length > 0 || url.Host.Length == 0)
        {
            return new TargetRefusal("url_invalid", Texts.Of("channel.url_userinfo"));
        }

        if (!allowPrivateTargets && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && !IsPublic(ip))))
        {
            return NotPublic;
        }

        return null;
    }

    /// <summary>Whether every address a host resolved to is public (false for none).</summary>
    public static bool AllPublic(IReadOnlyCollection<IPAddress> addresses) => addresses.Count > 0 && addresses.All(IsPublic);

    /// <summary>Whether <paramref name="address"/> is a public unicast address that a channel may be posted to.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                        // 0.0.0.0/8 "this network"
        || b[0] == 10                                    // 10/8 private
        || b[0] == 127                                   // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64/10 CGNAT
        || (b[0] == 169 && b[1] == 254)                  // link-local, 169.254.169.254 metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)  // 192.0.0/24 IETF, 192.0.2/24 TEST-NET-1
        || (b[0] == 192 && b[1] == 168)                  // 192.168/16 private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)          // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // TEST-NET-3
        || b[0] >= 224);                                 // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress a)
    {
        var b = a.GetAddressBytes();
        if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.IPv6None) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast)
        {
            return false;
        }

        // ::/96 (IPv4-compatible, deprecated), fc00::/7 unique local, 64:ff9b::/96 and 64:ff9b:1::/48 NAT64 (an IPv4 inside),
        // 2001:db8::/32 documentation, 2002::/16 6to4 (an IPv4 inside).
        var v4Compatible = b.Take(12).All(x => x == 0);
        var uniqueLocal = (b[0] & 0xFE) == 0xFC;
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B;
        var documentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8;
        var sixToFour = b[0] == 0x20 && b[1] == 0x02;
        return !(v4Compatible || uniqueLocal || nat64 || documentation || sixToFour);
    }
}
