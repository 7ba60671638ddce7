using GridAid.Functions.Poison;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Routing;

/// <summary>
/// The queue side: route each accepted report; keep each one that could not be routed. Lost persons have a lane and a
/// function of their own (<see cref="QueueNames.Urgent"/>), which the Functions host scales, and the local host polls,
/// apart from the intake queue.
/// </summary>
public sealed class RoutingFunctions(ReportRouting routing, PoisonRecorder poison)
{
    [Function(nameof(RouteReport))]
    public Task RouteReport([QueueTrigger(QueueNames.Intake)] string message, CancellationToken ct) =>
        routing.HandleAsync(message, ct);

    [Function(nameof(RouteUrgentReport))]
    public Task RouteUrgentReport([QueueTrigger(QueueNames.Urgent)] string message, CancellationToken ct) =>
        routing.HandleAsync(message, ct);

    [Function(nameof(RecordUnroutableReport))]
    public Task RecordUnroutableReport([QueueTrigger(QueueNames.IntakePoison)] string message, CancellationToken ct) =>
        poison.RecordRoutingAsync(QueueNames.Intake, message, ct);

    [Function(nameof(RecordUnroutableUrgentReport))]
    public Task RecordUnroutableUrgentReport([QueueTrigger(QueueNames.UrgentPoison)] string message, CancellationToken ct) =>
        poison.RecordRoutingAsync(QueueNames.Urgent, message, ct);
}
