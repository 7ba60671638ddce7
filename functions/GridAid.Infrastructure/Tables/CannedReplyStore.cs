using Azure;
using Azure.Data.Tables;
using GridAid.Core.Replies;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>One area's canned replies (<c>cannedreplies</c> table): partition = area, row <c>list</c>, the list as JSON.</summary>
public sealed class CannedReplyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Replies { get; set; } = "[]";
}

/// <summary>The areas' canned replies: what the admin saved, or null (then the defaults of <see cref="CannedReplies"/> apply).</summary>
public sealed class CannedReplyStore(StorageClients storage)
{
    private const string ListRow = "list";

    private readonly TableClient _table = storage.Table(TableNames.CannedReplies);

    public async Task<IReadOnlyList<CannedReply>?> GetAsync(string areaId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<CannedReplyEntity>(areaId, ListRow, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? TableJson.Read<List<CannedReply>>(e.Replies, []) : null;
    }

    /// <summary>Replaces the area's list (one row, well under an entity's 1 MB: at most <see cref="CannedReplies.MaxTotal"/> short pairs).</summary>
    public Task PutAsync(string areaId, IReadOnlyList<CannedReply> replies, CancellationToken ct) =>
        _table.UpsertEntityAsync(new CannedReplyEntity { PartitionKey = areaId, RowKey = ListRow, Replies = TableJson.Write(replies) }, TableUpdateMode.Replace, ct);
}
