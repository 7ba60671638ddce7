using GridAid.Core.Alerts;
using GridAid.Core.Channels;
using GridAid.Functions.Posters;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Channels;

/// <summary>
/// Where alerts leave the system, after the events: for every new alert (routed, escalated, command, transferred) and
/// every stand-down, one <see cref="DeliveryMessage"/> per channel of its station on the <c>deliveries</c> queue. Only
/// queue messages are sent here (one read of the area's channels, then the sends): the posting is done by the delivery
/// function, never on the routing path. A failure to queue them is not swallowed: the caller's message is retried, and the
/// deterministic delivery ids make the repeat harmless.
/// </summary>
public sealed class ChannelFanOut(IAlertPublisher events, ChannelStore channels, DeliverySender sender, IOptions<GridAidOptions> options, TimeProvider clock) : IAlertPublisher
{
    public async Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        await events.PublishAsync(alerts, ct);
        await QueueAsync(alerts, a => NoticeSteps.For(a.Reason), a => a.RoutedAt, ct);
    }

    public async Task PublishStepAsync(IReadOnlyList<Alert> alerts, AlertStep taken, CancellationToken ct)
    {
        await events.PublishStepAsync(alerts, taken, ct);
        if (taken == AlertStep.Resolved)
        {
            await QueueAsync(alerts, _ => NoticeSteps.Resolved, a => a.ResolvedAt ?? clock.GetUtcNow(), ct);
        }
    }

    private async Task QueueAsync(IReadOnlyList<Alert> alerts, Func<Alert, string> step, Func<Alert, DateTimeOffset> at, CancellationToken ct)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        var byStation = await channels.ListAreaAsync(alerts[0].AreaId, ct);
        if (byStation.Count == 0)
        {
            return;
        }

        var zone = options.Value.AreaTimeZone();
        var messages = new List<DeliveryMessage>();
        foreach (var alert in alerts)
        {
            var list = byStation.GetValueOrDefault(alert.StationId) ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                messages.Add(new DeliveryMessage(ChannelNotice.For(alert, step(alert), i, at(alert), zone, InboxUrl(options.Value)), i));
            }
        }

        await sender.SendAllAsync(messages, ct);
    }

    /// <summary>The station page at the public address (a station signs in there), or the relative path when none is set.</summary>
    public static string InboxUrl(GridAidOptions o) => (PointQrCode.PublicBase(o.PublicBaseUrl)?.ToString().TrimEnd('/') ?? string.Empty) + "/station";
}
