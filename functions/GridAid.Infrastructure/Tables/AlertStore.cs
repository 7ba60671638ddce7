using Azure;
using Azure.Data.Tables;
using GridAid.Core.Alerts;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>Station inboxes in Table storage.</summary>
public sealed class AlertStore(StorageClients storage)
{
    /// <summary>Table storage's limit on operations in one transaction.</summary>
    public const int MaxBatch = 100;

    private readonly TableClient _alerts = storage.Table(TableNames.Alerts);

    /// <summary>
    /// Inserts a report's alerts in one transaction (they share the area's partition). When any already exists —
    /// a redelivered message — inserts them one by one and leaves existing ones untouched, so a station's
    /// acknowledgement is never reset. Returns the alerts that were new.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> AddAllAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        if (alerts.Count == 0)
        {
            return [];
        }

        if (alerts.Select(a => a.AreaId).Distinct(StringComparer.Ordinal).Count() != 1 || alerts.Count > MaxBatch)
        {
            throw new ArgumentException($"One transaction takes at most {MaxBatch} alerts of one area.", nameof(alerts));
        }

        try
        {
            await _alerts.SubmitTransactionAsync(alerts.Select(a => new TableTransactionAction(TableTransactionActionType.Add, AlertEntity.From(a))), ct);
            return alerts;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            var added = new List<Alert>();
            foreach (var alert in alerts)
            {
                try
                {
                    await _alerts.AddEntityAsync(AlertEntity.From(alert), ct);
                    added.Add(alert);
                }
                catch (RequestFailedException inner) when (inner.Status == 409)
                {
                }
            }

            return added;
        }
    }

    public async Task<IReadOnlyList<Alert>> ListForStationAsync(string areaId, string stationId, int max, CancellationToken ct)
    {
        var (from, to) = AlertKeys.StationRange(stationId);
        // The StationId test keeps station "a" from seeing station "a_b" (the row-key range alone would include it).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to} and StationId eq {stationId}");
        var result = new List<Alert>();
        await foreach (var entity in _alerts.QueryAsync<AlertEntity>(filter, Math.Min(max, 1000), cancellationToken: ct))
        {
            result.Add(entity.ToAlert());
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    public async Task<(Alert Alert, ETag ETag)?> GetAsync(string areaId, string stationId, string reportKey, CancellationToken ct)
    {
        var response = await _alerts.GetEntityIfExistsAsync<AlertEntity>(areaId, AlertKeys.For(stationId, reportKey), cancellationToken: ct);
        return response.HasValue && response.Value is { } e ? (e.ToAlert(), e.ETag) : null;
    }

    /// <summary>Applies <paramref name="change"/> with an ETag-conditional write, retrying lost races; null when the alert is missing.</summary>
    public async Task<(Alert Alert, bool Changed)?> UpdateAsync(string areaId, string stationId, string reportKey, Func<Alert, Alert?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Concurrency.MaxAttempts; attempt++)
        {
            if (await GetAsync(areaId, stationId, reportKey, ct) is not { } current)
            {
                return null;
            }

            if (change(current.Alert) is not { } next)
            {
                return (current.Alert, false);
            }

            if (await TryReplaceAsync(next, current.ETag, ct))
            {
                return (next, true);
            }
        }

        throw Concurrency.KeptChanging($"alert of {reportKey} at {stationId}");
    }

    private async Task<bool> TryReplaceAsync(Alert alert, ETag etag, CancellationToken ct)
    {
        try
        {
            await _alerts.UpdateEntityAsync(AlertEntity.From(alert), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
