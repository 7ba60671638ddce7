using System.Net;
using System.Net.Sockets;

namespace GridAid.Functions.Limits;

/// <summary>
/// Who a limit counts a request against: the connection's remote address or, only when configured as behind a proxy
/// (<see cref="RateLimitOptions.TrustForwardedFor"/>), the last entry of the proxy's header. An IPv6 address counts
/// by its /64 network (one household or phone can use any address in it); an IPv4-mapped address as IPv4.
/// </summary>
public static class ClientAddress
{
    /// <summary>The key of a request whose address is unknown (a test's hand-made request).</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpRequest request, RateLimitOptions options)
    {
        if (options.TrustForwardedFor && LastEntry(request.Headers[options.ForwardedForHeader].ToString()) is { } forwarded)
        {
            return KeyOf(forwarded);
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } remote ? KeyOf(remote) : Unknown;
    }

    /// <summary>
    /// The last address of a comma-separated header value (<c>client, proxy1</c>), with or without a port. The last one
    /// is what the nearest proxy added: the entries before it are whatever the client chose to send.
    /// </summary>
    public static IPAddress? LastEntry(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var last = header[(header.LastIndexOf(',') + 1)..].Trim();
        if (IPAddress.TryParse(last, out var address))
        {
            return address;
        }

        return IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address : null;
    }

    public static string KeyOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
