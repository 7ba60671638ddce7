using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Queues;

/// <summary>A message taken from a poison queue, leased until it is deleted or its lease runs out.</summary>
public sealed record PoisonQueueMessage(string Queue, string MessageId, string PopReceipt, string Text, long DequeueCount);

/// <summary>
/// Reads the poison queues (<c>{queue}-poison</c>, where the Functions host moves a message after
/// <c>maxDequeueCount</c> failed deliveries) from the sweeper's timer, instead of a queue trigger polling each one:
/// one receive per poison queue and sweep.
/// </summary>
public sealed class PoisonQueueReader(StorageClients storage)
{
    /// <summary>The queues whose poison queues the sweeper reads, each with its trigger.</summary>
    public static readonly IReadOnlyList<string> Watched = [QueueNames.Intake, QueueNames.Urgent, QueueNames.ScheduledChecks, QueueNames.Deliveries];

    /// <summary>How long a taken message stays hidden: a recorder that fails leaves it to a later sweep.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Up to 32 messages (one request) of the poison queue of <paramref name="queue"/>; none when it does not exist yet.</summary>
    public async Task<IReadOnlyList<PoisonQueueMessage>> TakeAsync(string queue, CancellationToken ct)
    {
        var poison = storage.Queue(QueueNames.PoisonOf(queue));
        try
        {
            var batch = await poison.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: Lease, cancellationToken: ct);
            return batch.Value.Select(m => new PoisonQueueMessage(queue, m.MessageId, m.PopReceipt, m.MessageText, m.DequeueCount)).ToList();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No message was ever poisoned on this queue: the host creates a poison queue with its first message.
            return [];
        }
    }

    public async Task DeleteAsync(PoisonQueueMessage message, CancellationToken ct) =>
        await storage.Queue(QueueNames.PoisonOf(message.Queue)).DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
}
