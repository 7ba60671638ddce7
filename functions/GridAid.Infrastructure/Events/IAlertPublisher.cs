using GridAid.Core.Alerts;

namespace GridAid.Infrastructure.Events;

/// <summary>Announces new alerts to the outside world (pagers, radio dispatch, dashboards).</summary>
public interface IAlertPublisher
{
    Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct);
}

/// <summary>Used when no Event Grid topic is configured.</summary>
public sealed class NoAlertPublisher : IAlertPublisher
{
    public Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct) => Task.CompletedTask;
}
