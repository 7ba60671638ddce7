namespace GridAid.Functions.Access;

/// <summary>
/// Declares who may call an HTTP function. Every <c>[HttpTrigger]</c> function carries exactly one; <see cref="AccessGate"/>
/// checks it before the function runs, under the Functions host (<see cref="AccessMiddleware"/>) and the local host alike,
/// and a test fails when a function in the Worker SDK's <c>functions.metadata</c> has none.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CallableByAttribute(Callers callers) : Attribute
{
    public Callers Callers { get; } = callers;

    /// <summary>The route parameter that names the station, for <see cref="Callers.RouteStation"/> and <see cref="Callers.RouteStationOrAdmin"/>.</summary>
    public string StationParameter { get; init; } = "stationId";
}
