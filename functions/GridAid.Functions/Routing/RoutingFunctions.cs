using GridAid.Functions.Poison;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Routing;

/// <summary>The queue side: route each accepted report; keep each one that could not be routed.</summary>
public sealed class RoutingFunctions(ReportRouting routing, PoisonRecorder poison)
{
    [Function(nameof(RouteReport))]
    public Task RouteReport([QueueTrigger(QueueNames.Intake)] string message, CancellationToken ct) =>
        routing.HandleAsync(message, ct);

    [Function(nameof(RecordUnroutableReport))]
    public Task RecordUnroutableReport([QueueTrigger(QueueNames.IntakePoison)] string message, CancellationToken ct) =>
        poison.RecordRoutingAsync(QueueNames.Intake, message, ct);
}
