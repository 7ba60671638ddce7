using Azure;
using Azure.Data.Tables;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Storage;

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
/// The figure facts of each area. Recording is insert-if-absent on a deterministic key, so recording a fact twice
/// (a retried message, a double tap) keeps one row.
/// </summary>
public sealed class FigureStore(StorageClients storage) : IFigureRecorder
{
    private readonly TableClient _table = storage.Table(TableNames.FigureFacts);

    public static string PartitionOf(string areaId, DateTimeOffset at) => $"{areaId}|{at.UtcDateTime:yyyy-MM}";

    public static string RowOf(string metric, string factId) => $"{metric}|{factId}";

    public async Task RecordAsync(FigureFact fact, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(
                new FigureFactEntity
                {
                    PartitionKey = PartitionOf(fact.AreaId, fact.At),
                    RowKey = RowOf(fact.Metric, fact.FactId),
                    Metric = fact.Metric,
                    FactId = fact.FactId,
                    StationId = fact.StationId,
                    At = fact.At,
                    Value = fact.Value,
                },
                ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded before: the same fact counts once.
        }
    }

    /// <summary>The area's facts whose UTC month lies between the months of <paramref name="from"/> and <paramref name="to"/>, filtered to that span.</summary>
    public async IAsyncEnumerable<FigureFact> ListAsync(
        string areaId, DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero); month <= to; month = month.AddMonths(1))
        {
            var partition = PartitionOf(areaId, month);
            await foreach (var e in _table.QueryAsync<FigureFactEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), 1000, cancellationToken: ct))
            {
                if (e.At >= from && e.At < to)
                {
                    yield return new FigureFact(areaId, e.Metric, e.FactId, e.StationId, e.At, e.Value);
                }
            }
        }
    }
}
