using GridAid.Core.Security;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.SignIn;

/// <summary>What a staff member sends to remember a sign-in on their device: a name for it (optional; else the browser's).</summary>
public sealed record DeviceSignInInput(string? Label);

/// <summary>A sign-in as the admin's list shows it: never its secret or hash.</summary>
public sealed record DeviceSignInView(string Id, string Principal, string? Label, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public static DeviceSignInView Of(DeviceSignIn s) => new(s.Id, s.Principal, s.Label, s.IssuedAt, s.ExpiresAt);
}

/// <summary>The device sign-in just made, with its credential: answered once, never stored.</summary>
public sealed record IssuedDeviceSignIn(string Id, string Principal, string Credential, DateTimeOffset ExpiresAt);

/// <summary>Issues, lists and revokes the sign-ins remembered on staff devices (<see cref="DeviceSignIn"/>).</summary>
public sealed class DeviceSignIns(DeviceStore store, DirectoryCache directory, IOptions<GridAidOptions> options, TimeProvider clock)
{
    /// <summary>
    /// A new device sign-in for a caller who presented the access code itself; null when the caller came with a device
    /// token (a remembered sign-in cannot make another and so outlive its expiry) or the code was changed meanwhile.
    /// </summary>
    public async Task<IssuedDeviceSignIn?> IssueAsync(Caller caller, string? label, CancellationToken ct)
    {
        if (caller.DeviceId is not null || await directory.AccessHashAsync(caller.AreaId, caller.Principal, ct) is not { } accessHash)
        {
            return null;
        }

        var (signIn, token) = DeviceSignIn.Issue(
            caller.AreaId, caller.Principal, accessHash, clock.GetUtcNow(), options.Value.DeviceSignInLifetime, label);
        await store.AddAsync(signIn, ct);
        return new IssuedDeviceSignIn(signIn.Id, signIn.Principal, $"{caller.AreaId}.{caller.Principal}.{token}", signIn.ExpiresAt);
    }

    public async Task<IReadOnlyList<DeviceSignInView>> ListAsync(string areaId, CancellationToken ct) =>
        (await store.ListAsync(areaId, clock.GetUtcNow(), ct)).Select(DeviceSignInView.Of).ToList();

    /// <summary>Ends a device sign-in now on this instance, within <see cref="DirectoryCache.Ttl"/> on the others; false when there was none.</summary>
    public async Task<bool> RevokeAsync(string areaId, string deviceId, CancellationToken ct)
    {
        var deleted = await store.DeleteAsync(areaId, deviceId, ct);
        directory.ForgetDevice(areaId, deviceId);
        return deleted;
    }
}
