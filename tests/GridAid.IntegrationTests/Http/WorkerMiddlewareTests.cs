using System.Text;
using GridAid.Functions.Access;
using GridAid.Functions.Http;
using GridAid.Functions.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Http;

/// <summary>
/// The Functions host's side of the hardening: <see cref="SecurityHeadersMiddleware"/> and <see cref="FormPostMiddleware"/>
/// as the worker runs them, on a hand-made invocation (the Functions host cannot run here). The response feature runs its
/// <c>OnStarting</c> callbacks when the answer starts, as a real server's does.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class WorkerMiddlewareTests(GridAidFixture f)
{
    [Fact]
    public async Task The_worker_middleware_sets_the_headers_on_a_functions_answer()
    {
        var (context, http, response) = Invocation();
        http.Request.Headers["X-Forwarded-Proto"] = "https";

        await new SecurityHeadersMiddleware().Invoke(context, _ => Task.CompletedTask);
        await response.StartAsync(ApiResults.Json(new { ok = true }), http);

        foreach (var (name, value) in SecurityHeaders.OverHttps)
        {
            Assert.Equal(value, http.Response.Headers[name].ToString());
        }

        Assert.NotEqual("no-store", http.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task The_worker_middleware_sets_the_headers_on_the_gates_refusal_and_no_store_on_a_credentials_json()
    {
        var (context, http, response) = Invocation();
        http.Request.Headers[CallerAuthenticator.Header] = "taishan.ts-daiding-police.not-the-code";

        // The order Program.cs registers them in: the headers first, then the gate, which refuses here.
        await new SecurityHeadersMiddleware().Invoke(context, async _ =>
        {
            await response.StartAsync(ApiResults.Unauthorized(), http);
        });

        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
        foreach (var (name, value) in SecurityHeaders.Always)
        {
            Assert.Equal(value, http.Response.Headers[name].ToString());
        }

        Assert.Empty(http.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task A_form_post_past_its_limits_is_answered_by_the_worker_middleware_and_the_function_never_runs()
    {
        var (context, http, _) = Invocation();
        var body = string.Join('&', Enumerable.Range(0, ReportForm.MaxFields + 1).Select(i => "f" + i + "=1"));
        http.Request.Method = "POST";
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var ran = false;

        await new FormPostMiddleware().Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        Assert.StartsWith("text/html", http.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_within_its_limits_goes_on_to_the_function_with_its_form_read()
    {
        var (context, http, _) = Invocation();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("kind=tip&description=%E6%A0%8F%E6%9D%86%E6%9D%BE%E4%BA%86"));
        string? description = null;

        await new FormPostMiddleware().Invoke(context, async _ => description = (await ReportForm.ReadAsync(http.Request, CancellationToken.None)).Description);

        Assert.Equal("栏杆松了", description);
    }

    private (FunctionContext Context, HttpContext Http, StartingResponse Response) Invocation()
    {
        var scope = f.Host.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var response = new StartingResponse();
        http.Features.Set<IHttpResponseFeature>(response);
        http.Response.Body = new MemoryStream();
        return (new StandInInvocation("GridAid.Functions.Reports.ReportFunctions.SubmitReport", new Dictionary<string, object?>(), http), http, response);
    }

    /// <summary>A response feature that runs its <c>OnStarting</c> callbacks when the answer starts.</summary>
    private sealed class StartingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        /// <summary>Writes <paramref name="result"/> as a function's answer and starts the response, as the server would on its first byte.</summary>
        public async Task StartAsync(IActionResult result, HttpContext http)
        {
            await result.ExecuteResultAsync(new ActionContext(http, new(), new()));
            foreach (var (callback, state) in Enumerable.Reverse(_starting))
            {
                await callback(state);
            }
        }
    }
}
