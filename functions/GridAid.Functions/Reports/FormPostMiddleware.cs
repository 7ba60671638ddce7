using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace GridAid.Functions.Reports;

/// <summary>
/// Under the Azure Functions host, reads a form post within its limits before the function runs
/// (<see cref="ReportForm.RefusalAsync"/>): one that is too large or has too many fields is answered here with the
/// bilingual page, and the function does not run. Registered after <see cref="AccessMiddleware"/>, so a refused caller's
/// body is never read. The local host makes the same call before it invokes a function.
/// </summary>
public sealed class FormPostMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http && await ReportForm.RefusalAsync(http.Request, context.CancellationToken) is { } refused)
        {
            await refused.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
            return;
        }

        await next(context);
    }
}
