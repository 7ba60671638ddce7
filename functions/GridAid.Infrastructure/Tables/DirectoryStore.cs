using Azure;
using Azure.Data.Tables;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Security;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>Areas, stations, grid cells, QR points and access codes in the <c>directory</c> table.</summary>
public sealed class DirectoryStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Directory);

    public async Task<AreaDirectory?> LoadAsync(string areaId, CancellationToken ct)
    {
        Area? area = null;
        var stations = new List<Station>();
        var cells = new List<GridCell>();
        var points = new List<QrPoint>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId}");
        await foreach (var e in _table.QueryAsync<DirectoryEntity>(filter, 1000, cancellationToken: ct))
        {
            switch (e.Type)
            {
                case DirectoryKeys.Types.Area: area = TableJson.Read<Area?>(e.Data, null); break;
                case DirectoryKeys.Types.Station: Add(stations, TableJson.Read<Station?>(e.Data, null)); break;
                case DirectoryKeys.Types.Cell: Add(cells, TableJson.Read<GridCell?>(e.Data, null)); break;
                case DirectoryKeys.Types.Point: Add(points, TableJson.Read<QrPoint?>(e.Data, null)); break;
            }
        }

        return area is null ? null : new AreaDirectory(area, stations, cells, points);

        static void Add<T>(List<T> list, T? item)
        {
            if (item is not null)
            {
                list.Add(item);
            }
        }
    }

    /// <summary>The ids of every area (a scan of the small directory table for its area rows).</summary>
    public async Task<IReadOnlyList<string>> ListAreaIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var row in _table.QueryAsync<DirectoryEntity>(TableClient.CreateQueryFilter($"RowKey eq {DirectoryKeys.AreaRow}"), select: ["PartitionKey"], cancellationToken: ct))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    /// <summary>Whether the area's own row exists (one point read).</summary>
    public async Task<bool> AreaExistsAsync(string areaId, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<DirectoryEntity>(areaId, DirectoryKeys.AreaRow, cancellationToken: ct)).HasValue;

    /// <summary>The area a point code belongs to, or null for an unknown code.</summary>
    public async Task<string?> FindAreaOfPointAsync(string pointCode, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<DirectoryEntity>(
            DirectoryKeys.PointIndexPartition, DirectoryKeys.PointIndex(pointCode), cancellationToken: ct);
        return response.HasValue ? response.Value?.AreaId : null;
    }

    public async Task<string?> GetAccessHashAsync(string areaId, string principal, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<DirectoryEntity>(areaId, DirectoryKeys.Access(principal), cancellationToken: ct);
        return response.HasValue ? response.Value?.SecretHash : null;
    }

    /// <summary>Writes an area's directory with upserts in transactions of at most 100: running it twice changes nothing.</summary>
    public async Task SeedAsync(AreaSeed seed, CancellationToken ct)
    {
        seed.Validate();
        var areaId = seed.Area.Id;
        var rows = new List<DirectoryEntity> { Row(areaId, DirectoryKeys.AreaRow, DirectoryKeys.Types.Area, seed.Area.Name, seed.Area) };
        rows.AddRange(seed.Stations.Select(StationRow));
        rows.AddRange(seed.Cells.Select(CellRow));
        rows.AddRange(seed.Points.Select(PointRow));
        rows.AddRange(seed.AccessCodes.Select(a => AccessRow(areaId, a.Key, AccessCode.Hash(areaId, a.Key, a.Value))));
        await UpsertInBatchesAsync(rows, ct);
        await UpsertInBatchesAsync(seed.Points.Select(PointIndexRow).ToList(), ct);
    }

    /// <summary>Creates or replaces one station.</summary>
    public Task UpsertStationAsync(Station station, CancellationToken ct) =>
        _table.UpsertEntityAsync(StationRow(station), TableUpdateMode.Replace, ct);

    /// <summary>Deletes a station and its access code (first, so the credential never outlives the station); a missing row is no error.</summary>
    public async Task DeleteStationAsync(string areaId, string stationId, CancellationToken ct)
    {
        // One transaction when both rows exist, so a station and its credential go together.
        if ((await _table.GetEntityIfExistsAsync<DirectoryEntity>(areaId, DirectoryKeys.Access(stationId), cancellationToken: ct)).HasValue)
        {
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(areaId, DirectoryKeys.Access(stationId)), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(areaId, DirectoryKeys.Station(stationId)), ETag.All),
                ], ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One of them was already gone: fall through and delete what is left.
            }
        }

        await _table.DeleteEntityAsync(areaId, DirectoryKeys.Access(stationId), ETag.All, ct);
        await _table.DeleteEntityAsync(areaId, DirectoryKeys.Station(stationId), ETag.All, ct);
    }

    /// <summary>Creates or replaces one grid cell.</summary>
    public Task UpsertCellAsync(GridCell cell, CancellationToken ct) =>
        _table.UpsertEntityAsync(CellRow(cell), TableUpdateMode.Replace, ct);

    /// <summary>
    /// Deletes a grid cell and takes it out of its neighbours' lists, in one transaction whose neighbour rewrites are
    /// ETag-conditional: an admin's concurrent edit of a neighbour is never undone (the delete re-reads and retries).
    /// False when the cell does not exist.
    /// </summary>
    public async Task<bool> DeleteCellAsync(string areaId, string cellId, CancellationToken ct)
    {
        var (from, to) = DirectoryKeys.CellRange;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to}");
        for (var attempt = 0; attempt < Concurrency.MaxAttempts; attempt++)
        {
            var rows = new List<DirectoryEntity>();
            await foreach (var row in _table.QueryAsync<DirectoryEntity>(filter, cancellationToken: ct))
            {
                rows.Add(row);
            }

            if (rows.FirstOrDefault(r => r.RowKey == DirectoryKeys.Cell(cellId)) is not { } target)
            {
                return false;
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, target, target.ETag) };
            foreach (var row in rows)
            {
                if (TableJson.Read<GridCell?>(row.Data, null) is { } cell && DirectoryRules.WithoutNeighbour(cell, cellId) is { } without)
                {
                    var rewritten = CellRow(without);
                    rewritten.ETag = row.ETag;
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, rewritten, row.ETag));
                }
            }

            if (actions.Count > AlertStore.MaxBatch)
            {
                throw new InvalidOperationException($"Cell {cellId} has more neighbours than one transaction can rewrite.");
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
            {
                // Another admin changed a neighbour (or the cell) meanwhile: read again and redo.
            }
        }

        throw Concurrency.KeptChanging("grid cell " + cellId);
    }

    /// <summary>
    /// Creates or replaces one QR point and its <c>~points</c> index row. Point codes are unique across areas: a new
    /// code's index row is inserted (never overwritten), so false means the code already belongs to another area.
    /// </summary>
    public async Task<bool> UpsertPointAsync(QrPoint point, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(PointIndexRow(point), ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            if (await FindAreaOfPointAsync(point.Code, ct) is { } owner && owner != point.AreaId)
            {
                return false;
            }
        }

        await _table.UpsertEntityAsync(PointRow(point), TableUpdateMode.Replace, ct);
        return true;
    }

    /// <summary>Deletes a QR point and, if it is this area's, its <c>~points</c> index row.</summary>
    public async Task DeletePointAsync(string areaId, string pointCode, CancellationToken ct)
    {
        await _table.DeleteEntityAsync(areaId, DirectoryKeys.Point(pointCode), ETag.All, ct);
        if (await FindAreaOfPointAsync(pointCode, ct) == areaId)
        {
            await _table.DeleteEntityAsync(DirectoryKeys.PointIndexPartition, DirectoryKeys.PointIndex(pointCode), ETag.All, ct);
        }
    }

    /// <summary>Stores the hash of a principal's new access code, replacing the old one.</summary>
    public Task SetAccessHashAsync(string areaId, string principal, string secretHash, CancellationToken ct) =>
        _table.UpsertEntityAsync(AccessRow(areaId, principal, secretHash), TableUpdateMode.Replace, ct);

    private async Task UpsertInBatchesAsync(List<DirectoryEntity> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(AlertStore.MaxBatch))
        {
            await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        }
    }

    private static DirectoryEntity StationRow(Station s) => Row(s.AreaId, DirectoryKeys.Station(s.Id), DirectoryKeys.Types.Station, s.Name, s);

    private static DirectoryEntity CellRow(GridCell c) => Row(c.AreaId, DirectoryKeys.Cell(c.Id), DirectoryKeys.Types.Cell, c.Name, c);

    private static DirectoryEntity PointRow(QrPoint p) => Row(p.AreaId, DirectoryKeys.Point(p.Code), DirectoryKeys.Types.Point, p.Name, p);

    private static DirectoryEntity PointIndexRow(QrPoint p) => new()
    {
        PartitionKey = DirectoryKeys.PointIndexPartition,
        RowKey = DirectoryKeys.PointIndex(p.Code),
        Type = DirectoryKeys.Types.PointIndex,
        AreaId = p.AreaId,
    };

    private static DirectoryEntity AccessRow(string areaId, string principal, string secretHash) =>
        new() { PartitionKey = areaId, RowKey = DirectoryKeys.Access(principal), Type = DirectoryKeys.Types.Access, SecretHash = secretHash };

    private static DirectoryEntity Row<T>(string areaId, string rowKey, string type, LocalizedText name, T data) => new()
    {
        PartitionKey = areaId,
        RowKey = rowKey,
        Type = type,
        NameZh = name.Zh,
        NameEn = name.En,
        Data = TableJson.Write(data),
    };
}
