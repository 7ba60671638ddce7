using System.Diagnostics;

namespace GridAid.Infrastructure.Telemetry;

/// <summary>
/// W3C trace context (https://www.w3.org/TR/trace-context/) across the app's own hops: a queue message and an event
/// carry the <c>traceparent</c> of the work that sent them, and the work that takes them up continues that trace.
/// </summary>
public static class TraceContext
{
    /// <summary>The current activity's <c>traceparent</c>, or null when nothing is being traced.</summary>
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>The parent a received <c>traceparent</c> names; default (a new trace) when there is none or it is malformed.</summary>
    public static ActivityContext Parent(string? traceParent) =>
        traceParent is { Length: > 0 } && ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default;
}
