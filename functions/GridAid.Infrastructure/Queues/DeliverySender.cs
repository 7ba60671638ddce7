using Azure.Storage.Queues;
using GridAid.Core.Channels;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Queues;

/// <summary>
/// One notice for one channel of one station (<see cref="ChannelNotice.Id"/> is the delivery id). The channel itself
/// (URL, secret) is read when it is delivered: no secret ever sits in a queue message.
/// </summary>
public sealed record DeliveryMessage(ChannelNotice Notice, int ChannelIndex, int Attempt = 0);

/// <summary>Sends delivery messages on <see cref="QueueNames.Deliveries"/>, at once or after a retry's back-off.</summary>
public sealed class DeliverySender(StorageClients storage)
{
    private readonly QueueClient _queue = storage.Queue(QueueNames.Deliveries);

    public Task SendAllAsync(IEnumerable<DeliveryMessage> messages, CancellationToken ct) =>
        Task.WhenAll(messages.Select(m => SendAsync(m, TimeSpan.Zero, ct)));

    public async Task SendAsync(DeliveryMessage message, TimeSpan delay, CancellationToken ct) =>
        await _queue.SendMessageAsync(GridAidJson.Serialize(message), visibilityTimeout: delay, cancellationToken: ct);
}
