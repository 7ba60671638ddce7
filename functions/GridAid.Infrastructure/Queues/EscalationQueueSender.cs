using Azure.Storage.Queues;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Queues;

/// <summary>Schedules escalation checks: a queue message hidden for the delay is a timer that needs no extra trigger.</summary>
public sealed class EscalationQueueSender(StorageClients storage)
{
    private readonly QueueClient _queue = storage.Queue(QueueNames.Escalation);

    public async Task ScheduleAsync(EscalationMessage message, TimeSpan delay, CancellationToken ct) =>
        await _queue.SendMessageAsync(GridAidJson.Serialize(message), visibilityTimeout: delay, cancellationToken: ct);
}
