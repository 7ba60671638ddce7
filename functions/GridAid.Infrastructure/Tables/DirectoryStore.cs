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
                case "area": area = TableJson.Read<Area?>(e.Data, null); break;
                case "station": Add(stations, TableJson.Read<Station?>(e.Data, null)); break;
                case "cell": Add(cells, TableJson.Read<GridCell?>(e.Data, null)); break;
                case "point": Add(points, TableJson.Read<QrPoint?>(e.Data, null)); break;
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

    /// <summary>The area a point code belongs to, or null for an unknown code.</summary>
    public async Task<string?> FindAreaOfPointAsync(string pointCode, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<DirectoryEntity>(
            DirectoryEntity.PointIndexPartition, pointCode.ToLowerInvariant(), cancellationToken: ct);
        return response.HasValue ? response.Value?.AreaId : null;
    }

    public async Task<string?> GetAccessHashAsync(string areaId, string principal, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<DirectoryEntity>(areaId, "access|" + principal, cancellationToken: ct);
        return response.HasValue ? response.Value?.SecretHash : null;
    }

    /// <summary>Writes an area's directory with upserts in transactions of at most 100: running it twice changes nothing.</summary>
    public async Task SeedAsync(AreaSeed seed, CancellationToken ct)
    {
        seed.Validate();
        var areaId = seed.Area.Id;
        var rows = new List<DirectoryEntity>
        {
            Row(areaId, "area", "area", seed.Area.Name, seed.Area),
        };
        rows.AddRange(seed.Stations.Select(s => Row(areaId, "station|" + s.Id, "station", s.Name, s)));
        rows.AddRange(seed.Cells.Select(c => Row(areaId, "cell|" + c.Id, "cell", c.Name, c)));
        rows.AddRange(seed.Points.Select(p => Row(areaId, "point|" + p.Code, "point", p.Name, p)));
        rows.AddRange(seed.AccessCodes.Select(a => new DirectoryEntity
        {
            PartitionKey = areaId,
            RowKey = "access|" + a.Key,
            Type = "access",
            SecretHash = AccessCode.Hash(areaId, a.Key, a.Value),
        }));
        await UpsertInBatchesAsync(rows, ct);

        var index = seed.Points.Select(p => new DirectoryEntity
        {
            PartitionKey = DirectoryEntity.PointIndexPartition,
            RowKey = p.Code.ToLowerInvariant(),
            Type = "point-index",
            AreaId = areaId,
        }).ToList();
        await UpsertInBatchesAsync(index, ct);
    }

    /// <summary>Creates or replaces one station.</summary>
    public Task UpsertStationAsync(Station station, CancellationToken ct) =>
        _table.UpsertEntityAsync(Row(station.AreaId, "station|" + station.Id, "station", station.Name, station), TableUpdateMode.Replace, ct);

    /// <summary>Deletes a station and its access code (first, so the credential never outlives the station); a missing row is no error.</summary>
    public async Task DeleteStationAsync(string areaId, string stationId, CancellationToken ct)
    {
        // One transaction when both rows exist, so a station and its credential go together.
        if ((await _table.GetEntityIfExistsAsync<DirectoryEntity>(areaId, "access|" + stationId, cancellationToken: ct)).HasValue)
        {
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(areaId, "access|" + stationId), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(areaId, "station|" + stationId), ETag.All),
                ], ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One of them was already gone: fall through and delete what is left.
            }
        }

        await _table.DeleteEntityAsync(areaId, "access|" + stationId, ETag.All, ct);
        await _table.DeleteEntityAsync(areaId, "station|" + stationId, ETag.All, ct);
    }

    /// <summary>Creates or replaces one grid cell.</summary>
    public Task UpsertCellAsync(GridCell cell, CancellationToken ct) =>
        _table.UpsertEntityAsync(Row(cell.AreaId, "cell|" + cell.Id, "cell", cell.Name, cell), TableUpdateMode.Replace, ct);

    /// <summary>
    /// Deletes a grid cell and takes it out of its neighbours' lists, in one transaction whose neighbour rewrites are
    /// ETag-conditional: an admin's concurrent edit of a neighbour is never undone (the delete re-reads and retries).
    /// False when the cell does not exist.
    /// </summary>
    public async Task<bool> DeleteCellAsync(string areaId, string cellId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {"cell|"} and RowKey lt {"cell}"}");
        for (var attempt = 0; attempt < Concurrency.MaxAttempts; attempt++)
        {
            var rows = new List<DirectoryEntity>();
            await foreach (var row in _table.QueryAsync<DirectoryEntity>(filter, cancellationToken: ct))
            {
                rows.Add(row);
            }

            if (rows.FirstOrDefault(r => r.RowKey == "cell|" + cellId) is not { } target)
            {
                return false;
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, target, target.ETag) };
            foreach (var row in rows)
            {
                if (TableJson.Read<GridCell?>(row.Data, null) is { } cell && DirectoryRules.WithoutNeighbour(cell, cellId) is { } without)
                {
                    var rewritten = Row(areaId, row.RowKey, "cell", cell.Name, without);
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
        var code = point.Code.ToLowerInvariant();
        var index = new DirectoryEntity
        {
            PartitionKey = DirectoryEntity.PointIndexPartition,
            RowKey = code,
            Type = "point-index",
            AreaId = point.AreaId,
        };
        try
        {
            await _table.AddEntityAsync(index, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            if (await FindAreaOfPointAsync(code, ct) is { } owner && owner != point.AreaId)
            {
                return false;
            }
        }

        await _table.UpsertEntityAsync(Row(point.AreaId, "point|" + point.Code, "point", point.Name, point), TableUpdateMode.Replace, ct);
        return true;
    }

    /// <summary>Deletes a QR point and, if it is this area's, its <c>~points</c> index row.</summary>
    public async Task DeletePointAsync(string areaId, string pointCode, CancellationToken ct)
    {
        await _table.DeleteEntityAsync(areaId, "point|" + pointCode, ETag.All, ct);
        if (await FindAreaOfPointAsync(pointCode, ct) == areaId)
        {
            await _table.DeleteEntityAsync(DirectoryEntity.PointIndexPartition, pointCode.ToLowerInvariant(), ETag.All, ct);
        }
    }

    /// <summary>Stores the hash of a principal's new access code, replacing the old one.</summary>
    public Task SetAccessHashAsync(string areaId, string principal, string secretHash, CancellationToken ct) =>
        _table.UpsertEntityAsync(
            new DirectoryEntity { PartitionKey = areaId, RowKey = "access|" + principal, Type = "access", SecretHash = secretHash },
            TableUpdateMode.Replace,
            ct);

    private async Task UpsertInBatchesAsync(List<DirectoryEntity> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(AlertStore.MaxBatch))
        {
            await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        }
    }

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
