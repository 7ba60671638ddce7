using GridAid.Core.Reports;

namespace GridAid.Infrastructure.Queues;

/// <summary>
/// What the intake function hands to the router: the whole report (so routing reads nothing back), the
/// ETag of the row the intake wrote (so the router's update is conditional without a read), and the W3C
/// <c>traceparent</c> of the work that queued it (<see cref="IntakeQueueSender"/> stamps it), so routing continues
/// the intake's trace.
/// </summary>
public sealed record RoutingMessage(Report Report, string? ETag, string? TraceParent = null);
