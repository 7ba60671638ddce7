using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>A server-side secret kept in the <c>secrets</c> table: partition = its name, one row.</summary>
public sealed class SecretEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The secret, Base64.</summary>
    public string Value { get; set; } = string.Empty;
}

/// <summary>
/// Random keys the app makes for itself on first use and every instance then shares (the first insert wins):
/// nothing to provision or rotate by hand, and only those who can already read the app's storage can read them.
/// </summary>
public sealed class SecretStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Secrets);

    public async Task<byte[]> GetOrCreateAsync(string name, int bytes, CancellationToken ct)
    {
        var existing = await _table.GetEntityIfExistsAsync<SecretEntity>(name, string.Empty, cancellationToken: ct);
        if (existing.HasValue && existing.Value is { } found)
        {
            return Convert.FromBase64String(found.Value);
        }

        var created = new SecretEntity { PartitionKey = name, RowKey = string.Empty, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)) };
        try
        {
            await _table.AddEntityAsync(created, ct);
            return Convert.FromBase64String(created.Value);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance made it first: use theirs.
            var winner = await _table.GetEntityAsync<SecretEntity>(name, string.Empty, cancellationToken: ct);
            return Convert.FromBase64String(winner.Value.Value);
        }
    }
}
