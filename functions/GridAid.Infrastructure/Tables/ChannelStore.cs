using Azure;
using Azure.Data.Tables;
using GridAid.Core.Channels;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>One station's channels (<c>stationchannels</c> table): partition = area, row = station; the list as JSON, secrets included.</summary>
public sealed class ChannelEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Channels { get; set; } = "[]";
}

/// <summary>
/// The stations' notification channels, apart from the directory: the directory is cached and answered to every admin
/// page, the channels' secrets are read only by the delivery function. Storage encrypts them at rest like every table;
/// no API answers them and nothing logs them (docs/security.md).
/// </summary>
public sealed class ChannelStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.StationChannels);

    public async Task<IReadOnlyList<Channel>> GetAsync(string areaId, string stationId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<ChannelEntity>(areaId, stationId, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? TableJson.Read<List<Channel>>(e.Channels, []) : [];
    }

    /// <summary>Every station of the area that has channels (one partition query).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Channel>>> ListAreaAsync(string areaId, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<Channel>>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<ChannelEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {areaId}"), cancellationToken: ct))
        {
            result[e.RowKey] = TableJson.Read<List<Channel>>(e.Channels, []);
        }

        return result;
    }

    /// <summary>Replaces the station's channels (none: the row goes).</summary>
    public async Task PutAsync(string areaId, string stationId, IReadOnlyList<Channel> channels, CancellationToken ct)
    {
        if (channels.Count == 0)
        {
            try
            {
                await _table.DeleteEntityAsync(areaId, stationId, ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Had none.
            }

            return;
        }

        await _table.UpsertEntityAsync(new ChannelEntity { PartitionKey = areaId, RowKey = stationId, Channels = TableJson.Write(channels) }, TableUpdateMode.Replace, ct);
    }
}
