using GridAid.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GridAid.Functions.Auth;

/// <summary>The check every admin endpoint makes first: a valid credential (else 401) of the area's admin (else 403).</summary>
public static class AdminGate
{
    public static async Task<(Caller? Admin, IActionResult? Denied)> AuthorizeAdminAsync(this CallerAuthenticator auth, HttpRequest req, CancellationToken ct) =>
        await auth.AuthenticateAsync(req, ct) switch
        {
            null => (null, ApiResults.Unauthorized()),
            { IsAdmin: false } => (null, ApiResults.Forbidden()),
            { } admin => (admin, null),
        };
}
