using GridAid.Core.Security;

namespace GridAid.Functions.Auth;

/// <summary>Who is calling a station or admin endpoint: a station of an area, or that area's admin.</summary>
public sealed record Caller(string AreaId, string Principal)
{
    public bool IsAdmin => Principal == AccessCode.AdminPrincipal;

    /// <summary>A station sees its own alerts; the area's admin sees every station's.</summary>
    public bool MaySee(string stationId) => IsAdmin || Principal == stationId;
}
