using System.Security.Cryptography;
using System.Text;

namespace GridAid.Core.Reports;

/// <summary>
/// Tracking codes such as <c>K7QM-3XRT</c>: eight characters from an alphabet with no 0/O, 1/I/L or U,
/// easy to read aloud and type. 30^8 ≈ 6.6×10^11 codes, so guessing finds nothing.
/// A code is an HMAC of the area and the client's request id under a server-side key: a repeated submission yields
/// the same code, and nobody who knows (or guesses) a request id can compute the code without the key.
/// </summary>
public static class TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;

    /// <summary>Shortest server key accepted (bytes).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>
    /// The code for a submission under <paramref name="key"/>; <paramref name="attempt"/> &gt; 0 picks another on a
    /// collision, or when the same request id comes back with other content.
    /// </summary>
    public static string For(ReadOnlySpan<byte> key, string areaId, string clientRequestId, int attempt = 0)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The tracking-code key must have at least {MinKeyBytes} bytes.", nameof(key));
        }

        return Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"gridaid|{areaId}|{clientRequestId}|{attempt}")));
    }

    public static string Random() => Encode(RandomNumberGenerator.GetBytes(32));

    private static string Encode(byte[] bytes)
    {
        var value = BitConverter.ToUInt64(bytes, 0);
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }

        return Format(new string(chars));
    }

    private static string Format(string raw) => $"{raw[..4]}-{raw[4..]}";

    /// <summary>Accepts what a person types (lower case, spaces, with or without the dash) and returns the canonical code, or null (also for characters the alphabet leaves out: 0, O, 1, I, L, U).</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var sb = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var mapped = c switch
            {
                'O' or '0' => '\0',
                'I' or 'L' or '1' => '\0',
                _ => c,
            };
            if (mapped == '\0' || !Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            sb.Append(mapped);
        }

        return sb.Length == Length ? Format(sb.ToString()) : null;
    }
}
