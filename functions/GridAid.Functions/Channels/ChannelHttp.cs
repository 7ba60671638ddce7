using System.Net;
using System.Net.Sockets;
using GridAid.Core.Channels;

namespace GridAid.Functions.Channels;

/// <summary>A channel's host resolves to an address the SSRF guard refuses (or to none).</summary>
public sealed class RefusedTargetException(string message) : Exception(message);

/// <summary>
/// The one HTTP client channels are posted with (<see cref="Name"/>, through IHttpClientFactory): a short timeout, no
/// redirects, no cookies, no proxy, and a connect step that resolves the host itself and connects only to an address the
/// SSRF guard allows (<see cref="TargetAddress.IsPublic"/>). Checking where the socket actually goes, rather than a look-up
/// made before, is what defeats DNS rebinding.
/// </summary>
public static class ChannelHttp
{
    public const string Name = "channels";

    public static SocketsHttpHandler Handler(ChannelOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = options.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, options.AllowPrivateTargets, ct),
    };

    /// <summary>Resolves <paramref name="host"/>; throws <see cref="RefusedTargetException"/> unless every address is allowed.</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            throw new RefusedTargetException(TargetAddress.Unresolved.Text.En);
        }

        if (addresses.Length == 0 || (!allowPrivate && !TargetAddress.AllPublic(addresses)))
        {
            throw new RefusedTargetException(addresses.Length == 0 ? TargetAddress.Unresolved.Text.En : TargetAddress.NotPublic.Text.En);
        }

        return addresses;
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await ResolveAllowedAsync(endpoint.Host, allowPrivate, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
