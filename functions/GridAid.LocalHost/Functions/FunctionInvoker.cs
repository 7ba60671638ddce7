using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.LocalHost.Functions;

/// <summary>
/// Calls a <c>[Function]</c> method the way the worker does: the class from DI, the trigger value for the trigger
/// parameter, binding data (route values, queue message metadata) by parameter name,
/// the <c>TimerInfo</c> for a timer trigger, and the cancellation token.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(
        IServiceProvider services,
        MethodInfo method,
        object trigger,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken ct)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
        var parameters = method.GetParameters();
        var args = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            args[i] = p switch
            {
                _ when IsTrigger(p) => trigger,
                _ when p.ParameterType == typeof(CancellationToken) => ct,
                _ when bindingData.TryGetValue(p.Name!, out var value) => Convert(value, p.ParameterType),
                _ when p.HasDefaultValue => p.DefaultValue,
                _ => throw new InvalidOperationException($"The local host cannot bind parameter '{p.Name}' of {method.DeclaringType!.Name}.{method.Name}."),
            };
        }

        var result = method.Invoke(target, args);
        if (result is not Task task)
        {
            return result;
        }

        await task;
        var resultProperty = task.GetType().GetProperty(nameof(Task<object>.Result));
        return task.GetType().IsGenericType ? resultProperty?.GetValue(task) : null;
    }

    private static bool IsTrigger(ParameterInfo p) =>
        p.GetCustomAttribute<HttpTriggerAttribute>() is not null
        || p.GetCustomAttribute<QueueTriggerAttribute>() is not null
        || p.GetCustomAttribute<TimerTriggerAttribute>() is not null;

    private static object? Convert(object? value, Type type) =>
        value is null || type.IsInstanceOfType(value)
            ? value
            : System.Convert.ChangeType(value, Nullable.GetUnderlyingType(type) ?? type, CultureInfo.InvariantCulture);
}
