using GridAid.Core.Reports;

namespace GridAid.Infrastructure.Queues;

/// <summary>
/// What the intake function hands to the router: the whole report (so routing reads nothing back) and the
/// ETag of the row the intake wrote (so the router's update is conditional without a read).
/// </summary>
public sealed record RoutingMessage(Report Report, string? ETag);
