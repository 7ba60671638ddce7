using GridAid.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace GridAid.Infrastructure.Events;

/// <summary>
/// Events are a notification side channel; the inboxes are the record. The SDK already retries a failed publish;
/// when it still fails, the failure is logged and routing, escalation and transfers go on, so an Event Grid outage
/// can neither hold up nor poison a report that every station already has, nor refuse a station's step.
/// </summary>
public sealed class BestEffortAlertPublisher(IAlertPublisher inner, ILogger<BestEffortAlertPublisher> logger) : IAlertPublisher
{
    public Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct) => TryAsync(alerts, () => inner.PublishAsync(alerts, ct), ct);

    public Task PublishStepAsync(IReadOnlyList<Alert> alerts, AlertStep taken, CancellationToken ct) => TryAsync(alerts, () => inner.PublishStepAsync(alerts, taken, ct), ct);

    private async Task TryAsync(IReadOnlyList<Alert> alerts, Func<Task> publish, CancellationToken ct)
    {
        try
        {
            await publish();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Publishing {Count} alert events for report {TrackingCode} failed", alerts.Count, alerts.Count > 0 ? alerts[0].TrackingCode : null);
        }
    }
}
