using Azure.Storage.Queues;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

using GridAid.Infrastructure.Telemetry;

namespace GridAid.Infrastructure.Queues;

/// <summary>A message as sent: its queue, id and the pop receipt that deletes it while nobody has received it.</summary>
public sealed record QueuedMessage(string Queue, string MessageId, string PopReceipt);

/// <summary>The queues between the intake function and the router: lost and found persons in their own lane, everything else in the intake queue.</summary>
public sealed class IntakeQueueSender(StorageClients storage)
{
    private readonly QueueClient _intake = storage.Queue(QueueNames.Intake);
    private readonly QueueClient _urgent = storage.Queue(QueueNames.Urgent);

    /// <summary>The queue a report's routing message goes to.</summary>
    public static string QueueFor(ReportKind kind) => kind.IsPerson() ? QueueNames.Urgent : QueueNames.Intake;

    /// <summary>
    /// Queues a report for the router, with the current trace context when the message has none of its own. A message
    /// sent with a <paramref name="delay"/> stays hidden that long: the guarantee behind a report routed on the intake
    /// path, which then meets a report already routed instead of racing the intake's own routing.
    /// </summary>
    public async Task<QueuedMessage> SendAsync(RoutingMessage message, CancellationToken ct, TimeSpan? delay = null)
    {
        var lane = LaneOf(message.Report.Kind);
        var receipt = await lane.SendMessageAsync(
            GridAidJson.Serialize(message.TraceParent is null ? message with { TraceParent = TraceContext.Current() } : message),
            visibilityTimeout: delay, cancellationToken: ct);
        return new QueuedMessage(lane.Name, receipt.Value.MessageId, receipt.Value.PopReceipt);
    }

    /// <summary>
    /// Takes back a message still hidden since its send (its pop receipt is the send's): a report routed on the intake
    /// path needs no delivery. True when it was deleted; false when it was gone or is being delivered already (its
    /// receipt changed), which the router then takes calmly.
    /// </summary>
    public async Task<bool> WithdrawAsync(QueuedMessage message, CancellationToken ct)
    {
        try
        {
            await (message.Queue == _urgent.Name ? _urgent : _intake).DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// When the oldest message still waiting (visible) in the lane of <paramref name="kind"/> was queued; null when none
    /// waits. One peek of up to 32 messages: the queue is first-in first-out at best effort, so the oldest of the front
    /// ones stands for the lane's backlog.
    /// </summary>
    public async Task<DateTimeOffset?> OldestWaitingAsync(ReportKind kind, CancellationToken ct)
    {
        var front = await LaneOf(kind).PeekMessagesAsync(maxMessages: 32, ct);
        return front.Value.Select(m => m.InsertedOn).Where(t => t is not null).Min();
    }

    private QueueClient LaneOf(ReportKind kind) => QueueFor(kind) == QueueNames.Urgent ? _urgent : _intake;
}
