using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// A roll-up row of the <c>figurefacts</c> table as the dashboard reads it: one per local day
/// (<c>~d|yyyy-MM-dd|station|shard</c>) and one per local month (<c>~m|yyyy-MM|station|shard</c>), <see cref="Counts"/>
/// the JSON of <see cref="FigureRollup"/>'s counts. A day row also holds the marks of the facts it counted
/// (<see cref="FigureStore.MarksProperty"/>…), never read by the dashboard.
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
/// The figure facts of each area, counted into their roll-ups. A fact is recorded into its station's <b>day row</b>
/// (which keeps a mark of every fact it counted: 11 characters of a hash of the fact's metric and id) and <b>month
/// row</b>, both in the fact's partition (area and UTC month), in one entity-group transaction, each ETag-conditional:
/// so a fact and its counts are written together or not at all, and a fact the day row has a mark of already (a
/// retried message, a double tap) changes nothing. The table holds roll-up rows only, no row per fact: the dashboard reads the month rows of whole months and
/// the day rows of the rest, and a range read never walks past facts (the storage emulator reads a whole table to
/// answer a range: docs/dashboard.md).
/// </summary>
public sealed class FigureStore(StorageClients storage, IOptions<FigureStoreOptions>? options = null) : IFigureRecorder
{
    /// <summary>Roll-up rows per station and period are split in this many shards (by fact id) so concurrent facts of one station rarely contend.</summary>
    public const int Shards = 4;

    /// <summary>The first character of every roll-up row key.</summary>
    public const string RollupPrefix = "~";

    /// <summary>The day row's marks, <see cref="MarkChars"/> characters each, in properties <c>Marks0</c>, <c>Marks1</c> … of at most <see cref="ChunkChars"/> characters (a string property holds 64 KiB).</summary>
    public const string MarksProperty = "Marks";

    /// <summary>A mark: the first 64 bits of SHA-256 of <c>{metric}|{factId}</c>, Base64url (a clash within one day row of n facts: about n² / 2⁶⁵).</summary>
    public const int MarkChars = 11;

    public const int ChunkChars = 29_997;

    /// <summary>At most this many chunks of marks in one day row (≈ 900 KB of an entity's 1 MiB): about 40,000 facts per station, local day and shard.</summary>
    public const int MaxChunks = 15;

    private const int MaxAttempts = 30;

    private static readonly string[] CountsOnly = [nameof(FigureRollupEntity.StationId), nameof(FigureRollupEntity.Period), nameof(FigureRollupEntity.Counts)];

    private readonly TableClient _table = storage.Table(TableNames.FigureFacts);

    public TimeSpan LocalOffset { get; } = options?.Value.LocalOffset ?? TimeSpan.FromHours(8);

    public static string PartitionOf(string areaId, DateTimeOffset at) => $"{areaId}|{at.UtcDateTime:yyyy-MM}";

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

    /// <summary>Where a fact is counted: its partition, its local day and month, and the two roll-up rows of its station and shard.</summary>
    private readonly record struct RowsOfFact(string Partition, string Day, string Month, string DayRow, string MonthRow);

    private RowsOfFact RowsOf(FigureFact fact)
    {
        var local = fact.At.ToOffset(LocalOffset);
        var shard = ShardOf(fact.FactId);
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = local.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return new(PartitionOf(fact.AreaId, fact.At), day, month, DayRowOf(day, fact.StationId, shard), MonthRowOf(month, fact.StationId, shard));
    }

