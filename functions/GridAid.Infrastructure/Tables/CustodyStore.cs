using Azure;
using Azure.Data.Tables;
using GridAid.Core.Custody;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// The key layout of the <c>custody</c> table (partition = area): one <c>item|{code}</c> row per found item a station
/// holds or held, and one <c>due|{ticks}|{code}|{days}</c> row per reminder not given yet, sorted by due time, so the
/// sweep reads what is due as one range.
/// </summary>
public static class CustodyKeys
{
    private const string ItemPrefix = "item|";
    private const string DuePrefix = "due|";

    public static string Item(string trackingCode) => ItemPrefix + trackingCode;

    /// <summary>Every item row: [From, To).</summary>
    public static (string From, string To) Items => (ItemPrefix, "item}");

    public static string Due(DateTimeOffset due, string trackingCode, int daysBefore) =>
        $"{DuePrefix}{Math.Max(0, due.UtcTicks):D19}|{trackingCode}|{daysBefore}";

    /// <summary>The reminder rows due at or before <paramref name="now"/>: [From, To).</summary>
    public static (string From, string To) DueUntil(DateTimeOffset now) => (DuePrefix, $"{DuePrefix}{now.UtcTicks:D19}}}");
}

/// <summary>A found item in a station's custody (<see cref="CustodyKeys.Item"/>); the item as JSON, the holder as a column to filter on.</summary>
public sealed class CustodyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string StationId { get; set; } = string.Empty;

    public string Item { get; set; } = "{}";
}

/// <summary>A reminder to give at its due time (<see cref="CustodyKeys.Due"/>).</summary>
public sealed class CustodyDueEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TrackingCode { get; set; } = string.Empty;

    public int DaysBefore { get; set; }
}

/// <summary>Found items in custody and their reminders; every write is ETag-conditional or keyed, so repeating one changes nothing.</summary>
public sealed class CustodyStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Custody);

    public async Task<(CustodyItem Item, ETag ETag)?> GetAsync(string areaId, string trackingCode, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<CustodyEntity>(areaId, CustodyKeys.Item(trackingCode), cancellationToken: ct);
        return row.HasValue && row.Value is { } e && TableJson.Read<CustodyItem?>(e.Item, null) is { } item ? (item, e.ETag) : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the item (null when there is none yet) with a conditional write, retrying lost
    /// races; returns the step's answer as it was taken (its refusal, or the item written; <see cref="CustodyStep.Unchanged"/>
    /// with the item as it is).
    /// </summary>
    public async Task<(CustodyStep Step, CustodyItem? Now)> UpdateAsync(string areaId, string trackingCode, Func<CustodyItem?, CustodyStep> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Concurrency.MaxAttempts; attempt++)
        {
            var current = await GetAsync(areaId, trackingCode, ct);
            var step = change(current?.Item);
            if (step.Item is not { } next)
            {
                return (step, current?.Item);
            }

            var entity = new CustodyEntity
            {
                PartitionKey = areaId, RowKey = CustodyKeys.Item(trackingCode), StationId = next.StationId, Item = TableJson.Write(next),
            };
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(entity, ct);
                }
                else
                {
                    await _table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, ct);
                }

                return (step, next);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else wrote it first: read again.
            }
        }

        throw Concurrency.KeptChanging($"custody item {trackingCode}");
    }

    /// <summary>The area's items (held and released), or one station's (<paramref name="stationId"/>): one partition query.</summary>
    public async Task<IReadOnlyList<CustodyItem>> ListAsync(string areaId, string? stationId, CancellationToken ct)
    {
        var (from, to) = CustodyKeys.Items;
        var filter = stationId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to} and StationId eq {stationId}");
        var items = new List<CustodyItem>();
        await foreach (var e in _table.QueryAsync<CustodyEntity>(filter, cancellationToken: ct))
        {
            if (TableJson.Read<CustodyItem?>(e.Item, null) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>Keeps a reminder for its due time (the same row however often it is written).</summary>
    public Task ScheduleAsync(string areaId, string trackingCode, int daysBefore, DateTimeOffset due, CancellationToken ct) =>
        _table.UpsertEntityAsync(
            new CustodyDueEntity { PartitionKey = areaId, RowKey = CustodyKeys.Due(due, trackingCode, daysBefore), TrackingCode = trackingCode, DaysBefore = daysBefore },
            TableUpdateMode.Replace, ct);

    /// <summary>The area's reminders due at or before <paramref name="now"/>, earliest first.</summary>
    public async IAsyncEnumerable<CustodyDueEntity> ListDueAsync(string areaId, DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (from, to) = CustodyKeys.DueUntil(now);
        await foreach (var row in _table.QueryAsync<CustodyDueEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: ct))
        {
            yield return row;
        }
    }

    public async Task ForgetDueAsync(CustodyDueEntity row, CancellationToken ct)
    {
        try
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already (a sweep on another instance).
        }
    }
}
