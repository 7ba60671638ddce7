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