    public async Task RecordAsync(FigureFact fact, CancellationToken ct)
    {
        var (partition, day, month, dayKey, monthKey) = RowsOf(fact);
        for (var attempt = 1; ; attempt++)
        {
            var dayRead = _table.GetEntityIfExistsAsync<TableEntity>(partition, dayKey, cancellationToken: ct);
            var monthRead = _table.GetEntityIfExistsAsync<FigureRollupEntity>(partition, monthKey, cancellationToken: ct);
            var dayRow = (await dayRead) is { HasValue: true } d ? d.Value : null;
            var monthRow = (await monthRead) is { HasValue: true } m ? m.Value : null;
            var mark = MarkOf(fact);
            var marks = dayRow is null ? string.Empty : MarksOf(dayRow);
            if (Holds(marks, mark))
            {
                return; // counted before
            }

            var dayCounts = dayRow is null ? Empty() : CountsOf(dayRow.GetString(nameof(FigureRollupEntity.Counts)));
            FigureRollup.Add(dayCounts, fact);
            var monthCounts = monthRow is null ? Empty() : CountsOf(monthRow.Counts);
            FigureRollup.Add(monthCounts, fact);
            var newDay = DayEntity(partition, dayKey, fact.StationId, day, dayCounts, marks + mark);
            var newMonth = new FigureRollupEntity { PartitionKey = partition, RowKey = monthKey, StationId = fact.StationId, Period = month, Counts = JsonSerializer.Serialize(monthCounts) };
            TableTransactionAction[] actions =
            [
                dayRow is null ? new(TableTransactionActionType.Add, newDay) : new(TableTransactionActionType.UpdateReplace, newDay, dayRow.ETag),
                monthRow is null ? new(TableTransactionActionType.Add, newMonth) : new(TableTransactionActionType.UpdateReplace, newMonth, monthRow.ETag),
            ];
            try
            {
                await _table.SubmitTransactionAsync(actions, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A concurrent fact moved a roll-up row on (or the same fact was recorded meanwhile): read again.
                if (attempt == MaxAttempts)
                {
                    throw;
                }

                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)), ct);
            }
        }
    }

    /// <summary>
    /// The stations whose day rows of local day <paramref name="day"/> counted the fact <paramref name="metric"/> /
    /// <paramref name="factId"/>: one, or none (for support and tests; the dashboard never reads the marks).
    /// </summary>
    public async Task<IReadOnlyList<string>> StationsCountingAsync(string areaId, string metric, string factId, DateOnly day, CancellationToken ct)
    {
        var mark = MarkOf(metric, factId);
        var shard = "|" + ShardOf(factId).ToString(CultureInfo.InvariantCulture);
        var (low, high, _, _) = DayRange(day, day);
        var stations = new List<string>();
        foreach (var partition in PartitionsOf(areaId, Start(day), Start(day.AddDays(1))))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: ct))
            {
                if (row.RowKey.EndsWith(shard, StringComparison.Ordinal) && Holds(MarksOf(row), mark))
                {
                    stations.Add(row.GetString(nameof(FigureRollupEntity.StationId)) ?? string.Empty);
                }
            }
        }

        return stations;
    }

    /// <summary>
    /// The roll-up rows of local days <paramref name="from"/> to <paramref name="to"/> (both included), optionally of one
    /// station: the month rows of every whole month in the span, the day rows of the days before and after them. Each
    /// is a row-key range in one partition (a local day lies in one or two UTC months), read in parallel, counts only.
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

    /// <summary>
    /// Seeding only (the benchmark): writes the roll-up rows of <paramref name="facts"/>, each day row with the marks of
    /// the facts it counts, summed in memory by the same <see cref="FigureRollup"/>, in 100-row transactions per
    /// partition. For an area with no facts yet: it overwrites roll-up rows.
    /// </summary>
    public async Task SeedAsync(IEnumerable<FigureFact> facts, CancellationToken ct)
    {
        var days = new Dictionary<(string Partition, string Row), (string Station, string Day, Dictionary<string, double> Counts, StringBuilder Marks, HashSet<string> Seen)>();
        var months = new Dictionary<(string Partition, string Row), (string Station, string Month, Dictionary<string, double> Counts)>();
        foreach (var fact in facts)
        {
            var rows = RowsOf(fact);
            var dayKey = (rows.Partition, rows.DayRow);
            if (!days.TryGetValue(dayKey, out var d))
            {
                days[dayKey] = d = (fact.StationId, rows.Day, Empty(), new StringBuilder(), new HashSet<string>(StringComparer.Ordinal));
            }

            var mark = MarkOf(fact);
            if (!d.Seen.Add(mark))
            {
                continue;
            }

            d.Marks.Append(mark);
            FigureRollup.Add(d.Counts, fact);
            var monthKey = (rows.Partition, rows.MonthRow);
            if (!months.TryGetValue(monthKey, out var m))
            {
                months[monthKey] = m = (fact.StationId, rows.Month, Empty());
            }

            FigureRollup.Add(m.Counts, fact);
        }

        var entities = days.Select(x => (ITableEntity)DayEntity(x.Key.Partition, x.Key.Row, x.Value.Station, x.Value.Day, x.Value.Counts, x.Value.Marks.ToString()))
            .Concat(months.Select(x => new FigureRollupEntity { PartitionKey = x.Key.Partition, RowKey = x.Key.Row, StationId = x.Value.Station, Period = x.Value.Month, Counts = JsonSerializer.Serialize(x.Value.Counts) }));
        foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await _table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        }
    }

    /// <summary>A day row: its counts and the marks of the facts it counted, in chunks.</summary>
    private static TableEntity DayEntity(string partition, string row, string stationId, string day, Dictionary<string, double> counts, string marks)
    {
        var entity = new TableEntity(partition, row)
        {
            [nameof(FigureRollupEntity.StationId)] = stationId,
            [nameof(FigureRollupEntity.Period)] = day,
            [nameof(FigureRollupEntity.Counts)] = JsonSerializer.Serialize(counts),
        };
        var chunks = (marks.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"The day row {partition}/{row} would count {marks.Length / MarkChars} facts, more than one row can: raise {nameof(Shards)}.");
        }

        for (var i = 0; i < chunks; i++)
        {
            entity[MarksProperty + i.ToString(CultureInfo.InvariantCulture)] = marks.Substring(i * ChunkChars, Math.Min(ChunkChars, marks.Length - (i * ChunkChars)));
        }

        return entity;
    }

    /// <summary>The mark of a fact in its day row (<see cref="MarkChars"/> characters).</summary>
    public static string MarkOf(FigureFact fact) => MarkOf(fact.Metric, fact.FactId);

    private static string MarkOf(string metric, string factId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{metric}|{factId}"), hash);
        return Convert.ToBase64String(hash[..8]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string MarksOf(TableEntity row)
    {
        var marks = new StringBuilder();
        for (var i = 0; row.GetString(MarksProperty + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            marks.Append(chunk);
        }

        return marks.ToString();
    }

    private static bool Holds(string marks, string mark)
    {
        for (var i = 0; i + MarkChars <= marks.Length; i += MarkChars)
        {
            if (string.CompareOrdinal(marks, i, mark, 0, MarkChars) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, double> Empty() => new(StringComparer.Ordinal);

    private static Dictionary<string, double> CountsOf(string? json) =>
        json is not null && JsonSerializer.Deserialize<Dictionary<string, double>>(json) is { } c ? new Dictionary<string, double>(c, StringComparer.Ordinal) : Empty();

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
        await foreach (var e in _table.QueryAsync<FigureRollupEntity>(filter, 1000, CountsOnly, ct))
        {
            rows.Add(new RollupRow(e.StationId, e.Period[..7], CountsOf(e.Counts)));
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
}
