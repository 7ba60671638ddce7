using GridAid.Core.Security;

namespace GridAid.Functions.Access;

/// <summary>Who is calling a station or admin endpoint: a station of an area, or that area's admin.</summary>
public sealed record Caller(string AreaId, string Principal)
{
    public bool IsAdmin => Principal == AccessCode.AdminPrincipal;
}
