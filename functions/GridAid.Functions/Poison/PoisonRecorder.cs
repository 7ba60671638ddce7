using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.Functions.Routing;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Poison;

/// <summary>
/// Keeps every message that failed all its deliveries, for an admin to see and re-drive; a report whose routing failed
/// goes to the area's duty station (<see cref="DutyStationFallback"/>) so a human has it meanwhile. A routing message is kept
/// by reference only (area, tracking code, report key): the report row holds the data, and redaction covers it there.
/// </summary>
public sealed class PoisonRecorder(PoisonStore store, ReportStore reports, DutyStationFallback fallback, TimeProvider clock, ILogger<PoisonRecorder> logger)
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
            var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
            await RecordAsync(queue, reference, report.AreaId, report.TrackingCode, ct, await reports.RoutingErrorAsync(report.AreaId, key, ct));
            await fallback.DeliverAsync(report.AreaId, key, ct);
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

    private async Task RecordAsync(string queue, string text, string? areaId, string? trackingCode, CancellationToken ct, string? error = null)
    {
        await store.RecordAsync(queue, text, areaId, trackingCode, clock.GetUtcNow(), ct, error);
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
