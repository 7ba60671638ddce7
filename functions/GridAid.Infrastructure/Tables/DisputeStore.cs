using Azure;
using Azure.Data.Tables;
using GridAid.Core.Disputes;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>One dispute warning in the <c>disputes</c> table: partition = area id, row = the warning's id; the record as JSON.</summary>
public sealed class DisputeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string FiledBy { get; set; } = string.Empty;

    public string Data { get; set; } = string.Empty;
}

/// <summary>Dispute warnings (confidential: who may read one is decided by <see cref="DisputeRules.Sees"/> before anything is answered).</summary>
public sealed class DisputeStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Disputes);

    /// <summary>Inserts a new warning; false when one with its id exists (a retried request, or an id taken).</summary>
    public async Task<bool> AddAsync(Dispute dispute, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(Row(dispute), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<(Dispute Dispute, ETag ETag)?> GetAsync(string areaId, string id, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<DisputeEntity>(areaId, id, cancellationToken: ct);
        return row.HasValue && row.Value is { } e && TableJson.Read<Dispute?>(e.Data, null) is { } d ? (d, e.ETag) : null;
    }

    /// <summary>Every warning of the area, newest first (a partition read: warnings are few).</summary>
    public async Task<IReadOnlyList<Dispute>> ListAsync(string areaId, CancellationToken ct)
    {
        var list = new List<Dispute>();
        await foreach (var e in _table.QueryAsync<DisputeEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {areaId}"), 1000, cancellationToken: ct))
        {
            if (TableJson.Read<Dispute?>(e.Data, null) is { } d)
            {
                list.Add(d);
            }
        }

        return [.. list.OrderByDescending(d => d.FiledAt)];
    }

    /// <summary>Replaces a warning if unchanged since it was read; false when it changed meanwhile.</summary>
    public async Task<bool> ReplaceAsync(Dispute dispute, ETag etag, CancellationToken ct)
    {
        try
        {
            await _table.UpdateEntityAsync(Row(dispute), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private static DisputeEntity Row(Dispute d) => new() { PartitionKey = d.AreaId, RowKey = d.Id, FiledBy = d.FiledBy, Data = TableJson.Write(d) };
}
