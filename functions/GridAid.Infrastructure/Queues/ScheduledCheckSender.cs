using Azure.Storage.Queues;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Queues;

/// <summary>
/// Schedules checks on one queue: a message hidden for the delay is a timer that needs no extra trigger, and one
/// queue for every kind of check keeps idle polling to a single queue. Messages never expire, so a 7-day wait is safe.
/// </summary>
public sealed class ScheduledCheckSender(StorageClients storage)
{
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _queue = storage.Queue(QueueNames.ScheduledChecks);

    public async Task ScheduleAsync(ScheduledCheck check, TimeSpan delay, CancellationToken ct) =>
        await _queue.SendMessageAsync(GridAidJson.Serialize(check), visibilityTimeout: delay, timeToLive: NeverExpire, cancellationToken: ct);
}
