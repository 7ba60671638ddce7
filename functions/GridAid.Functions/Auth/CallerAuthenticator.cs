using GridAid.Core.Security;
using GridAid.Infrastructure.Tables;
using Microsoft.AspNetCore.Http;

namespace GridAid.Functions.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer {area}.{principal}.{code}</c> against the access-code hash stored for that
/// principal (cached for 30 s, so a polling inbox costs one storage read per poll); codes are never stored or logged in clear.
/// </summary>
public sealed class CallerAuthenticator(DirectoryCache directory)
{
    private const string Scheme = "Bearer ";

    public async Task<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || !AccessCode.TryParse(header[Scheme.Length..], out var areaId, out var principal, out var code))
        {
            return null;
        }

        var hash = await directory.AccessHashAsync(areaId, principal, ct);
        return hash is not null && AccessCode.Matches(hash, areaId, principal, code) ? new Caller(areaId, principal) : null;
    }
}
