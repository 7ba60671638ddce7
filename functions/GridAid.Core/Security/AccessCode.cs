using System.Security.Cryptography;
using System.Text;

namespace GridAid.Core.Security;

/// <summary>
/// Station and admin access codes. Only a hash is stored; a presented code is checked in constant time.
/// A credential names its area and principal (a station id, or <c>admin</c>): <c>taishan.ts-daiding-police.CODE</c>.
/// </summary>
public static partial class AccessCode
{
    public const string AdminPrincipal = "admin";

    public static string Hash(string areaId, string principal, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"gridaid-access|{areaId}|{principal}|{code}")));

    public static bool Matches(string storedHash, string areaId, string principal, string code) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(storedHash),
            Encoding.ASCII.GetBytes(Hash(areaId, principal, code)));

    /// <summary>How many characters <see cref="NewCode"/> returns: 26 × 5 = 130 random bits.</summary>
    public const int CodeLength = 26;

    /// <summary>The code alphabet: lower-case letters and digits without i, l, o and u (Crockford's base32), so a code read aloud or typed is not mistaken.</summary>
    public const string CodeAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new random access code for a station or an admin: 26 characters of <see cref="CodeAlphabet"/>, 130 bits from the system's CSPRNG.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>Area, station and point ids: lower-case letters, digits and dashes (safe as table keys).</summary>
    public static bool IsId(string value) => IdPattern().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    public static bool TryParse(string? credential, out string areaId, out string principal, out string code)
    {
        areaId = principal = code = string.Empty;
        if (string.IsNullOrWhiteSpace(credential))
        {
            return false;
        }

        var parts = credential.Trim().Split('.', 3);
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }

        (areaId, principal, code) = (parts[0], parts[1], parts[2]);
        return IsId(areaId) && IsId(principal);
    }
}
