using Azure;
using Azure.Data.Tables;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Inspections;
using GridAid.Core.Security;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>How creating an area ended.</summary>
public enum AreaCreation
{
    Created,

    /// <summary>The area row exists already: nothing was written.</summary>
    AreaExists,

    /// <summary>A QR point code belongs to another area: nothing was written.</summary>
    PointTaken,
}

/// <summary>The outcome of <see cref="DirectoryStore.CreateAreaAsync"/>, with the point code that was taken.</summary>
public sealed record AreaCreationResult(AreaCreation Outcome, string? TakenPoint = null);

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
        var venues = new List<Venue>();
        var checklists = new List<Checklist>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId}");
        await foreach (var e in _table.QueryAsync<DirectoryEntity>(filter, 1000, cancellationToken: ct))
        {
            switch (e.Type)
            {
                case DirectoryKeys.Types.Area: area = TableJson.Read<Area?>(e.Data, null); break;
                case DirectoryKeys.Types.Station: Add(stations, TableJson.Read<Station?>(e.Data, null)); break;
                case DirectoryKeys.Types.Cell: Add(cells, TableJson.Read<GridCell?>(e.Data, null)); break;
                case DirectoryKeys.Types.Point: Add(points, TableJson.Read<QrPoint?>(e.Data, null)); break;
                case DirectoryKeys.Types.Venue: Add(venues, TableJson.Read<Venue?>(e.Data, null)); break;
                case DirectoryKeys.Types.Checklist: Add(checklists, TableJson.Read<Checklist?>(e.Data, null)); break;
            }
        }

        return area is null ? null : new AreaDirectory(area, stations, cells, points, venues, checklists);

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

    /// <summary>
    /// Creates an area from <paramref name="seed"/> only if its area row does not exist yet, and never overwrites a row:
    /// a demo area seeded at start is written once, and an admin's later edits, deletions and new codes stay.
    /// True when it was created now.
    /// </summary>
    public async Task<bool> SeedAsync(AreaSeed seed, CancellationToken ct)
    {
        var result = await CreateAreaAsync(seed, ct);
        return result.Outcome switch
        {
            AreaCreation.Created => true,
            AreaCreation.AreaExists => false,
            _ => throw new InvalidOperationException($"QR point code '{result.TakenPoint}' belongs to another area: area '{seed.Area.Id}' was not created."),
        };
    }

    /// <summary>
    /// Creates a new area: its area row, stations, grid cells, QR points and access-code hashes in one transaction of
    /// inserts (all or nothing; so at most 100 rows), after claiming its point codes in the <c>~points</c> index.
    /// Nothing is overwritten: an existing area answers <see cref="AreaCreation.AreaExists"/>, a point code of another
    /// area <see cref="AreaCreation.PointTaken"/> (and nothing is written). Two creators racing for the same id: one
    /// transaction wins, the other answers <see cref="AreaCreation.AreaExists"/>.
    /// </summary>
    public async Task<AreaCreationResult> CreateAreaAsync(AreaSeed seed, CancellationToken ct)
    {
        seed.Validate();
        var areaId = seed.Area.Id;
        var rows = new List<DirectoryEntity>();
        rows.AddRange(seed.Stations.Select(StationRow));
        rows.AddRange(seed.Cells.Select(CellRow));
        rows.AddRange(seed.Points.Select(PointRow));
        rows.AddRange(seed.AccessCodes.Select(a => AccessRow(areaId, a.Key, AccessCode.Hash(areaId, a.Key, a.Value))));
        rows.Add(Row(areaId, DirectoryKeys.AreaRow, DirectoryKeys.Types.Area, seed.Area.Name, seed.Area));
        if (rows.Count > AlertStore.MaxBatch)
        {
            throw new ArgumentException($"Area '{areaId}' has {rows.Count} rows: one transaction creates an area, at most {AlertStore.MaxBatch}.", nameof(seed));
        }

        if (await AreaExistsAsync(areaId, ct))
        {
            return new AreaCreationResult(AreaCreation.AreaExists);
        }

        // Point codes are unique across areas: claim each (an index row of this area already there is a claim of an
        // earlier, interrupted attempt or of a racing creator, and fine).
        var claimed = new List<string>();
        foreach (var point in seed.Points)
        {
            try
            {
                await _table.AddEntityAsync(PointIndexRow(point), ct);
                claimed.Add(point.Code);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                if (await FindAreaOfPointAsync(point.Code, ct) != areaId)
                {
                    await ReleasePointsAsync(claimed, ct);
                    return new AreaCreationResult(AreaCreation.PointTaken, point.Code);
                }
            }
        }

        try
        {
            await _table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
            return new AreaCreationResult(AreaCreation.Created);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Another creator won: keep the claims its directory uses, release the rest.
            var winner = await LoadAsync(areaId, ct);
            await ReleasePointsAsync(claimed.Where(code => winner?.FindPoint(code) is null).ToList(), ct);
            return new AreaCreationResult(AreaCreation.AreaExists);
        }
    }

    /// <summary>Every area's own row, in id order (a scan of the table's <c>area</c> rows: for operators, not for requests).</summary>
    public async Task<IReadOnlyList<Area>> ListAreasAsync(CancellationToken ct)
    {
        var areas = new List<Area>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {DirectoryKeys.AreaRow}");
        await foreach (var e in _table.QueryAsync<DirectoryEntity>(filter, 1000, cancellationToken: ct))
        {
            if (e.Type == DirectoryKeys.Types.Area && TableJson.Read<Area?>(e.Data, null) is { } area)
            {
                areas.Add(area);
            }
        }

        return [.. areas.OrderBy(a => a.Id, StringComparer.Ordinal)];
    }

    /// <summary>Replaces the area's own row (its name and duty station).</summary>
    public Task UpdateAreaAsync(Area area, CancellationToken ct) =>
        _table.UpsertEntityAsync(Row(area.Id, DirectoryKeys.AreaRow, DirectoryKeys.Types.Area, area.Name, area), TableUpdateMode.Replace, ct);

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

    /// <summary>Creates or replaces one venue.</summary>
    public Task UpsertVenueAsync(Venue venue, CancellationToken ct) =>
        _table.UpsertEntityAsync(VenueRow(venue), TableUpdateMode.Replace, ct);

    /// <summary>Adds venues that are not there yet (the demo's), never overwriting one an admin changed.</summary>
    public async Task AddVenuesAsync(IEnumerable<Venue> venues, CancellationToken ct)
    {
        foreach (var venue in venues)
        {
            try
            {
                await _table.AddEntityAsync(VenueRow(venue), ct);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // There already: left as it is.
            }
        }
    }

    /// <summary>Deletes a venue (its inspections stay, in the inspections table); a missing row is no error.</summary>
    public Task DeleteVenueAsync(string areaId, string venueId, CancellationToken ct) =>
        _table.DeleteEntityAsync(areaId, DirectoryKeys.Venue(venueId), ETag.All, ct);

    /// <summary>Creates or replaces the area's checklist of one venue type.</summary>
    public Task UpsertChecklistAsync(string areaId, Checklist checklist, CancellationToken ct)
    {
        var type = VenueTypes.Wire(checklist.Type);
        return _table.UpsertEntityAsync(Row(areaId, DirectoryKeys.Checklist(type), DirectoryKeys.Types.Checklist, VenueTypes.NameOf(checklist.Type), checklist), TableUpdateMode.Replace, ct);
    }

    /// <summary>Stores the hash of a principal's new access code, replacing the old one.</summary>
    public Task SetAccessHashAsync(string areaId, string principal, string secretHash, CancellationToken ct) =>
        _table.UpsertEntityAsync(AccessRow(areaId, principal, secretHash), TableUpdateMode.Replace, ct);

    private async Task ReleasePointsAsync(IReadOnlyList<string> codes, CancellationToken ct)
    {
        foreach (var code in codes)
        {
            await _table.DeleteEntityAsync(DirectoryKeys.PointIndexPartition, DirectoryKeys.PointIndex(code), ETag.All, ct);
        }
    }

    private static DirectoryEntity StationRow(Station s) => Row(s.AreaId, DirectoryKeys.Station(s.Id), DirectoryKeys.Types.Station, s.Name, s);

    private static DirectoryEntity CellRow(GridCell c) => Row(c.AreaId, DirectoryKeys.Cell(c.Id), DirectoryKeys.Types.Cell, c.Name, c);

    private static DirectoryEntity PointRow(QrPoint p) => Row(p.AreaId, DirectoryKeys.Point(p.Code), DirectoryKeys.Types.Point, p.Name, p);

    private static DirectoryEntity VenueRow(Venue v) => Row(v.AreaId, DirectoryKeys.Venue(v.Id), DirectoryKeys.Types.Venue, v.Name, v);

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
