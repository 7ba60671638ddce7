using GridAid.Functions.Poison;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Routing;

/// <summary>
/// The queue side: route each accepted report. Lost persons have a lane and a function of their own
/// (<see cref="QueueNames.Urgent"/>), which the Functions host scales, and the local host polls, apart from the intake
/// queue; they are routed on the intake path first, and their message is the guarantee
/// (<see cref="ReportRouting.HandleAsync"/>). Messages that could not be routed are kept by the sweeper's timer
/// (<see cref="PoisonSweep"/>), not by queue triggers on the poison queues.
/// </summary>
public sealed class RoutingFunctions(ReportRouting routing)
{
    [Function(nameof(RouteReport))]
    public Task RouteReport([QueueTrigger(QueueNames.Intake)] string message, CancellationToken ct) =>
        routing.HandleAsync(message, ct);

    [Function(nameof(RouteUrgentReport))]
    public Task RouteUrgentReport([QueueTrigger(QueueNames.Urgent)] string message, CancellationToken ct) =>
        routing.HandleAsync(message, ct);
}
