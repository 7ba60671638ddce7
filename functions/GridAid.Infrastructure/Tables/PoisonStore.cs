using Azure;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>A message that failed every delivery, kept for an admin to see and replay.</summary>
public sealed class PoisonEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string MessageText { get; set; } = string.Empty;

    public string? AreaId { get; set; }

    public string? TrackingCode { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Why the last delivery failed, when the handler noted it (type and message; no report data).</summary>
    public string? Error { get; set; }
}

/// <summary>Poison messages in Table storage (keys: <see cref="PoisonKeys"/>).</summary>
public sealed class PoisonStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Poison);

    public async Task RecordAsync(string queue, string messageText, string? areaId, string? trackingCode, DateTimeOffset now, CancellationToken ct, string? error = null)
    {
        var entity = new PoisonEntity
        {
            PartitionKey = queue,
            RowKey = PoisonKeys.For(messageText),
            MessageText = messageText.Length > 30_000 ? messageText[..30_000] : messageText,
            AreaId = areaId,
            TrackingCode = trackingCode,
            RecordedAt = now,
            Error = error,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<PoisonEntity>> ListAsync(string queue, int max, CancellationToken ct)
    {
        var result = new List<PoisonEntity>();
        await foreach (var e in _table.QueryAsync<PoisonEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}"), cancellationToken: ct))
        {
            result.Add(e);
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The failed messages of one area, on the given queues, newest first.</summary>
    public async Task<IReadOnlyList<PoisonEntity>> ListForAreaAsync(string areaId, IEnumerable<string> queues, CancellationToken ct)
    {
        var result = new List<PoisonEntity>();
        foreach (var queue in queues)
        {
            await foreach (var e in _table.QueryAsync<PoisonEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue} and AreaId eq {areaId}"), cancellationToken: ct))
            {
                result.Add(e);
            }
        }

        return [.. result.OrderByDescending(e => e.RecordedAt)];
    }

    public async Task<PoisonEntity?> GetAsync(string queue, string id, CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<PoisonEntity>(queue, id, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every failed message still waiting for an admin, across areas (for the health check; the table stays small).</summary>
    public async Task<int> CountAsync(CancellationToken ct)
    {
        var n = 0;
        await foreach (var _ in _table.QueryAsync<PoisonEntity>(select: ["PartitionKey"], cancellationToken: ct))
        {
            n++;
        }

        return n;
    }

    public async Task DeleteAsync(string queue, string id, CancellationToken ct)
    {
        try
        {
            await _table.DeleteEntityAsync(queue, id, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Re-driven already.
        }
    }
}
