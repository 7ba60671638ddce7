using Azure;
using Azure.Data.Tables;
using GridAid.Core.Inspections;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>One row of the <c>inspections</c> table (keys: <see cref="InspectionKeys"/>): the record as JSON, and the columns queries filter on.</summary>
public sealed class InspectionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Type { get; set; } = string.Empty;

    public string VenueId { get; set; } = string.Empty;

    /// <summary>A rectification's status (<c>open</c>, <c>escalated</c>, <c>closed</c>); empty on an inspection.</summary>
    public string? Status { get; set; }

    /// <summary>A rectification's deadline.</summary>
    public DateTimeOffset? Due { get; set; }

    public string Data { get; set; } = string.Empty;
}

/// <summary>How recording an inspection ended.</summary>
public enum InspectionWrite
{
    Recorded,

    /// <summary>An inspection with this id exists already (a retried request): nothing was written.</summary>
    Exists,

    /// <summary>A rectification it closes changed meanwhile: read again and redo.</summary>
    Changed,
}

/// <summary>Inspections and rectifications of each area.</summary>
public sealed class InspectionStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Inspections);

    public async Task<Inspection?> GetInspectionAsync(string areaId, string inspectionId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<InspectionEntity>(areaId, InspectionKeys.Inspection(inspectionId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? TableJson.Read<Inspection?>(e.Data, null) : null;
    }

    /// <summary>The area's inspections (of one venue, when given), newest first.</summary>
    public async Task<IReadOnlyList<Inspection>> ListInspectionsAsync(string areaId, string? venueId, CancellationToken ct)
    {
        var list = new List<Inspection>();
        await foreach (var e in QueryAsync(areaId, InspectionKeys.InspectionRange, venueId, null, ct))
        {
            if (TableJson.Read<Inspection?>(e.Data, null) is { } i)
            {
                list.Add(i);
            }
        }

        return [.. list.OrderByDescending(i => i.At)];
    }

    /// <summary>The area's rectifications (of one venue, when given; still open ones only, when asked) with their ETags, oldest first.</summary>
    public async Task<IReadOnlyList<(Rectification Rectification, ETag ETag)>> ListRectificationsAsync(
        string areaId, string? venueId, bool openOnly, CancellationToken ct)
    {
        var list = new List<(Rectification, ETag)>();
        var status = openOnly ? StatusOf(RectificationStatus.Closed) : null;
        await foreach (var e in QueryAsync(areaId, InspectionKeys.RectificationRange, venueId, status, ct))
        {
            if (TableJson.Read<Rectification?>(e.Data, null) is { } r)
            {
                list.Add((r, e.ETag));
            }
        }

        return [.. list.OrderBy(x => x.Item1.OpenedAt)];
    }

    /// <summary>The area's open rectifications past their deadline and not yet escalated.</summary>
    public async Task<IReadOnlyList<(Rectification Rectification, ETag ETag)>> ListOverdueAsync(string areaId, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = InspectionKeys.RectificationRange;
        var open = StatusOf(RectificationStatus.Open);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {from} and RowKey lt {to} and Status eq {open} and Due le {now}");
        var list = new List<(Rectification, ETag)>();
        await foreach (var e in _table.QueryAsync<InspectionEntity>(filter, 1000, cancellationToken: ct))
        {
            if (TableJson.Read<Rectification?>(e.Data, null) is { } r)
            {
                list.Add((r, e.ETag));
            }
        }

        return list;
    }

    /// <summary>
    /// Writes an inspection, the rectifications it opens (inserts) and those it closes (conditional on the ETags they
    /// were read with), in one transaction: all or nothing.
    /// </summary>
    public async Task<InspectionWrite> RecordAsync(InspectionEffect effect, IReadOnlyDictionary<string, ETag> closedETags, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, InspectionRow(effect.Inspection)),
        };
        actions.AddRange(effect.Opened.Select(r => new TableTransactionAction(TableTransactionActionType.Add, RectificationRow(r))));
        actions.AddRange(effect.Closed.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, RectificationRow(r), closedETags[r.Id])));
        if (actions.Count > AlertStore.MaxBatch)
        {
            throw new InvalidOperationException($"Inspection {effect.Inspection.Id} changes more rows than one transaction holds.");
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, ct);
            return InspectionWrite.Recorded;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return await GetInspectionAsync(effect.Inspection.AreaId, effect.Inspection.Id, ct) is not null ? InspectionWrite.Exists : InspectionWrite.Changed;
        }
    }

    /// <summary>Replaces a rectification if it is unchanged since it was read; false when it changed meanwhile.</summary>
    public async Task<bool> ReplaceRectificationAsync(Rectification r, ETag etag, CancellationToken ct)
    {
        try
        {
            await _table.UpdateEntityAsync(RectificationRow(r), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Marks that an item of an inspection has a photo (re-read and retried when the row changed meanwhile).</summary>
    public async Task MarkPhotoAsync(string areaId, string inspectionId, string itemId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Concurrency.MaxAttempts; attempt++)
        {
            var row = await _table.GetEntityAsync<InspectionEntity>(areaId, InspectionKeys.Inspection(inspectionId), cancellationToken: ct);
            var inspection = TableJson.Read<Inspection?>(row.Value.Data, null) ?? throw new InvalidOperationException($"Inspection {inspectionId} is unreadable.");
            if (inspection.Items.Any(i => i.ItemId == itemId && i.Photo))
            {
                return;
            }

            var marked = inspection with { Items = [.. inspection.Items.Select(i => i.ItemId == itemId ? i with { Photo = true } : i)] };
            try
            {
                await _table.UpdateEntityAsync(InspectionRow(marked), row.Value.ETag, TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another photo of the same inspection was marked meanwhile: read again.
            }
        }

        throw Concurrency.KeptChanging("inspection " + inspectionId);
    }

    private AsyncPageable<InspectionEntity> QueryAsync(string areaId, (string From, string To) range, string? venueId, string? statusNot, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {areaId} and RowKey ge {range.From} and RowKey lt {range.To}");
        if (venueId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"VenueId eq {venueId}");
        }

        if (statusNot is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status ne {statusNot}");
        }

        return _table.QueryAsync<InspectionEntity>(filter, 1000, cancellationToken: ct);
    }

    private static string StatusOf(RectificationStatus status) => status.ToString().ToLowerInvariant();

    private static InspectionEntity InspectionRow(Inspection i) => new()
    {
        PartitionKey = i.AreaId,
        RowKey = InspectionKeys.Inspection(i.Id),
        Type = InspectionKeys.Types.Inspection,
        VenueId = i.VenueId,
        Data = TableJson.Write(i),
    };

    private static InspectionEntity RectificationRow(Rectification r) => new()
    {
        PartitionKey = r.AreaId,
        RowKey = InspectionKeys.Rectification(r.Id),
        Type = InspectionKeys.Types.Rectification,
        VenueId = r.VenueId,
        Status = StatusOf(r.Status),
        Due = r.Due,
        Data = TableJson.Write(r),
    };
}
