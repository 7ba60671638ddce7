using GridAid.Core.Security;

namespace GridAid.Functions.SignIn;

/// <summary>
/// Sign-ins remembered on a device: a station's or admin's page trades the access code for a device token once, keeps
/// only the token, and sends it instead of the code from then on; the admin sees and revokes them.
/// </summary>
public sealed class SignInFunctions(DeviceSignIns signIns)
{
    [Function(nameof(RememberDevice))]
    [CallableBy(Callers.AreaMember)]
    public async Task<IActionResult> RememberDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signin/devices")] HttpRequest req, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<DeviceSignInInput>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var label = body.Label is { Length: > 0 } given ? given : req.Headers.UserAgent.ToString();
        return await signIns.IssueAsync(req.Caller(), label, ct) is { } issued
            ? ApiResults.NoStore(ApiResults.Json(issued, StatusCodes.Status201Created))
            : ApiResults.ProblemOf(StatusCodes.Status403Forbidden, "problem.codeToRemember", req.Language());
    }

    [Function(nameof(ForgetThisDevice))]
    [CallableBy(Callers.AreaMember)]
    public async Task<IActionResult> ForgetThisDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "signin/devices/current")] HttpRequest req, CancellationToken ct)
    {
        var caller = req.Caller();
        if (caller.DeviceId is { } id)
        {
            await signIns.RevokeAsync(caller.AreaId, id, ct);
        }

        return new NoContentResult();
    }

    [Function(nameof(ListDevices))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListDevices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/devices")] HttpRequest req, CancellationToken ct) =>
        ApiResults.NoStore(ApiResults.Json(new { items = await signIns.ListAsync(req.Caller().AreaId, ct) }));

    [Function(nameof(RevokeDevice))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> RevokeDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "admin/devices/{deviceId}")] HttpRequest req, string deviceId, CancellationToken ct) =>
        AccessCode.IsId(deviceId) && await signIns.RevokeAsync(req.Caller().AreaId, deviceId, ct)
            ? new NoContentResult()
            : ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noDevice", null);
}
