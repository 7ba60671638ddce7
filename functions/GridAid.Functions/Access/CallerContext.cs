namespace GridAid.Functions.Access;

/// <summary>Where <see cref="AccessGate"/> leaves the authenticated caller for the function it admitted.</summary>
public static class CallerContext
{
    private static readonly object Key = new();

    internal static void Set(HttpContext context, Caller caller) => context.Items[Key] = caller;

    /// <summary>
    /// The caller the gate authenticated. Throws when there is none: the function declared <see cref="Callers.Anyone"/>
    /// or the gate did not run, and either way it must not act for somebody.
    /// </summary>
    public static Caller Caller(this HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(Key, out var caller) && caller is Caller c
            ? c
            : throw new InvalidOperationException("No authenticated caller: declare who may call this function with [CallableBy].");
}
