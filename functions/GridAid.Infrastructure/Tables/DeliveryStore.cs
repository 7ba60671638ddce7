using Azure;
using Azure.Data.Tables;
using GridAid.Core.Channels;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>One delivery (<c>deliveries</c> table): partition = area, row = the delivery id <c>{code}:{station}:{step}:{channelIndex}</c>.</summary>
public sealed class DeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string StationId { get; set; } = string.Empty;

    public string TrackingCode { get; set; } = string.Empty;

    public string Step { get; set; } = string.Empty;

    public int ChannelIndex { get; set; }

    public string ChannelType { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public string? Error { get; set; }

    /// <summary>Until when the worker that claimed it may post (a claim past it is taken over).</summary>
    public DateTimeOffset ClaimedUntil { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DeliveryRecord ToRecord() => new(RowKey, StationId, TrackingCode, Step, ChannelIndex, Wire<ChannelType>(ChannelType), Wire<DeliveryOutcome>(Outcome), Attempts, Error, UpdatedAt);

    private static T Wire<T>(string value) where T : struct, Enum => GridAidJson.Deserialize<T>("\"" + value + "\"");
}

/// <summary>What a claim found: go ahead (with the row's version), already done, or another worker is posting.</summary>
public enum ClaimResult
{
    Claimed,
    Done,
    Busy,
}

/// <summary>
/// The record of every delivery, and the one thing that keeps a redelivered message from posting twice: a worker posts
/// only after it claimed the delivery's row (a conditional insert, or an ETag-conditional update of a retry or a stale
/// claim); a row that says delivered or failed ends every later message for the same id.
/// </summary>
public sealed class DeliveryStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Deliveries);

    public async Task<(ClaimResult Result, DeliveryEntity Row)> ClaimAsync(string areaId, DeliveryEntity fresh, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        fresh.PartitionKey = areaId;
        fresh.Outcome = Wire(DeliveryOutcome.Sending);
        fresh.ClaimedUntil = now + lease;
        fresh.UpdatedAt = now;
        for (var tries = 0; tries < 5; tries++)
        {
            var existing = await _table.GetEntityIfExistsAsync<DeliveryEntity>(areaId, fresh.RowKey, cancellationToken: ct);
            if (!existing.HasValue || existing.Value is not { } row)
            {
                try
                {
                    fresh.Attempts = 0;
                    var added = await _table.AddEntityAsync(fresh, ct);
                    fresh.ETag = added.Headers.ETag ?? default;
                    return (ClaimResult.Claimed, fresh);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    continue;
                }
            }

            if (row.Outcome is var o && (o == Wire(DeliveryOutcome.Delivered) || o == Wire(DeliveryOutcome.Failed)))
            {
                return (ClaimResult.Done, row);
            }

            if (row.Outcome == Wire(DeliveryOutcome.Sending) && row.ClaimedUntil > now)
            {
                return (ClaimResult.Busy, row);
            }

            row.Outcome = Wire(DeliveryOutcome.Sending);
            row.ClaimedUntil = now + lease;
            row.UpdatedAt = now;
            try
            {
                var updated = await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
                row.ETag = updated.Headers.ETag ?? default;
                return (ClaimResult.Claimed, row);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                continue;
            }
        }

        throw new InvalidOperationException($"Could not claim delivery {fresh.RowKey}.");
    }

    /// <summary>Ends the claim: delivered, failed for good, or to be retried. The claim's ETag: a worker that lost its claim changes nothing.</summary>
    public async Task FinishAsync(DeliveryEntity claimed, DeliveryOutcome outcome, string? error, DateTimeOffset now, CancellationToken ct)
    {
        claimed.Outcome = Wire(outcome);
        claimed.Attempts += 1;
        claimed.Error = error is { Length: > 300 } ? error[..300] : error;
        claimed.UpdatedAt = now;
        claimed.ClaimedUntil = now;
        try
        {
            await _table.UpdateEntityAsync(claimed, claimed.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Taken over after the lease ran out: the other worker records its own outcome.
        }
    }

    public async Task<DeliveryRecord?> GetAsync(string areaId, string id, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<DeliveryEntity>(areaId, id, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? e.ToRecord() : null;
    }

    /// <summary>The area's failed deliveries (of one station, when named), newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListFailedAsync(string areaId, string? stationId, int max, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and Outcome eq {Wire(DeliveryOutcome.Failed)}");
        if (stationId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"StationId eq {stationId}");
        }

        var result = new List<DeliveryRecord>();
        await foreach (var e in _table.QueryAsync<DeliveryEntity>(filter, cancellationToken: ct))
        {
            result.Add(e.ToRecord());
        }

        return result.OrderByDescending(r => r.UpdatedAt).Take(max).ToList();
    }

    private static string Wire(DeliveryOutcome o) => GridAidJson.Serialize(o).Trim('"');
}
