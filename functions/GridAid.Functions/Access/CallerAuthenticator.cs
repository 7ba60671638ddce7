using GridAid.Core.Security;
using GridAid.Functions.Limits;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Access;

/// <summary>
/// What a presented credential came to: a caller, nothing (no credential, or a wrong one), or — with
/// <see cref="RetryAfter"/> — a refusal to check it at all for now (too many wrong codes from this client address).
/// </summary>
public sealed record SignIn(Caller? Caller, TimeSpan? RetryAfter = null)
{
    public static readonly SignIn Failed = new((Caller?)null);
}

/// <summary>
/// Checks a <c>{area}.{principal}.{code}</c> credential against the access-code hash stored for that principal
/// (cached for 30 s, so a polling inbox costs no extra storage read); codes are never stored or logged in clear.
/// In the code's place a device token (<see cref="DeviceSignIn"/>, a sign-in remembered on a phone) is checked against
/// its stored hash, its expiry and the principal's current access code (cached the same way).
/// The credential comes in <c>X-GridAid-Auth</c> (what the pages send: behind Azure Static Web Apps the
/// <c>Authorization</c> header is the proxy's own) or as <c>Authorization: Bearer</c> for API clients.
/// A client address that presented too many wrong or malformed credentials (<see cref="RateLimiters.RefuseSignIn"/>)
/// is refused before anything is read; a principal its area does not have costs no read of a hash either.
/// </summary>
public sealed class CallerAuthenticator(DirectoryCache directory, RateLimiters limits, TimeProvider clock)
{
    public const string Header = "X-GridAid-Auth";
    private const string Scheme = "Bearer ";

    public async Task<SignIn> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        if (Credential(request) is not { } credential)
        {
            return SignIn.Failed;
        }

        var client = limits.ClientOf(request);
        if (limits.RefuseSignIn(client) is { } wait)
        {
            return new SignIn(null, wait);
        }

        if (await CheckAsync(credential, ct) is { } caller)
        {
            return new SignIn(caller);
        }

        limits.SignInFailed(client);
        return SignIn.Failed;
    }

    private async Task<Caller?> CheckAsync(string credential, CancellationToken ct)
    {
        if (!AccessCode.TryParse(credential, out var areaId, out var principal, out var code))
        {
            return null;
        }

        // The area first (cached, misses too): a station's code counts only while the station exists (a code issued as
        // it was deleted must not outlive it), and a principal the area does not have needs no hash read to refuse.
        if (await directory.GetAsync(areaId, ct) is not { } area
            || (principal != AccessCode.AdminPrincipal && area.FindStation(principal) is null))
        {
            return null;
        }

        var hash = await directory.AccessHashAsync(areaId, principal, ct);
        if (DeviceSignIn.TryParse(code, out var deviceId, out var secret))
        {
            return await directory.DeviceAsync(areaId, deviceId, ct) is { } device && device.Admits(principal, secret, hash, clock.GetUtcNow())
                ? new Caller(areaId, principal, deviceId)
                : null;
        }

        return hash is not null && AccessCode.Matches(hash, areaId, principal, code) ? new Caller(areaId, principal) : null;
    }

    private static string? Credential(HttpRequest request)
    {
        if (request.Headers[Header].FirstOrDefault() is { Length: > 0 } custom)
        {
            return custom;
        }

        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..] : null;
    }
}
