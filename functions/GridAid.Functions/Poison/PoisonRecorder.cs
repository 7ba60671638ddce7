using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Poison;

/// <summary>
/// Keeps every message that failed all its deliveries, for an admin to see and replay. A routing message is kept
/// by reference only (area, tracking code, report key): the report row holds the data, and redaction covers it there.
/// </summary>
public sealed class PoisonRecorder(PoisonStore store, TimeProvider clock, ILogger<PoisonRecorder> logger)
{
    public async Task RecordRoutingAsync(string queue, string messageText, CancellationToken ct)
    {
        var message = TryRead<RoutingMessage>(messageText);
        if (message?.Report is { } report)
        {
            var reference = GridAidJson.Serialize(new
            {
                report.AreaId,
                report.TrackingCode,
                ReportKey = ReportKeys.For(report.SubmittedAt, report.TrackingCode),
                report.Kind,
            });
            await RecordAsync(queue, reference, report.AreaId, report.TrackingCode, ct);
        }
        else
        {
            await RecordAsync(queue, messageText, null, null, ct);
        }
    }

    public async Task RecordCheckAsync(string queue, string messageText, CancellationToken ct)
    {
        var check = TryRead<ScheduledCheck>(messageText);
        await RecordAsync(queue, messageText, check?.AreaId, check?.TrackingCode, ct);
    }

    private async Task RecordAsync(string queue, string text, string? areaId, string? trackingCode, CancellationToken ct)
    {
        await store.RecordAsync(queue, text, areaId, trackingCode, clock.GetUtcNow(), ct);
        logger.LogError("A message on {Queue} for report {TrackingCode} in {AreaId} failed every delivery; recorded for review",
            queue, trackingCode ?? "(unreadable)", areaId ?? "(unknown)");
    }

    private static T? TryRead<T>(string text)
        where T : class
    {
        try
        {
            return GridAidJson.Deserialize<T>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
