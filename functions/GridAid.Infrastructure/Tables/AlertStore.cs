using Azure;
using Azure.Data.Tables;
using GridAid.Core.Alerts;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>Station inboxes in Table storage.</summary>
public sealed class AlertStore(StorageClients storage)
{
    /// <summary>Table storage's limit on operations in one transaction.</summary>
    public const int MaxBatch = 100;

    private readonly TableClient _alerts = storage.Table(TableNames.Alerts);

    /// <summary>
    /// Inserts a report's alerts in one transaction (they share the area's partition), with the inbox version of every
    /// station the report names, so an open inbox page sees the change on its next poll at no extra round trip. When any
    /// alert already exists — a redelivered message — inserts them one by one and leaves existing ones untouched, so a
    /// station's acknowledgement is never reset. Returns the alerts that were new.
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

        var areaId = alerts[0].AreaId;
        var told = Told(alerts);
        try
        {
            await SubmitWithVersionsAsync(areaId, alerts.Select(a => new TableTransactionAction(TableTransactionActionType.Add, AlertEntity.From(a))).ToList(), told, ct);
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

            if (added.Count > 0)
            {
                await SubmitWithVersionsAsync(areaId, [], told, ct);
            }

            return added;
        }
    }

    /// <summary>
    /// A station's inbox version: it changes in the same transaction as every write to an alert the station holds or
    /// shares a report with, so an unchanged version means an unchanged inbox. One point read; "0" before any alert.
    /// </summary>
    public async Task<string> InboxVersionAsync(string areaId, string stationId, CancellationToken ct)
    {
        var row = await _alerts.GetEntityIfExistsAsync<TableEntity>(areaId, AlertKeys.InboxVersion(stationId), [VersionColumn], ct);
        return row.HasValue && row.Value?.GetString(VersionColumn) is { } version ? version : "0";
    }

    /// <summary>
    /// A station's inbox: every open alert (newest first, up to <paramref name="maxOpen"/>) when <paramref name="continuation"/>
    /// is null, then a page of closed ones, newest first, and the continuation of the next page of closed ones.
    /// </summary>
    public async Task<InboxPage> ListInboxAsync(string areaId, string stationId, int maxOpen, int closedPageSize, string? continuation, CancellationToken ct)
    {
        var (from, to) = AlertKeys.StationRange(stationId);
        var closed = WireNames.ToSnakeCase(nameof(ReportStatus.Closed));
        var resolved = WireNames.ToSnakeCase(nameof(ReportStatus.Resolved));
        var open = new List<Alert>();
        if (continuation is null)
        {
            var openFilter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to} and StationId eq {stationId} and Status ne {resolved} and Status ne {closed}");
            await foreach (var entity in _alerts.QueryAsync<AlertEntity>(openFilter, Math.Min(maxOpen, 1000), cancellationToken: ct))
            {
                open.Add(entity.ToAlert());
                if (open.Count >= maxOpen)
                {
                    break;
                }
            }
        }

        var closedFilter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to} and StationId eq {stationId} and (Status eq {resolved} or Status eq {closed})");
        var done = new List<Alert>();
        string? next = continuation;
        // A filtered range may answer with empty pages and a continuation: follow them until the page is full or the range ends.
        do
        {
            await foreach (var page in _alerts.QueryAsync<AlertEntity>(closedFilter, closedPageSize - done.Count, cancellationToken: ct).AsPages(next, closedPageSize - done.Count))
            {
                done.AddRange(page.Values.Select(e => e.ToAlert()));
                next = page.ContinuationToken;
                break;
            }
        }
        while (next is not null && done.Count < closedPageSize);

        return new InboxPage(open, done, next);
    }

    /// <summary>The alerts of one report at <paramref name="stationIds"/> (the missing ones left out), with their ETags.</summary>
    public async Task<IReadOnlyList<(Alert Alert, ETag ETag)>> ListForReportAsync(string areaId, string reportKey, IReadOnlyCollection<string> stationIds, CancellationToken ct)
    {
        var result = new List<(Alert, ETag)>();
        // Table storage takes at most 15 discrete comparisons in one $filter: the partition and 14 rows per query.
        foreach (var chunk in stationIds.Distinct(StringComparer.Ordinal).Chunk(14))
        {
            var rows = string.Join(" or ", chunk.Select(s => TableClient.CreateQueryFilter($"RowKey eq {AlertKeys.For(s, reportKey)}")));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId}") + " and (" + rows + ")";
            await foreach (var entity in _alerts.QueryAsync<AlertEntity>(filter, cancellationToken: ct))
            {
                result.Add((entity.ToAlert(), entity.ETag));
            }
        }

        return result;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the alerts of one report at <paramref name="stationIds"/> (it returns those
    /// that change) with ETag-conditional writes in one transaction with every station's inbox version, retrying lost
    /// races. Returns the report's alerts as they are afterwards.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> UpdateAllAsync(
        string areaId, string reportKey, IReadOnlyCollection<string> stationIds, Func<IReadOnlyList<Alert>, IReadOnlyList<Alert>> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Concurrency.MaxAttempts; attempt++)
        {
            var current = await ListForReportAsync(areaId, reportKey, stationIds, ct);
            var changed = change(current.Select(c => c.Alert).ToList());
            if (changed.Count == 0)
            {
                return current.Select(c => c.Alert).ToList();
            }

            var etags = current.ToDictionary(c => c.Alert.StationId, c => c.ETag, StringComparer.Ordinal);
            var actions = changed.Select(a => new TableTransactionAction(TableTransactionActionType.UpdateReplace, AlertEntity.From(a), etags[a.StationId])).ToList();
            try
            {
                await SubmitWithVersionsAsync(areaId, actions, [.. stationIds, .. Told(changed)], ct);
                return current.Select(c => changed.FirstOrDefault(a => a.StationId == c.Alert.StationId) ?? c.Alert).ToList();
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }

        throw Concurrency.KeptChanging($"alerts of {reportKey}");
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
            await SubmitWithVersionsAsync(alert.AreaId, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, AlertEntity.From(alert), etag)], Told([alert]), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private const string VersionColumn = "Version";

    /// <summary>Every station that shows these alerts: their own stations and the stations they share a report with.</summary>
    private static HashSet<string> Told(IEnumerable<Alert> alerts) =>
        alerts.SelectMany(a => a.StationIds.Append(a.StationId)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Submits <paramref name="actions"/> and a new inbox version for each of <paramref name="stationIds"/> in one
    /// transaction. Past <see cref="MaxBatch"/> operations the alerts go first (in transactions of their own), the versions
    /// after: a poll in between reads new alerts under an old version and reads them again once the version moves.
    /// </summary>
    private async Task SubmitWithVersionsAsync(string areaId, List<TableTransactionAction> actions, IEnumerable<string> stationIds, CancellationToken ct)
    {
        var version = Guid.NewGuid().ToString("N");
        var versions = stationIds.Distinct(StringComparer.Ordinal).Select(id => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new TableEntity(areaId, AlertKeys.InboxVersion(id)) { [VersionColumn] = version })).ToList();
        if (actions.Count + versions.Count <= MaxBatch)
        {
            await SubmitAsync([.. actions, .. versions], ct);
            return;
        }

        foreach (var chunk in actions.Chunk(MaxBatch))
        {
            await SubmitAsync(chunk, ct);
        }

        foreach (var chunk in versions.Chunk(MaxBatch))
        {
            await SubmitAsync(chunk, ct);
        }
    }

    private async Task SubmitAsync(TableTransactionAction[] actions, CancellationToken ct)
    {
        if (actions.Length > 0)
        {
            await _alerts.SubmitTransactionAsync(actions, ct);
        }
    }
}

/// <summary>One page of a station's inbox: its open alerts (first page only), a page of closed ones, and where the next closed page starts.</summary>
public sealed record InboxPage(IReadOnlyList<Alert> Open, IReadOnlyList<Alert> Closed, string? Continuation);
