using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.LocalHost.Functions;

/// <summary>An HTTP-triggered function: its route (without prefix) and methods, as the Functions host reads them.</summary>
public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods);

/// <summary>A queue-triggered function and its queue.</summary>
public sealed record QueueFunction(string Name, MethodInfo Method, string QueueName);

/// <summary>
/// A timer-triggered function: its schedule expression as written (NCRONTAB, or <c>%Setting%</c>), and
/// <c>RunOnStartup</c> and <c>UseMonitor</c> only where the attribute sets them (null: the host's default), as the
/// Worker SDK writes them into <c>functions.metadata</c>.
/// </summary>
public sealed record TimerFunction(string Name, MethodInfo Method, string Schedule, bool? RunOnStartup, bool? UseMonitor);

/// <summary>The <c>[Function]</c> methods of an assembly, found by their attributes as the Worker SDK finds them.</summary>
public sealed class FunctionCatalog
{
    public FunctionCatalog(Assembly assembly)
    {
        foreach (var method in assembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
                {
                    var methods = http.Methods is { Length: > 0 } m ? m.Select(x => x.ToUpperInvariant()).ToArray() : ["GET", "POST"];
                    Http.Add(new HttpFunction(function.Name, method, http.Route ?? function.Name, methods));
                }
                else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
                {
                    Queues.Add(new QueueFunction(function.Name, method, queue.QueueName));
                }
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                {
                    Timers.Add(new TimerFunction(function.Name, method, timer.Schedule,
                        SetOnAttribute<bool>(parameter, nameof(TimerTriggerAttribute.RunOnStartup)),
                        SetOnAttribute<bool>(parameter, nameof(TimerTriggerAttribute.UseMonitor))));
                }
            }
        }
    }

    public List<HttpFunction> Http { get; } = [];

    public List<QueueFunction> Queues { get; } = [];

    public List<TimerFunction> Timers { get; } = [];

    public IEnumerable<Type> FunctionTypes =>
        Http.Select(f => f.Method.DeclaringType!)
            .Concat(Queues.Select(f => f.Method.DeclaringType!))
            .Concat(Timers.Select(f => f.Method.DeclaringType!))
            .Distinct();

    /// <summary>A property of the trigger attribute, only if the code sets it (what the SDK's generator writes out).</summary>
    private static T? SetOnAttribute<T>(ParameterInfo parameter, string property)
        where T : struct =>
        parameter.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TimerTriggerAttribute))
            .SelectMany(a => a.NamedArguments)
            .Where(n => n.MemberName == property)
            .Select(n => (T?)n.TypedValue.Value)
            .FirstOrDefault();
}
