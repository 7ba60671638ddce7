using System.Text.Json;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Poison;

/// <summary>Keeps every routing message that failed all its deliveries, with the report it names when it can be read.</summary>
public sealed class PoisonRecorder(PoisonStore store, TimeProvider clock, ILogger<PoisonRecorder> logger)
{
    public async Task RecordAsync(string messageText, CancellationToken ct)
    {
        RoutingMessage? message = null;
        try
        {
            message = GridAidJson.Deserialize<RoutingMessage>(messageText);
        }
        catch (JsonException)
        {
        }

        await store.RecordAsync(QueueNames.Intake, messageText, message?.Report?.AreaId, message?.Report?.TrackingCode, clock.GetUtcNow(), ct);
        logger.LogError("Routing gave up on a message for report {TrackingCode} in {AreaId}; recorded for review",
            message?.Report?.TrackingCode ?? "(unreadable)", message?.Report?.AreaId ?? "(unknown)");
    }
}
