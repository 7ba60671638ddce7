using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using GridAid.Core.Audit;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>The key layout of the <c>audit</c> table: partition = area, row = inverted ticks + a random suffix (newest first, append only).</summary>
public static class AuditKeys
{
    public static string For(DateTimeOffset at) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
}

public sealed class AuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }

    public string Principal { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    /// <summary>The route's ids, JSON.</summary>
    public string Target { get; set; } = "{}";

    public int Status { get; set; }
}

/// <summary>The admin actions of each area, newest first.</summary>
public sealed class AuditStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Audit);

    public Task AddAsync(AuditEntry entry, CancellationToken ct) =>
        _table.AddEntityAsync(
            new AuditEntity
            {
                PartitionKey = entry.AreaId,
                RowKey = AuditKeys.For(entry.At),
                At = entry.At,
                Principal = entry.Principal,
                Action = entry.Action,
                Target = TableJson.Write(entry.Target),
                Status = entry.Status,
            },
            ct);

    public async Task<(IReadOnlyList<AuditEntry> Items, string? ContinuationToken)> ListAsync(string areaId, int pageSize, string? continuation, CancellationToken ct)
    {
        await using var pages = _table.QueryAsync<AuditEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {areaId}"), pageSize, cancellationToken: ct)
            .AsPages(continuation, pageSize).GetAsyncEnumerator(ct);
        if (!await pages.MoveNextAsync())
        {
            return ([], null);
        }

        var items = pages.Current.Values.Select(e => new AuditEntry(
            e.PartitionKey, e.At, e.Principal, e.Action, TableJson.Read<Dictionary<string, string>?>(e.Target, null) ?? [], e.Status)).ToList();
        return (items, string.IsNullOrEmpty(pages.Current.ContinuationToken) ? null : pages.Current.ContinuationToken);
    }
}
