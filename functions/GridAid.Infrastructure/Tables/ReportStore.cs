using Azure;
using Azure.Data.Tables;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>The outcome of claiming a tracking code.</summary>
public sealed record CodeClaim(bool Claimed, TrackingCodeEntity Entry);

public sealed record ReportFilter(ReportKind? Kind = null, ReportStatus? Status = null, string? StationId = null);

public sealed record ReportPage(IReadOnlyList<Report> Items, string? ContinuationToken);

/// <summary>The report after an update, and whether this update changed it.</summary>
public sealed record ReportUpdate(Report Report, bool Changed);

/// <summary>Reports in Table storage: one row per report in its area's partition, plus the tracking-code index.</summary>
public sealed class ReportStore(StorageClients storage)
{
    private readonly TableClient _reports = storage.Table(TableNames.Reports);
    private readonly TableClient _codes = storage.Table(TableNames.TrackingCodes);

    /// <summary>Inserts the code's index row; when the code is taken, returns the row that holds it.</summary>
    public async Task<CodeClaim> ClaimCodeAsync(string code, string areaId, string reportKey, string? clientRequestId, string fingerprint, CancellationToken ct)
    {
        var entry = new TrackingCodeEntity
        {
            PartitionKey = code,
            RowKey = ReportKeys.TrackingCodeRow,
            AreaId = areaId,
            ReportKey = reportKey,
            ClientRequestId = clientRequestId,
            Fingerprint = fingerprint,
        };
        try
        {
            await _codes.AddEntityAsync(entry, ct);
            return new CodeClaim(true, entry);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _codes.GetEntityAsync<TrackingCodeEntity>(code, ReportKeys.TrackingCodeRow, cancellationToken: ct);
            return new CodeClaim(false, existing.Value);
        }
    }

