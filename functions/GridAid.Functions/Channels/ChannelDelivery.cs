using GridAid.Core.Channels;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Channels;

/// <summary>
/// Delivers one <see cref="DeliveryMessage"/> (the queue function <c>DeliverToChannel</c>): claims the delivery's row
/// (<see cref="DeliveryStore.ClaimAsync"/>, so a redelivered or duplicated message never posts twice), reads the channel,
/// posts, and records the outcome. A failed post is retried by a new message hidden for the back-off
/// (<see cref="ChannelOptions.BackoffAfter"/>); after <see cref="ChannelOptions.MaxAttempts"/> the failure is recorded for
/// the admin's and the station's pages. A message meeting another worker's live claim comes back after the lease.
/// </summary>
public sealed class ChannelDelivery(
    ChannelStore channels,
    DeliveryStore deliveries,
    DeliverySender sender,
    ChannelPoster poster,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<ChannelDelivery> logger)
{
    private ChannelOptions Options => options.Value.Channels;

    public async Task HandleAsync(string messageText, CancellationToken ct)
    {
        var message = GridAidJson.Deserialize<DeliveryMessage>(messageText) ?? throw new FormatException("Empty delivery message.");
        var n = message.Notice;
        var now = clock.GetUtcNow();
        var list = await channels.GetAsync(n.AreaId, n.StationId, ct);
        var channel = message.ChannelIndex < list.Count ? list[message.ChannelIndex] : null;
        var fresh = new DeliveryEntity
        {
            RowKey = n.Id,
            StationId = n.StationId,
            TrackingCode = n.TrackingCode,
            Step = n.Step,
            ChannelIndex = message.ChannelIndex,
            ChannelType = channel is null ? string.Empty : GridAidJson.Serialize(channel.Type).Trim('"'),
        };
        var (claim, row) = await deliveries.ClaimAsync(n.AreaId, fresh, Options.ClaimLease, now, ct);
        if (claim == ClaimResult.Done)
        {
            return;
        }

        if (claim == ClaimResult.Busy)
        {
            // Another worker is posting it: look again once its lease is over (it will have recorded the outcome).
            await sender.SendAsync(message, row.ClaimedUntil - now + TimeSpan.FromSeconds(1), ct);
            return;
        }

        var result = channel is null ? new PostResult(false, "The station no longer has this channel") : await poster.PostAsync(channel, n, ct);
        var after = clock.GetUtcNow();
        if (result.Delivered)
        {
            await deliveries.FinishAsync(row, DeliveryOutcome.Delivered, null, after, ct);
            logger.LogInformation("Delivered {Step} of report {TrackingCode} to channel {ChannelIndex} of station {StationId}", n.Step, n.TrackingCode, message.ChannelIndex, n.StationId);
            return;
        }

        var final = channel is null || row.Attempts + 1 >= Options.MaxAttempts;
        await deliveries.FinishAsync(row, final ? DeliveryOutcome.Failed : DeliveryOutcome.Retrying, result.Error, after, ct);
        if (final)
        {
            logger.LogWarning("Delivery {DeliveryId} failed for good after {Attempts} attempts: {Error}", n.Id, row.Attempts, result.Error);
            return;
        }

        await sender.SendAsync(message with { Attempt = row.Attempts }, Options.BackoffAfter(row.Attempts - 1), ct);
    }

    /// <summary>A delivery message that failed every dequeue (storage trouble, not a channel's): recorded as failed, so someone sees it.</summary>
    public async Task RecordPoisonAsync(string messageText, CancellationToken ct)
    {
        DeliveryMessage? message = null;
        try
        {
            message = GridAidJson.Deserialize<DeliveryMessage>(messageText);
        }
        catch (System.Text.Json.JsonException)
        {
            // Unreadable: nothing to record it under.
        }

        if (message?.Notice is not { } n)
        {
            logger.LogError("An unreadable delivery message failed every dequeue");
            return;
        }

        var fresh = new DeliveryEntity { RowKey = n.Id, StationId = n.StationId, TrackingCode = n.TrackingCode, Step = n.Step, ChannelIndex = message.ChannelIndex };
        var (claim, row) = await deliveries.ClaimAsync(n.AreaId, fresh, Options.ClaimLease, clock.GetUtcNow(), ct);
        if (claim == ClaimResult.Claimed)
        {
            await deliveries.FinishAsync(row, DeliveryOutcome.Failed, "The delivery failed every dequeue", clock.GetUtcNow(), ct);
        }
    }
}
