using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Configuration;

namespace GridAid.Functions.Intake;

/// <summary>
/// The server-side key tracking codes are made with: <c>GridAid:TrackingCodeKey</c> (Base64, at least 32 bytes) when
/// configured, else a random key the app creates once in its own storage and every instance shares. Read once per process.
/// </summary>
public sealed class TrackingCodeKey(IConfiguration configuration, SecretStore secrets)
{
    public const string Setting = "GridAid:TrackingCodeKey";
    private const string SecretName = "tracking-code-key";

    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _key) is { } known)
        {
            return known;
        }

        // Two first calls at once both read the same stored key (the store's first insert wins); a failed read is not remembered.
        var key = configuration[Setting] is { Length: > 0 } configured
            ? FromSetting(configured)
            : await secrets.GetOrCreateAsync(SecretName, TrackingCode.MinKeyBytes, ct);
        Volatile.Write(ref _key, key);
        return key;
    }

    private static byte[] FromSetting(string value)
    {
        var key = Convert.FromBase64String(value);
        return key.Length >= TrackingCode.MinKeyBytes
            ? key
            : throw new InvalidOperationException($"{Setting} must be Base64 of at least {TrackingCode.MinKeyBytes} bytes.");
    }
}
