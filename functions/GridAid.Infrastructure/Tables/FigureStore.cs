using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace GridAid.Infrastructure.Tables;

/// <summary>One recorded figure fact in the <c>figurefacts</c> table: partition = area and UTC month, row = metric and fact id.</summary>
public sealed class FigureFactEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Metric { get; set; } = string.Empty;

    public string FactId { get; set; } = string.Empty;

    public string StationId { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public double? Value { get; set; }
}

/// <summary>
/// A roll-up row in the same partition as the facts it sums: one per local day (<c>~d|yyyy-MM-dd|station|shard</c>) and
/// one per local month (<c>~m|yyyy-MM|station|shard</c>), <see cref="Counts"/> the JSON of <see cref="FigureRollup"/>'s counts.
/// </summary>
public sealed class FigureRollupEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string StationId { get; set; } = string.Empty;

    /// <summary>The local day (<c>yyyy-MM-dd</c>) or month (<c>yyyy-MM</c>) the row sums.</summary>
    public string Period { get; set; } = string.Empty;

    public string Counts { get; set; } = "{}";
}

/// <summary>The figures' local time (the area's UTC offset): roll-up rows are kept per local day and month.</summary>
public sealed class FigureStoreOptions
{
    public TimeSpan LocalOffset { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>
/// The figure facts of each area, and their roll-ups. Recording is one entity-group transaction in the fact's
/// partition: insert the fact (fails if it is there: counted before), and add it to its station's day row and month row
/// (ETag-conditional), so a fact and its counts are written together or not at all, and a retried message or a double
/// tap changes nothing. The dashboard reads the month rows of whole months and the day rows of the rest, never the facts.
/// </summary>
public sealed class FigureStore(StorageClients storage, IOptions<FigureStoreOptions>? options = null) : IFigureRecorder
{
    /// <summary>Roll-up rows per station and period are split in this many shards (by fact id) so concurrent facts of one station rarely contend.</summary>
    public const int Shards = 4;

    /// <summary>The first character of every roll-up row key; fact rows start with a metric name (a letter), which sorts before it.</summary>
    public const string RollupPrefix = "~";

    private const int MaxAttempts = 30;

    private readonly TableClient _table = storage.Table(TableNames.FigureFacts);

    public TimeSpan LocalOffset { get; } = options?.Value.LocalOffset ?? TimeSpan.FromHours(8);

    public static string PartitionOf(string areaId, DateTimeOffset at) => $"{areaId}|{at.UtcDateTime:yyyy-MM}";

    public static string RowOf(string metric, string factId) => $"{metric}|{factId}";

    public static string DayRowOf(string day, string stationId, int shard) => $"{RollupPrefix}d|{day}|{stationId}|{shard}";

    public static string MonthRowOf(string month, string stationId, int shard) => $"{RollupPrefix}m|{month}|{stationId}|{shard}";

    /// <summary>The shard of a fact: a stable hash of its id (string.GetHashCode differs between processes).</summary>
    public static int ShardOf(string factId)
    {
        var h = 17u;
        foreach (var c in factId)
        {
            h = unchecked((h * 31) + c);
        }

        return (int)(h % Shards);
    }

    public async Task RecordAsync(FigureFact fact, CancellationToken ct)
    {
        var partition = PartitionOf(fact.AreaId, fact.At);
        var row = RowOf(fact.Metric, fact.FactId);
        var local = fact.At.ToOffset(LocalOffset);
        var shard = ShardOf(fact.FactId);
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = local.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            var dayRow = GetRollupAsync(partition, DayRowOf(day, fact.StationId, shard), ct);
            var monthRow = GetRollupAsync(partition, MonthRowOf(month, fact.StationId, shard), ct);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new FigureFactEntity
                {
                    PartitionKey = partition,
                    RowKey = row,
                    Metric = fact.Metric,
                    FactId = fact.FactId,
                    StationId = fact.StationId,
                    At = fact.At,
                    Value = fact.Value,
                }),
                Added(await dayRow, partition, DayRowOf(day, fact.StationId, shard), fact, day),
                Added(await monthRow, partition, MonthRowOf(month, fact.StationId, shard), fact, month),
            };
            try
            {
                await _table.SubmitTransactionAsync(actions, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Either the fact is there (counted before: nothing to do) or a concurrent fact moved a roll-up row on.
                if (await ExistsAsync(partition, row, ct))
                {
                    return;
                }

                if (attempt == MaxAttempts)
                {
                    throw;
                }

                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)), ct);
            }
        }
    }

    /// <summary>The action that adds <paramref name="fact"/> to a roll-up row: an insert when there is none yet, else an ETag-conditional replace.</summary>
    private static TableTransactionAction Added(FigureRollupEntity? had, string partition, string row, FigureFact fact, string period)
    {
        var counts = had is null ? new Dictionary<string, double>(StringComparer.Ordinal) : CountsOf(had);
        FigureRollup.Add(counts, fact);
        var entity = new FigureRollupEntity
        {
            PartitionKey = partition,
            RowKey = row,
            StationId = fact.StationId,
            Period = period,
            Counts = JsonSerializer.Serialize(counts),
            ETag = had?.ETag ?? default,
        };
        return had is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, had.ETag);
    }

    private static Dictionary<string, double> CountsOf(FigureRollupEntity e) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(e.Counts) is { } c ? new Dictionary<string, double>(c, StringComparer.Ordinal) : new(StringComparer.Ordinal);

    private async Task<FigureRollupEntity?> GetRollupAsync(string partition, string row, CancellationToken ct)
    {
        var got = await _table.GetEntityIfExistsAsync<FigureRollupEntity>(partition, row, cancellationToken: ct);
        return got.HasValue ? got.Value : null;
    }

    private async Task<bool> ExistsAsync(string partition, string row, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<FigureFactEntity>(partition, row, select: ["RowKey"], cancellationToken: ct)).HasValue;

    /// <summary>The area's facts whose UTC month lies between the months of <paramref name="from"/> and <paramref name="to"/>, filtered to that span.</summary>
    public async IAsyncEnumerable<FigureFact> ListAsync(
        string areaId, DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var partition in PartitionsOf(areaId, from, to))
        {
            await foreach (var e in _table.QueryAsync<FigureFactEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {RollupPrefix}"), 1000, cancellationToken: ct))
            {
                if (e.At >= from && e.At < to)
                {
                    yield return new FigureFact(areaId, e.Metric, e.FactId, e.StationId, e.At, e.Value);
                }
            }
        }
    }

    /// <summary>
    /// The roll-up rows of local days <paramref name="from"/> to <paramref name="to"/> (both included), optionally of one
    /// station: the month rows of every whole month in the span, the day rows of the days before and after them. Each
    /// is a row-key range in one partition (a local day lies in one or two UTC months), read in parallel.
    /// </summary>
    public async Task<IReadOnlyList<RollupRow>> RollupsAsync(string areaId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct)
    {
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var afterWhole = new DateOnly(to.Year, to.Month, 1);
        if (to == afterWhole.AddMonths(1).AddDays(-1))
        {
            afterWhole = afterWhole.AddMonths(1);
        }

        var ranges = new List<(string Low, string High, DateOnly From, DateOnly To)>();
        if (firstWhole < afterWhole)
        {
            ranges.Add(($"{RollupPrefix}m|{Month(firstWhole)}", $"{RollupPrefix}m|{Month(afterWhole.AddMonths(-1))}~", firstWhole, afterWhole.AddDays(-1)));
            if (from < firstWhole)
            {
                ranges.Add(DayRange(from, firstWhole.AddDays(-1)));
            }

            if (afterWhole <= to)
            {
                ranges.Add(DayRange(afterWhole, to));
            }
        }
        else
        {
            ranges.Add(DayRange(from, to));
        }

        var queries = ranges.SelectMany(r => PartitionsOf(areaId, Start(r.From), Start(r.To.AddDays(1))).Select(p => ReadAsync(p, r.Low, r.High, stationId, ct))).ToList();
        return (await Task.WhenAll(queries)).SelectMany(r => r).ToList();
    }

    private static (string, string, DateOnly, DateOnly) DayRange(DateOnly from, DateOnly to) =>
        ($"{RollupPrefix}d|{from:yyyy-MM-dd}", $"{RollupPrefix}d|{to:yyyy-MM-dd}~", from, to);

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), LocalOffset);

    private async Task<List<RollupRow>> ReadAsync(string partition, string low, string high, string? stationId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
        if (stationId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"StationId eq {stationId}");
        }

        var rows = new List<RollupRow>();
        await foreach (var e in _table.QueryAsync<FigureRollupEntity>(filter, 1000, cancellationToken: ct))
        {
            rows.Add(new RollupRow(e.StationId, e.Period[..7], CountsOf(e)));
        }

        return rows;
    }

    /// <summary>The partitions (UTC months) of the instants from <paramref name="from"/> up to <paramref name="to"/>.</summary>
    private static IEnumerable<string> PartitionsOf(string areaId, DateTimeOffset from, DateTimeOffset to)
    {
        for (var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero); month < to; month = month.AddMonths(1))
        {
            yield return PartitionOf(areaId, month);
        }
    }

    /// <summary>
    /// Seeding only (the benchmark): writes facts and their roll-ups in 100-row transactions per partition, the counts
    /// summed in memory by the same <see cref="FigureRollup"/>. For an area with no facts yet: it overwrites roll-up rows.
    /// </summary>
    public async Task SeedAsync(IEnumerable<FigureFact> facts, CancellationToken ct)
    {
        var rows = new Dictionary<(string Partition, string Row), (FigureRollupEntity Entity, Dictionary<string, double> Counts)>();
        var entities = new List<ITableEntity>();
        foreach (var fact in facts)
        {
            var partition = PartitionOf(fact.AreaId, fact.At);
            entities.Add(new FigureFactEntity { PartitionKey = partition, RowKey = RowOf(fact.Metric, fact.FactId), Metric = fact.Metric, FactId = fact.FactId, StationId = fact.StationId, At = fact.At, Value = fact.Value });
            var local = fact.At.ToOffset(LocalOffset);
            var shard = ShardOf(fact.FactId);
            foreach (var (row, period) in new[]
            {
                (DayRowOf(local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), fact.StationId, shard), local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                (MonthRowOf(local.ToString("yyyy-MM", CultureInfo.InvariantCulture), fact.StationId, shard), local.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            })
            {
                if (!rows.TryGetValue((partition, row), out var r))
                {
                    r = (new FigureRollupEntity { PartitionKey = partition, RowKey = row, StationId = fact.StationId, Period = period }, new Dictionary<string, double>(StringComparer.Ordinal));
                    rows[(partition, row)] = r;
                }

                FigureRollup.Add(r.Counts, fact);
            }
        }

        foreach (var (entity, counts) in rows.Values)
        {
            entity.Counts = JsonSerializer.Serialize(counts);
            entities.Add(entity);
        }

        foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.DistinctBy(e => e.RowKey).Chunk(100)))
        {
            await _table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        }
    }
}
