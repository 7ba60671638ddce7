using System.Security.Cryptography;
using System.Text;

namespace GridAid.Core.Security;

/// <summary>
/// A sign-in remembered on one device: a station's or admin's phone or counter screen keeps a device token instead of
/// the access code. The token is <c>d-{id}-{secret}</c> in the code's place of a credential
/// (<c>{area}.{principal}.d-{id}-{secret}</c>); only a hash of it is stored. It ends at <see cref="ExpiresAt"/>, when
/// the admin revokes it, or when the principal's access code changes (<see cref="AccessFingerprint"/>).
/// </summary>
public sealed record DeviceSignIn(
    string AreaId,
    string Id,
    string Principal,
    string SecretHash,
    string AccessFingerprint,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string? Label)
{
    /// <summary>What comes before the id in a device token, so it is never taken for an access code (whose alphabet has no dash).</summary>
    public const string Prefix = "d-";

    /// <summary>Characters of the id (16 × 5 = 80 random bits) and of the secret (32 × 5 = 160 bits), from <see cref="AccessCode.CodeAlphabet"/>.</summary>
    public const int IdLength = 16;

    public const int SecretLength = 32;

    /// <summary>Longest label kept (a device's name as its user or its browser gives it).</summary>
    public const int MaxLabelLength = 80;

    /// <summary>A new device sign-in for <paramref name="principal"/>, and the token to hand back once (it is never stored).</summary>
    public static (DeviceSignIn SignIn, string Token) Issue(
        string areaId, string principal, string accessHash, DateTimeOffset now, TimeSpan lifetime, string? label)
    {
        var id = RandomNumberGenerator.GetString(AccessCode.CodeAlphabet, IdLength);
        var secret = RandomNumberGenerator.GetString(AccessCode.CodeAlphabet, SecretLength);
        var signIn = new DeviceSignIn(
            areaId, id, principal, Hash(areaId, principal, id, secret), Fingerprint(accessHash), now, now + lifetime, Clean(label));
        return (signIn, Prefix + id + "-" + secret);
    }

    /// <summary>The id and secret of a device token, when <paramref name="code"/> (a credential's third part) is one.</summary>
    public static bool TryParse(string code, out string id, out string secret)
    {
        id = secret = string.Empty;
        if (!code.StartsWith(Prefix, StringComparison.Ordinal) || code.Length != Prefix.Length + IdLength + 1 + SecretLength
            || code[Prefix.Length + IdLength] != '-')
        {
            return false;
        }

        id = code.Substring(Prefix.Length, IdLength);
        secret = code[(Prefix.Length + IdLength + 1)..];
        return id.All(AccessCode.CodeAlphabet.Contains) && secret.All(AccessCode.CodeAlphabet.Contains);
    }

    /// <summary>
    /// Whether <paramref name="secret"/> opens this sign-in for <paramref name="principal"/> now, while the principal's
    /// access code is still the one it was issued under (a new code ends every device sign-in made with the old one).
    /// </summary>
    public bool Admits(string principal, string secret, string? currentAccessHash, DateTimeOffset now) =>
        now < ExpiresAt
        && principal == Principal
        && currentAccessHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(AccessFingerprint), Encoding.ASCII.GetBytes(Fingerprint(currentAccessHash)))
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretHash), Encoding.ASCII.GetBytes(Hash(AreaId, principal, Id, secret)));

    private static string Hash(string areaId, string principal, string id, string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"gridaid-device|{areaId}|{principal}|{id}|{secret}")));

    /// <summary>A short digest of the access-code hash the sign-in was made under (not the hash itself: a row of this table never helps guess a code).</summary>
    private static string Fingerprint(string accessHash) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes("gridaid-device-access|" + accessHash)))[..16];

    private static string? Clean(string? label)
    {
        var text = new string((label ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? null : text.Length <= MaxLabelLength ? text : text[..MaxLabelLength];
    }
}
