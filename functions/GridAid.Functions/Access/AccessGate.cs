using System.Collections.Concurrent;
using System.Reflection;
using GridAid.Functions.Limits;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Access;

/// <summary>
/// The one check of who may call an HTTP function, run before the function under both hosts: reads the function's
/// <see cref="CallableByAttribute"/>, authenticates the caller, and either refuses (401 without a valid credential,
/// 403 for the wrong caller, 404 for an admin asking for a station outside their area) or leaves the caller in the
/// request for the function (<see cref="CallerContext.Caller"/>). A function without a declaration is refused, never public.
/// A client address that sent too many wrong access codes gets 429 with <c>Retry-After</c>, and nothing is checked.
/// An admitted call of an <see cref="AuditedAttribute"/> function is written to the area's audit.
/// </summary>
public sealed class AccessGate(CallerAuthenticator authenticator, DirectoryCache directory, AuditTrail audit)
{
    private static readonly ConcurrentDictionary<MethodInfo, CallableByAttribute?> Declarations = new();

    /// <summary>The declaration on a function method, or null when it has none.</summary>
    public static CallableByAttribute? DeclarationOf(MethodInfo function) =>
        Declarations.GetOrAdd(function, static m => m.GetCustomAttribute<CallableByAttribute>());

    /// <summary>Null when the call may go ahead; otherwise the answer to send instead of running the function.</summary>
    public async Task<IActionResult?> CheckAsync(
        MethodInfo function, HttpContext context, IReadOnlyDictionary<string, object?> routeValues, CancellationToken ct)
    {
        if (DeclarationOf(function) is not { } declared)
        {
            return ApiResults.Forbidden();
        }

        if (declared.Callers == Callers.Anyone)
        {
            return null;
        }

        var signIn = await authenticator.AuthenticateAsync(context.Request, ct);
        if (signIn.RetryAfter is { } wait)
        {
            return LimitAnswers.TooManySignIns(wait, context.Request.Language());
        }

        if (signIn.Caller is not { } caller)
        {
            return ApiResults.Unauthorized();
        }

        var denied = declared.Callers switch
        {
            Callers.AreaMember => null,
            Callers.AreaAdmin => caller.IsAdmin ? null : ApiResults.Forbidden(),
            Callers.RouteStation => caller.Principal == StationIn(routeValues, declared) ? null : ApiResults.Forbidden(),
            Callers.RouteStationOrAdmin => await StationOrAdminAsync(caller, StationIn(routeValues, declared), ct),
            _ => ApiResults.Forbidden(),
        };
        if (denied is null)
        {
            CallerContext.Set(context, caller);
            if (AuditTrail.IsAudited(function))
            {
                audit.RecordWhenAnswered(context, function, caller, routeValues);
            }
        }

        return denied;
    }

    private async Task<IActionResult?> StationOrAdminAsync(Caller caller, string? stationId, CancellationToken ct)
    {
        if (stationId is null)
        {
            return ApiResults.Forbidden();
        }

        if (caller.Principal == stationId)
        {
            return null;
        }

        if (!caller.IsAdmin)
        {
            return ApiResults.Forbidden();
        }

        return (await directory.GetAsync(caller.AreaId, ct))?.FindStation(stationId) is null
            ? ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noSuchStation", null)
            : null;
    }

    private static string? StationIn(IReadOnlyDictionary<string, object?> routeValues, CallableByAttribute declared) =>
        routeValues.TryGetValue(declared.StationParameter, out var value) && value?.ToString() is { Length: > 0 } id ? id : null;
}
