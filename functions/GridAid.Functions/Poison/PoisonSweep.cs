using GridAid.Functions.Channels;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Poison;

/// <summary>
/// The poison queues, read by the sweeper's timer (every 10 s) instead of four queue triggers: a queue trigger polls
/// its queue all the time an instance runs, at the host's polling interval, though a poison message is rare and nobody
/// is waiting on it by the millisecond (it has already failed every delivery, for about 50 s). Each message is given to
/// its recorder — a routing message to <see cref="PoisonRecorder.RecordRoutingAsync"/> (and so to the duty station), a
/// check to <see cref="PoisonRecorder.RecordCheckAsync"/>, a delivery to <see cref="ChannelDelivery.RecordPoisonAsync"/> —
/// then deleted. The recorders are idempotent (keys from the message), so a message recorded twice (the delete lost)
/// changes nothing; one whose recorder fails stays hidden for <see cref="PoisonQueueReader.Lease"/> and is tried again
/// by a later sweep.
/// </summary>
public sealed class PoisonSweep(PoisonQueueReader reader, PoisonRecorder recorder, ChannelDelivery delivery, ILogger<PoisonSweep> logger)
{
    /// <summary>Batches of 32 taken from one poison queue in one sweep, at most (a backlog is finished by the next sweeps).</summary>
    private const int MaxBatchesPerQueue = 8;

    /// <summary>Records and removes what every poison queue holds; returns how many messages were recorded.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var recorded = 0;
        foreach (var queue in PoisonQueueReader.Watched)
        {
            for (var batch = 0; batch < MaxBatchesPerQueue; batch++)
            {
                var messages = await reader.TakeAsync(queue, ct);
                foreach (var message in messages)
                {
                    recorded += await RecordAsync(message, ct) ? 1 : 0;
                }

                if (messages.Count < 32)
                {
                    break;
                }
            }
        }

        return recorded;
    }

    private async Task<bool> RecordAsync(PoisonQueueMessage message, CancellationToken ct)
    {
        try
        {
            await (message.Queue switch
            {
                QueueNames.ScheduledChecks => recorder.RecordCheckAsync(message.Queue, message.Text, ct),
                QueueNames.Deliveries => delivery.RecordPoisonAsync(message.Text, ct),
                _ => recorder.RecordRoutingAsync(message.Queue, message.Text, ct),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Recording poison message {MessageId} of {Queue} failed (taken {DequeueCount} times); a later sweep tries again",
                message.MessageId, message.Queue, message.DequeueCount);
            return false;
        }

        await reader.DeleteAsync(message, ct);
        return true;
    }
}
