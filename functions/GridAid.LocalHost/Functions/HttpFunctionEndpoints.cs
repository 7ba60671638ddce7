using GridAid.Functions.Access;
using GridAid.Functions.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace GridAid.LocalHost.Functions;

/// <summary>Maps every HTTP-triggered function to its route under host.json's prefix, with its methods.</summary>
public static class HttpFunctionEndpoints
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app, FunctionCatalog catalog, HostSettings host)
    {
        foreach (var function in catalog.Http)
        {
            app.MapMethods(RouteOf(function, host), function.Methods, async context =>
            {
                var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in context.Request.Query)
                {
                    bindingData[key] = value.ToString();
                }

                foreach (var (key, value) in context.Request.RouteValues)
                {
                    bindingData[key] = value?.ToString();
                }

                // Who may call it: the same gate the Functions host runs as worker middleware (AccessMiddleware); then
                // a form post's body within its limits, as FormPostMiddleware reads it there.
                var gate = context.RequestServices.GetRequiredService<AccessGate>();
                var result = await gate.CheckAsync(function.Method, context, bindingData, context.RequestAborted)
                    ?? await ReportForm.RefusalAsync(context.Request, context.RequestAborted)
                    ?? await FunctionInvoker.InvokeAsync(context.RequestServices, function.Method, context.Request, bindingData, context.RequestAborted);
                if (result is IActionResult action)
                {
                    await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                }
            }).WithName(function.Name);
        }

        return app;
    }

    /// <summary>The full route, as the Functions host builds it: <c>/{routePrefix}/{route}</c>.</summary>
    public static string RouteOf(HttpFunction function, HostSettings host) =>
        "/" + string.Join('/', new[] { host.RoutePrefix, function.Route.Trim('/') }.Where(s => s.Length > 0));
}
