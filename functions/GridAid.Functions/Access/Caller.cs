using GridAid.Core.Security;

namespace GridAid.Functions.Access;

/// <summary>
/// Who is calling a station or admin endpoint: a station of an area, or that area's admin; <paramref name="DeviceId"/>
/// when the credential was a device token (a remembered sign-in) rather than the access code itself.
/// </summary>
public sealed record Caller(string AreaId, string Principal, string? DeviceId = null)
{
    public bool IsAdmin => Principal == AccessCode.AdminPrincipal;
}
