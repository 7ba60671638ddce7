using Microsoft.Azure.Functions.Worker.Middleware;

namespace GridAid.Functions.Http;

/// <summary>
/// Puts <see cref="SecurityHeaders"/> on every HTTP answer under the Azure Functions host, the gate's refusals
/// included (registered before <see cref="AccessMiddleware"/>). The local host sets the same headers in its own
/// pipeline: it invokes functions by reflection, without the worker's middleware.
/// </summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.Register(http);
        }

        return next(context);
    }
}
