using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace GridAid.Functions.Access;

/// <summary>
/// Runs <see cref="AccessGate"/> under the Azure Functions host, before every HTTP function. (The local host calls the
/// gate itself: it invokes functions by reflection, without the worker's middleware pipeline.) A refusal is written to
/// the response here and the function does not run.
/// </summary>
public sealed class AccessMiddleware(AccessGate gate) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> Methods = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var method = Methods.GetOrAdd(context.FunctionDefinition.EntryPoint, FindMethod);
        var denied = method is null
            ? Http.ApiResults.Forbidden()
            : await gate.CheckAsync(method, http, context.BindingContext.BindingData, context.CancellationToken);
        if (denied is not null)
        {
            await denied.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
            return;
        }

        await next(context);
    }

    /// <summary>The method behind an entry point such as <c>GridAid.Functions.Admin.AdminFunctions.ListReports</c>.</summary>
    public static MethodInfo? FindMethod(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        return dot <= 0
            ? null
            : typeof(AccessMiddleware).Assembly.GetType(entryPoint[..dot])?.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
    }
}
