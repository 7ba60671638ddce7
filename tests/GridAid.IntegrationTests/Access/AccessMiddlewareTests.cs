using System.Net;
using GridAid.Functions.Access;
using GridAid.Functions.Stations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Access;

/// <summary>
/// The Functions host's side of the gate: <see cref="AccessMiddleware"/> as the worker runs it. The Functions host
/// cannot run here, so the invocation is a hand-made <see cref="FunctionContext"/> (the one stand-in in these tests);
/// the gate, the credential check and the directory behind it are the real ones, on Azurite.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class AccessMiddlewareTests(GridAidFixture f)
{
    private static readonly string AlertsEntryPoint = typeof(StationFunctions).FullName + "." + nameof(StationFunctions.ListStationAlerts);

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("taishan.ts-tianjie-grid.demo-ts-tianjie-grid", HttpStatusCode.Forbidden)]
    public async Task A_refused_call_is_answered_by_the_middleware_and_the_function_never_runs(string? credential, HttpStatusCode expected)
    {
        var (context, http) = Invocation(AlertsEntryPoint, credential, "ts-daiding-police");
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal((int)expected, http.Response.StatusCode);
    }

    [Fact]
    public async Task An_admitted_call_runs_the_function_with_the_authenticated_caller()
    {
        var (context, http) = Invocation(AlertsEntryPoint, "taishan.ts-daiding-police.demo-ts-daiding-police", "ts-daiding-police");
        Caller? seen = null;

        await Middleware().Invoke(context, _ => { seen = http.Request.Caller(); return Task.CompletedTask; });

        Assert.Equal(new Caller("taishan", "ts-daiding-police"), seen);
    }

    [Fact]
    public async Task An_entry_point_that_is_not_a_declared_function_is_refused()
    {
        var (context, http) = Invocation("GridAid.Functions.Nowhere.Missing", null, "ts-daiding-police");
        var ran = false;

        await Middleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
    }

    private AccessMiddleware Middleware() => new(f.Host.Get<AccessGate>());

    private (FunctionContext Context, HttpContext Http) Invocation(string entryPoint, string? credential, string stationId)
    {
        var scope = f.Host.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        if (credential is not null)
        {
            http.Request.Headers[CallerAuthenticator.Header] = credential;
        }

        return (new StandInInvocation(entryPoint, new Dictionary<string, object?> { ["stationId"] = stationId }, http), http);
    }
}
