using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using GridAid.Core.Audit;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Access;

/// <summary>
/// Writes an audited function's call to the audit table once its answer's status is known (when the response starts).
/// Only the ids named in the function's route template are kept, never query text, headers or bodies. A failed audit
/// write is logged and does not undo or fail the action that already happened.
/// </summary>
public sealed partial class AuditTrail(AuditStore store, TimeProvider clock, ILogger<AuditTrail> logger)
{
    private static readonly ConcurrentDictionary<MethodInfo, string[]> RouteParameters = new();

    public static bool IsAudited(MethodInfo function) => function.GetCustomAttribute<AuditedAttribute>() is not null;

    public void RecordWhenAnswered(HttpContext context, MethodInfo function, Caller caller, IReadOnlyDictionary<string, object?> routeValues)
    {
        var target = RouteParameters.GetOrAdd(function, ParametersOf)
            .Where(p => routeValues.TryGetValue(p, out var v) && v is not null)
            .ToDictionary(p => p, p => routeValues[p]!.ToString() ?? string.Empty, StringComparer.Ordinal);
        context.Response.OnStarting(async () =>
        {
            var entry = new AuditEntry(caller.AreaId, clock.GetUtcNow(), caller.Principal, function.Name, target, context.Response.StatusCode);
            try
            {
                await store.AddAsync(entry, CancellationToken.None);
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                logger.LogError(e, "Could not audit {Action} by {Principal} in {AreaId}", entry.Action, entry.Principal, entry.AreaId);
            }
        });
    }

    private static string[] ParametersOf(MethodInfo function) =>
        function.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()?.Route).FirstOrDefault(r => r is not null) is { } route
            ? [.. RouteParameter().Matches(route).Select(m => m.Groups[1].Value)]
            : [];

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
