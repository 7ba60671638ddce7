using Azure;
using Azure.Data.Tables;
using GridAid.Core.Security;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>One remembered sign-in in the <c>devices</c> table: partition = area, row = the device id.</summary>
public sealed class DeviceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Principal { get; set; } = string.Empty;

    public string SecretHash { get; set; } = string.Empty;

    public string AccessFingerprint { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? Label { get; set; }

    public DeviceSignIn ToSignIn() => new(PartitionKey, RowKey, Principal, SecretHash, AccessFingerprint, IssuedAt, ExpiresAt, Label);
}

/// <summary>The device sign-ins of each area. Revoking deletes the row; an expired row is removed when the area's list is read.</summary>
public sealed class DeviceStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Devices);

    public Task AddAsync(DeviceSignIn s, CancellationToken ct) =>
        _table.AddEntityAsync(
            new DeviceEntity
            {
                PartitionKey = s.AreaId,
                RowKey = s.Id,
                Principal = s.Principal,
                SecretHash = s.SecretHash,
                AccessFingerprint = s.AccessFingerprint,
                IssuedAt = s.IssuedAt,
                ExpiresAt = s.ExpiresAt,
                Label = s.Label,
            },
            ct);

    public async Task<DeviceSignIn?> GetAsync(string areaId, string id, CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<DeviceEntity>(areaId, id, cancellationToken: ct);
        return found.HasValue && found.Value is { } e ? e.ToSignIn() : null;
    }

    /// <summary>The area's sign-ins still valid at <paramref name="now"/>, newest first; expired ones are deleted on the way.</summary>
    public async Task<IReadOnlyList<DeviceSignIn>> ListAsync(string areaId, DateTimeOffset now, CancellationToken ct)
    {
        var live = new List<DeviceSignIn>();
        await foreach (var e in _table.QueryAsync<DeviceEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {areaId}"), 1000, cancellationToken: ct))
        {
            if (e.ExpiresAt > now)
            {
                live.Add(e.ToSignIn());
            }
            else
            {
                await _table.DeleteEntityAsync(e.PartitionKey, e.RowKey, e.ETag, ct).ConfigureAwait(false);
            }
        }

        return live.OrderByDescending(s => s.IssuedAt).ToList();
    }

    /// <summary>Deletes a sign-in; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string areaId, string id, CancellationToken ct) =>
        // The SDK answers a missing entity's delete with its 404 response rather than an exception.
        (await _table.DeleteEntityAsync(areaId, id, ETag.All, ct)).Status != 404;
}
