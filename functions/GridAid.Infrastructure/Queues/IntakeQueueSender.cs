using Azure.Storage.Queues;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Queues;

/// <summary>The queue between the intake function and the router.</summary>
public sealed class IntakeQueueSender(StorageClients storage)
{
    private readonly QueueClient _queue = storage.Queue(QueueNames.Intake);

    public async Task SendAsync(RoutingMessage message, CancellationToken ct) =>
        await _queue.SendMessageAsync(GridAidJson.Serialize(message), ct);
}
