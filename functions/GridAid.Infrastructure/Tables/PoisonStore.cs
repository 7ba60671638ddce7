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
}

/// <summary>Poison messages in Table storage (keys: <see cref="PoisonKeys"/>).</summary>
public sealed class PoisonStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Poison);

    public async Task RecordAsync(string queue, string messageText, string? areaId, string? trackingCode, DateTimeOffset now, CancellationToken ct)
    {
        var entity = new PoisonEntity
        {
            PartitionKey = queue,
            RowKey = PoisonKeys.For(messageText),
            MessageText = messageText.Length > 30_000 ? messageText[..30_000] : messageText,
            AreaId = areaId,
            TrackingCode = trackingCode,
            RecordedAt = now,
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
}
