using System.Security.Cryptography;
using System.Text;

namespace GridAid.Core.Reports;

/// <summary>
/// Tracking codes such as <c>K7QM-3XRT</c>: eight characters from an alphabet with no 0/O, 1/I/L or U,
/// easy to read aloud and type. 30^8 ≈ 6.6×10^11 codes, so guessing finds nothing.
/// A code is derived from the area and the client's request id, so a repeated submission yields the same code.
/// </summary>
public static class TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;

    /// <summary>The code for a submission; <paramref name="attempt"/> &gt; 0 picks another on the rare collision.</summary>
    public static string For(string areaId, string clientRequestId, int attempt = 0)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"gridaid|{areaId}|{clientRequestId}|{attempt}"));
        return Encode(bytes);
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
