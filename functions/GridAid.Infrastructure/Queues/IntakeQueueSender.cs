using Azure.Storage.Queues;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Queues;

/// <summary>The queues between the intake function and the router: lost persons in their own lane, everything else in the intake queue.</summary>
public sealed class IntakeQueueSender(StorageClients storage)
{
    private readonly QueueClient _intake = storage.Queue(QueueNames.Intake);
    private readonly QueueClient _urgent = storage.Queue(QueueNames.Urgent);

    /// <summary>The queue a report's routing message goes to.</summary>
    public static string QueueFor(ReportKind kind) => kind == ReportKind.LostPerson ? QueueNames.Urgent : QueueNames.Intake;

    public async Task SendAsync(RoutingMessage message, CancellationToken ct) =>
        await (QueueFor(message.Report.Kind) == QueueNames.Urgent ? _urgent : _intake).SendMessageAsync(GridAidJson.Serialize(message), ct);
}
