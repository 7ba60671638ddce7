using GridAid.Core.Serialization;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Poison;

/// <summary>One failed message as the admin sees it: which queue, which report, when, and why (when known).</summary>
public sealed record FailedMessage(string Queue, string Id, string? TrackingCode, DateTimeOffset RecordedAt, string? Error);

/// <summary>How a re-drive ended.</summary>
public enum RedriveOutcome
{
    Redriven,
    NotFound,
}

/// <summary>The admin's view of messages that failed every delivery, and the one-button re-drive.</summary>
public sealed class FailedMessages(
    PoisonStore poison,
    ReportStore reports,
    IntakeQueueSender intake,
    ScheduledCheckSender checks,
    ILogger<FailedMessages> logger)
{
    /// <summary>The queues whose failures are recorded (their poison queues each have a recorder).</summary>
    public static readonly IReadOnlyList<string> Queues = [QueueNames.Urgent, QueueNames.Intake, QueueNames.ScheduledChecks];

    public async Task<IReadOnlyList<FailedMessage>> ListAsync(string areaId, CancellationToken ct) =>
        [.. (await poison.ListForAreaAsync(areaId, Queues, ct)).Select(e => new FailedMessage(e.PartitionKey, e.RowKey, e.TrackingCode, e.RecordedAt, e.Error))];

    /// <summary>Sends the message to its queue again and removes the record: the handlers are idempotent, so a report already routed meanwhile changes nothing.</summary>
    public async Task<RedriveOutcome> RedriveAsync(string areaId, string queue, string id, CancellationToken ct)
    {
        if (!Queues.Contains(queue, StringComparer.Ordinal) || await poison.GetAsync(queue, id, ct) is not { } record || record.AreaId != areaId)
        {
            return RedriveOutcome.NotFound;
        }

        if (queue == QueueNames.ScheduledChecks)
        {
            var check = GridAidJson.Deserialize<ScheduledCheck>(record.MessageText);
            if (check is null)
            {
                return RedriveOutcome.NotFound;
            }

            await checks.ScheduleAsync(check, TimeSpan.Zero, ct);
        }
        else if (Reference(record) is { } reference && await reports.GetAsync(areaId, reference.ReportKey, ct) is { } stored)
        {
            await intake.SendAsync(new RoutingMessage(stored.Report, stored.Version), ct);
        }
        else
        {
            return RedriveOutcome.NotFound;
        }

        await poison.DeleteAsync(queue, id, ct);
        logger.LogInformation("Re-drove failed message {Id} of {Queue} for report {TrackingCode}", id, queue, record.TrackingCode);
        return RedriveOutcome.Redriven;
    }

    private sealed record RoutingReference(string AreaId, string TrackingCode, string ReportKey);

    private static RoutingReference? Reference(PoisonEntity e)
    {
        try
        {
            return GridAidJson.Deserialize<RoutingReference>(e.MessageText);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
