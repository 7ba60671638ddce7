using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Scheduling;

/// <summary>
/// When an urgent report's check comes due and no station has acknowledged it, every other station of the area
/// hears it (<see cref="EscalationPolicy.Targets"/>). Safe to run twice: a report already acknowledged or
/// already escalated to everyone is left as it is, and alerts are inserted, never overwritten.
/// </summary>
public sealed class UnansweredEscalation(
    ReportStore reports,
    AlertStore alerts,
    DirectoryCache directory,
    IAlertPublisher publisher,
    TimeProvider clock,
    ILogger<UnansweredEscalation> logger)
{
    private const int MaxConflictRetries = 5;

    public async Task HandleAsync(ScheduledCheck message, CancellationToken ct)
    {
        var area = await directory.GetAsync(message.AreaId, ct)
            ?? throw new InvalidOperationException($"Unknown area '{message.AreaId}'.");

        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            if (await reports.GetAsync(message.AreaId, message.ReportKey, ct) is not { } stored)
            {
                return;
            }

            var targets = EscalationPolicy.Targets(stored.Report, area).Select(s => s.Id).ToList();
            if (ReportLifecycle.Escalated(stored.Report, targets, clock.GetUtcNow()) is not { } escalated)
            {
                return;
            }

            var now = escalated.UpdatedAt;
            var pointName = stored.Report.PointCode is { } code ? area.FindPoint(code)?.Name.ToString() : null;
            var added = targets.Select(id => Alert.For(escalated, id, escalated.StationIds, pointName, now, AlertReason.Escalated)).ToList();
            await alerts.AddAllAsync(added, ct);
            if (!await reports.TryReplaceAsync(escalated, stored.ETag, ct))
            {
                continue;
            }

            await publisher.PublishAsync(added, ct);
            logger.LogWarning("Escalated unacknowledged {Kind} report {TrackingCode} to {StationCount} more stations",
                stored.Report.Kind, stored.Report.TrackingCode, added.Count);
            return;
        }

        throw new InvalidOperationException($"Report {message.TrackingCode} kept changing while being escalated.");
    }
}
