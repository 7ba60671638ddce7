using GridAid.Core.Alerts;

namespace GridAid.Infrastructure.Events;

/// <summary>A station's step that the outside world hears of, besides a new alert.</summary>
public enum AlertStep
{
    /// <summary>A station acknowledged its alert (one event: that station's).</summary>
    Acknowledged,

    /// <summary>The report was resolved (one event per station that stood down).</summary>
    Resolved,
}

/// <summary>Announces new alerts, and the steps taken on them, to the outside world (pagers, radio dispatch, dashboards).</summary>
public interface IAlertPublisher
{
    Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct);

    Task PublishStepAsync(IReadOnlyList<Alert> alerts, AlertStep taken, CancellationToken ct);
}

/// <summary>Used when no Event Grid topic is configured.</summary>
public sealed class NoAlertPublisher : IAlertPublisher
{
    public Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct) => Task.CompletedTask;

    public Task PublishStepAsync(IReadOnlyList<Alert> alerts, AlertStep taken, CancellationToken ct) => Task.CompletedTask;
}
