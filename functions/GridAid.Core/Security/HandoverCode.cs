using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GridAid.Core.Security;

/// <summary>
/// The one-time hand-over code of a lost-person report: six digits the reporter's receipt and status page show (only
/// there), and the police post types in from the adult's phone before it hands a found child over. The code is an HMAC of
/// the report under the server's tracking-code key, so a repeated submission (the same request id) gets the same code
/// back without it ever being stored; the report keeps only a salted PBKDF2 hash (<see cref="Hash"/>), checked in
/// constant time. Six digits are a million codes: the check is limited per station and per report (docs/security.md).
/// </summary>
public static class HandoverCode
{
    public const int Digits = 6;

    /// <summary>Wrong codes a report takes in all before the check refuses every further code (the admin hands over).</summary>
    public const int MaxWrongCodes = 10;

    /// <summary>
    /// PBKDF2-SHA256 rounds: a stolen hash of a six-digit code still falls to a brute force, but at a million codes
    /// times this many rounds, not in a millisecond (OWASP's password storage cheat sheet asks 600,000 for passwords; a
    /// code that lives a day and is checked on a phone's request takes fewer;
    /// https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2).
    /// </summary>
    private const int Rounds = 20_000;

    /// <summary>The code of a report under <paramref name="key"/>: the same for the same report, six digits (leading zeros kept).</summary>
    public static string For(ReadOnlySpan<byte> key, string areaId, string trackingCode, string clientRequestId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"gridaid-handover|{areaId}|{trackingCode}|{clientRequestId}"));
        var value = BitConverter.ToUInt64(mac, 0) % 1_000_000UL;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>What is stored: <c>pbkdf2-sha256${rounds}${salt}${hash}</c> (Base64), salted per report.</summary>
    public static string Hash(string areaId, string trackingCode, string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"pbkdf2-sha256${Rounds}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Derive(areaId, trackingCode, code, salt, Rounds))}";
    }

    /// <summary>Whether <paramref name="typed"/> (as <see cref="Normalize"/> returns it) is the report's code.</summary>
    public static bool Matches(string? stored, string areaId, string trackingCode, string typed)
    {
        var parts = stored?.Split('$');
        if (parts is not ["pbkdf2-sha256", var r, var s, var h]
            || !int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) || rounds is < 1 or > 1_000_000)
        {
            return false;
        }

        try
        {
            var expected = Convert.FromBase64String(h);
            return CryptographicOperations.FixedTimeEquals(expected, Derive(areaId, trackingCode, typed, Convert.FromBase64String(s), rounds));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>What a person types, as six ASCII digits (full-width digits and spaces allowed), or null.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 32)
        {
            return null;
        }

        var digits = new string(typed.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static byte[] Derive(string areaId, string trackingCode, string code, byte[] salt, int rounds) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes($"gridaid-handover|{areaId}|{trackingCode}|{code}"), salt, rounds, HashAlgorithmName.SHA256, 32);
}