    /// <summary>
    /// Inserts a new report and its "still received" index entry in one transaction; returns the report's version, or
    /// null when the row already exists (a retry).
    /// </summary>
    public async Task<string?> AddAsync(Report report, CancellationToken ct)
    {
        var row = ReportEntity.From(report);
        var index = new ReceivedIndexEntity
        {
            PartitionKey = row.PartitionKey,
            RowKey = ReportKeys.Received(row.RowKey),
            ReportKey = row.RowKey,
            TrackingCode = report.TrackingCode,
        };
        try
        {
            var response = await _reports.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, row), new TableTransactionAction(TableTransactionActionType.Add, index)], ct);
            return response.Value[0].Headers.ETag?.ToString();
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Seeding only (the benchmark): writes report rows in 100-row transactions of one partition (overwriting), without
    /// their indexes or tracking codes. Not a path any function takes.
    /// </summary>
    public async Task SeedAsync(IEnumerable<Report> seeded, CancellationToken ct)
    {
        foreach (var batch in seeded.Select(ReportEntity.From).GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await _reports.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        }
    }

    /// <summary>The area's reports still waiting to be routed, as the index lists them.</summary>
    public async IAsyncEnumerable<ReceivedIndexEntity> ListReceivedAsync(string areaId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (from, to) = ReportKeys.ReceivedRange;
        await foreach (var row in _reports.QueryAsync<ReceivedIndexEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: ct))
        {
            yield return row;
        }
    }

    /// <summary>Notes that the sweeper re-drove the report (ETag-conditional: false when another sweep got there first).</summary>
    public async Task<bool> MarkRedrivenAsync(ReceivedIndexEntity row, DateTimeOffset now, CancellationToken ct)
    {
        row.RedrivenAt = now;
        row.Redrives++;
        try
        {
            await _reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Notes why routing the report failed on its "still received" entry (best effort: the failure itself is what matters).</summary>
    public async Task NoteRoutingErrorAsync(string areaId, string reportKey, string error, CancellationToken ct)
    {
        try
        {
            await _reports.UpdateEntityAsync(
                new TableEntity(areaId, ReportKeys.Received(reportKey)) { ["LastError"] = error.Length > 500 ? error[..500] : error },
                ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Routed meanwhile, or written before the index existed.
        }
    }

    /// <summary>The last routing error noted for a report, if its entry is still there.</summary>
    public async Task<string?> RoutingErrorAsync(string areaId, string reportKey, CancellationToken ct)
    {
        var entry = await _reports.GetEntityIfExistsAsync<ReceivedIndexEntity>(areaId, ReportKeys.Received(reportKey), cancellationToken: ct);
        return entry.HasValue ? entry.Value?.LastError : null;
    }

    /// <summary>Removes the report's "still received" entry once it is routed; gone already is fine.</summary>
    public async Task ForgetReceivedAsync(string areaId, string reportKey, CancellationToken ct)
    {
        try
        {
            await _reports.DeleteEntityAsync(areaId, ReportKeys.Received(reportKey), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Removed by an earlier delivery.
        }
    }

    public async Task<StoredReport?> GetAsync(string areaId, string reportKey, CancellationToken ct)
    {
        var response = await _reports.GetEntityIfExistsAsync<ReportEntity>(areaId, reportKey, cancellationToken: ct);
        return response.HasValue && response.Value is { } e ? new StoredReport(e.ToReport(), e.RowKey, e.ETag.ToString()) : null;
    }

    /// <summary>
    /// Forgets the request id and fingerprint a code's look-up row keeps so that a retried submission finds its report
    /// (the redaction: the fingerprint is a hash of what the reporter wrote, and a retry 90 days on is no retry).
    /// Conditional on the row as read; safe to repeat.
    /// </summary>
    public async Task ForgetRequestAsync(string code, CancellationToken ct)
    {
        var got = await _codes.GetEntityIfExistsAsync<TrackingCodeEntity>(code, ReportKeys.TrackingCodeRow, cancellationToken: ct);
        if (got.HasValue && got.Value is { } entry && (entry.ClientRequestId is not null || entry.Fingerprint is not null))
        {
            entry.ClientRequestId = null;
            entry.Fingerprint = null;
            await _codes.UpdateEntityAsync(entry, entry.ETag, TableUpdateMode.Replace, ct);
        }
    }

    public async Task<StoredReport?> FindByCodeAsync(string code, CancellationToken ct)
    {
        var index = await _codes.GetEntityIfExistsAsync<TrackingCodeEntity>(code, ReportKeys.TrackingCodeRow, cancellationToken: ct);
        return index.HasValue && index.Value is { } entry ? await GetAsync(entry.AreaId, entry.ReportKey, ct) : null;
    }

    /// <summary>
    /// What a public look-up of <paramref name="code"/> shows: the report itself, or the report it was merged into as a
    /// duplicate (followed a few steps, in its area), so that both codes lead to the same status. Null when no report has the code.
    /// </summary>
    public async Task<(StoredReport Asked, StoredReport Shown)?> FindFollowingMergesAsync(string code, CancellationToken ct)
    {
        if (await FindByCodeAsync(code, ct) is not { } asked)
        {
            return null;
        }

        var shown = asked;
        for (var hop = 0; hop < 3 && shown.Report.MergedInto is { } into; hop++)
        {
            if (await FindByCodeAsync(into, ct) is not { } next || next.Report.AreaId != asked.Report.AreaId)
            {
                break;
            }

            shown = next;
        }

        return (asked, shown);
    }

    /// <summary>Replaces the report only if nobody changed it since <paramref name="version"/>; false on a lost race.</summary>
    private async Task<bool> TryReplaceAsync(Report report, string version, CancellationToken ct)
    {
        try
        {
            await _reports.UpdateEntityAsync(ReportEntity.From(report), new ETag(version), TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> with an ETag-conditional write, re-reading and re-applying when another writer
    /// got there first. <paramref name="change"/> returns null when there is nothing to do. Null when the report is missing.
    /// </summary>
    public Task<ReportUpdate?> UpdateAsync(string areaId, string reportKey, Func<Report, Report?> change, CancellationToken ct, StoredReport? known = null) =>
        ApplyAsync(areaId, reportKey, change, TryReplaceAsync, known, ct);

    /// <summary>
    /// Applies a routing step (<paramref name="change"/>: routed, or handed to the duty station) as <see cref="UpdateAsync"/>
    /// does, and in the same transaction moves the report from the "still received" index to the "open" one, which the
    /// unattended-closing sweep reads: one storage request where the router made three (the update, the index delete and a
    /// 30-day queue message). A repeat delivery finds nothing to change and writes nothing.
    /// </summary>
    public Task<ReportUpdate?> RouteAsync(string areaId, string reportKey, Func<Report, Report?> change, CancellationToken ct, StoredReport? known = null) =>
        ApplyAsync(areaId, reportKey, change, TryRouteAsync, known, ct);

    /// <summary>The one read-change-conditional-write loop: <paramref name="tryWrite"/> is false when another writer got there first.</summary>
    private async Task<ReportUpdate?> ApplyAsync(
        string areaId, string reportKey, Func<Report, Report?> change, Func<Report, string, CancellationToken, Task<bool>> tryWrite, StoredReport? known, CancellationToken ct)
    {
        var current = known ?? await GetAsync(areaId, reportKey, ct);
        for (var attempt = 0; attempt < Concurrency.MaxAttempts && current is not null; attempt++)
        {
            if (change(current.Report) is not { } next)
            {
                return new ReportUpdate(current.Report, Changed: false);
            }

            if (await tryWrite(next, current.Version, ct))
            {
                return new ReportUpdate(next, Changed: true);
            }

            current = await GetAsync(areaId, reportKey, ct);
        }

        return current is null ? null : throw Concurrency.KeptChanging("report " + current.Report.TrackingCode);
    }

    /// <summary>
    /// The routed report, its "open" entry and the removal of its "still received" one, in one transaction, only if nobody
    /// changed the report since <paramref name="version"/>; false on a lost race.
    /// </summary>
    private async Task<bool> TryRouteAsync(Report report, string version, CancellationToken ct)
    {
        var row = ReportEntity.From(report);
        var key = row.RowKey;
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, row, new ETag(version)),
            new(TableTransactionActionType.UpsertReplace, new OpenIndexEntity
            {
                PartitionKey = report.AreaId, RowKey = ReportKeys.Open(key), ReportKey = key, TrackingCode = report.TrackingCode,
            }),
            new(TableTransactionActionType.Delete, new TableEntity(report.AreaId, ReportKeys.Received(key)), ETag.All),
        ];
        try
        {
            await _reports.SubmitTransactionAsync(actions, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 2)
        {
            // No "still received" entry (a report accepted before the index existed): the same step without it.
            try
            {
                await _reports.SubmitTransactionAsync(actions[..2], ct);
                return true;
            }
            catch (TableTransactionFailedException again) when (again.Status == 412)
            {
                return false;
            }
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The area's routed reports submitted at or before <paramref name="cutoff"/> that the "open" index still lists, oldest last.</summary>
    public async IAsyncEnumerable<OpenIndexEntity> ListOpenUntilAsync(string areaId, DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (from, to) = ReportKeys.OpenUntil(cutoff);
        await foreach (var row in _reports.QueryAsync<OpenIndexEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to}"), 100, cancellationToken: ct))
        {
            yield return row;
        }
    }

    /// <summary>Removes a report's "open" entry once it is closed; gone already is fine.</summary>
    public async Task ForgetOpenAsync(string areaId, string reportKey, CancellationToken ct)
    {
        try
        {
            await _reports.DeleteEntityAsync(areaId, ReportKeys.Open(reportKey), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Removed by an earlier sweep.
        }
    }

    /// <summary>Every report of an area submitted in [<paramref name="from"/>, <paramref name="to"/>), newest first: one row-key range.</summary>
    public async IAsyncEnumerable<Report> ListBetweenAsync(string areaId, DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (lower, upper) = ReportKeys.Between(from, to);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey gt {lower} and RowKey lt {upper}");
        await foreach (var entity in _reports.QueryAsync<ReportEntity>(filter, 1000, cancellationToken: ct))
        {
            yield return entity.ToReport();
        }
    }

    /// <summary>One page of an area's reports, newest first, filtered by kind and status in the query and by station after it.</summary>
    public async Task<ReportPage> ListAsync(string areaId, ReportFilter filter, int pageSize, string? continuation, CancellationToken ct)
    {
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey lt {ReportKeys.AfterReports}");
        if (filter.Kind is { } kind)
        {
            query += " and " + TableClient.CreateQueryFilter($"Kind eq {kind.ToWire()}");
        }

        if (filter.Status is { } status)
        {
            query += " and " + TableClient.CreateQueryFilter($"Status eq {status.ToWire()}");
        }

        var items = new List<Report>();
        var token = continuation;
        const int maxPagesScanned = 10;
        for (var scanned = 0; scanned < maxPagesScanned; scanned++)
        {
            await using var pages = _reports.QueryAsync<ReportEntity>(query, pageSize, cancellationToken: ct)
                .AsPages(token, pageSize).GetAsyncEnumerator(ct);
            if (!await pages.MoveNextAsync())
            {
                token = null;
                break;
            }

            items.AddRange(pages.Current.Values.Select(e => e.ToReport())
                .Where(r => filter.StationId is null || r.StationIds.Contains(filter.StationId, StringComparer.Ordinal)));
            token = pages.Current.ContinuationToken;
            if (token is null || filter.StationId is null || items.Count * 2 >= pageSize)
            {
                break;
            }
        }

        return new ReportPage(items, string.IsNullOrEmpty(token) ? null : token);
    }
}
