using Azure.Messaging;
using Azure.Messaging.EventGrid;
using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Telemetry;

namespace GridAid.Infrastructure.Events;

/// <summary>
/// Publishes one CloudEvent per alert, and one per alert a station's step changed (acknowledged, resolved). Event ids are
/// deterministic (<c>{code}:{station}:routed</c>, <c>…:acknowledged</c>, <c>…:resolved</c>), so a subscriber can drop the
/// duplicates an at-least-once retry may send. Events carry no contact data and no details.
/// </summary>
public sealed class EventGridAlertPublisher(EventGridPublisherClient client) : IAlertPublisher
{
    public const string AlertRoutedType = "GridAid.Alert.Routed";
    public const string AlertEscalatedType = "GridAid.Alert.Escalated";
    public const string AlertTransferredType = "GridAid.Alert.Transferred";
    public const string AlertAcknowledgedType = "GridAid.Alert.Acknowledged";
    public const string AlertResolvedType = "GridAid.Alert.Resolved";

    public async Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        var events = alerts.Select(ToEvent).Select(Traced).ToList();
        await client.SendEventsAsync(events, ct);
    }

    public async Task PublishStepAsync(IReadOnlyList<Alert> alerts, AlertStep taken, CancellationToken ct)
    {
        if (alerts.Count > 0)
        {
            await client.SendEventsAsync(alerts.Select(a => Traced(ToStepEvent(a, taken))).ToList(), ct);
        }
    }

    /// <summary>
    /// The event with the current trace's <c>traceparent</c> as an extension attribute (the CloudEvents Distributed
    /// Tracing extension), so a subscriber's work joins the report's trace. The id stays the same on a retry.
    /// </summary>
    public static CloudEvent Traced(CloudEvent e)
    {
        if (TraceContext.Current() is { } traceParent && !e.ExtensionAttributes.ContainsKey("traceparent"))
        {
            e.ExtensionAttributes["traceparent"] = traceParent;
        }

        return e;
    }

    public static CloudEvent ToStepEvent(Alert a, AlertStep step)
    {
        var (type, suffix, by, at) = step == AlertStep.Acknowledged
            ? (AlertAcknowledgedType, "acknowledged", a.StationId, a.AcknowledgedAt)
            : (AlertResolvedType, "resolved", a.ResolvedBy, a.ResolvedAt);
        var data = new AlertStepData(a.AreaId, a.StationId, a.TrackingCode, a.Kind.ToWire(), a.Urgent, by, at ?? a.RoutedAt);
        return new CloudEvent($"/gridaid/areas/{a.AreaId}", type, BinaryData.FromObjectAsJson(data, GridAidJson.Options), "application/json")
        {
            Id = $"{a.TrackingCode}:{a.StationId}:{suffix}",
            Subject = $"stations/{a.StationId}/reports/{a.TrackingCode}",
            Time = at ?? a.RoutedAt,
        };
    }

    public static CloudEvent ToEvent(Alert a)
    {
        var data = new AlertRoutedData(a.AreaId, a.StationId, a.TrackingCode, a.Kind.ToWire(), a.Urgent, a.PointCode, a.PointName, a.SubmittedAt, a.RoutedAt);
        var (type, suffix) = a.Reason switch
        {
            AlertReason.Escalated => (AlertEscalatedType, "escalated"),
            AlertReason.Transferred => (AlertTransferredType, "transferred"),
            _ => (AlertRoutedType, "routed"),
        };
        return new CloudEvent($"/gridaid/areas/{a.AreaId}", type, BinaryData.FromObjectAsJson(data, GridAidJson.Options), "application/json")
        {
            Id = $"{a.TrackingCode}:{a.StationId}:{suffix}",
            Subject = $"stations/{a.StationId}/reports/{a.TrackingCode}",
            Time = a.RoutedAt,
        };
    }
}

/// <summary>The data of every alert event.</summary>
public sealed record AlertRoutedData(
    string AreaId,
    string StationId,
    string TrackingCode,
    string Kind,
    bool Urgent,
    string? PointCode,
    string? PointName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset RoutedAt);

/// <summary>The data of a step event: which station's alert, who took the step (the resolver: a station id or <c>admin</c>) and when.</summary>
public sealed record AlertStepData(
    string AreaId,
    string StationId,
    string TrackingCode,
    string Kind,
    bool Urgent,
    string? By,
    DateTimeOffset At);
