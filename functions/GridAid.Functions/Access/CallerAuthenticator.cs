using GridAid.Core.Security;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Access;

/// <summary>
/// Checks a <c>{area}.{principal}.{code}</c> credential against the access-code hash stored for that principal
/// (cached for 30 s, so a polling inbox costs no extra storage read); codes are never stored or logged in clear.
/// The credential comes in <c>X-GridAid-Auth</c> (what the pages send: behind Azure Static Web Apps the
/// <c>Authorization</c> header is the proxy's own) or as <c>Authorization: Bearer</c> for API clients.
/// </summary>
public sealed class CallerAuthenticator(DirectoryCache directory)
{
    public const string Header = "X-GridAid-Auth";
    private const string Scheme = "Bearer ";

    public async Task<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        if (!AccessCode.TryParse(Credential(request), out var areaId, out var principal, out var code))
        {
            return null;
        }

        var hash = await directory.AccessHashAsync(areaId, principal, ct);
        if (hash is null || !AccessCode.Matches(hash, areaId, principal, code))
        {
            return null;
        }

        // A station's code counts only while the station exists (a code issued as it was deleted must not outlive it).
        return principal == AccessCode.AdminPrincipal || (await directory.GetAsync(areaId, ct))?.FindStation(principal) is not null
            ? new Caller(areaId, principal)
            : null;
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
