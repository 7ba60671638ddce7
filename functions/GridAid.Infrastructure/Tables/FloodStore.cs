using Azure;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// The key layout of the <c>floodwindows</c> table: one partition per area, point and window, holding one counter row
/// and one member row per lost-person report counted in it. Keys are made from the report alone (area, point,
/// submission time, tracking code), so every delivery of a report's message finds the same rows.
/// </summary>
public static class FloodKeys
{

    public const string CounterRow = "count";

    public static string Partition(string areaId, string bucket, DateTimeOffset windowStart) =>
        $"{areaId}_{bucket}_{windowStart.UtcTicks:D19}";

    public static string Member(string trackingCode) => "m_" + trackingCode;
}

/// <summary>Where a report came in its point's window, and which report's alerts summarise the window (once there is one).</summary>
public sealed record FloodPlace(long Ordinal, string? SummaryReportKey);

/// <summary>
/// Counts lost-person reports per point and window, exactly once each however often a message is delivered: one
/// transaction inserts the report's member row (which fails on a repeat) and moves the counter on with an ETag
/// condition (which fails on a lost race, and is retried). The member row keeps the report's ordinal for repeats.
/// </summary>
public sealed class FloodStore(StorageClients storage)
{
    /// <summary>A flood is many writers on one counter row: more tries than a usual conditional write.</summary>
    private const int MaxAttempts = 50;

    private readonly TableClient _table = storage.Table(TableNames.FloodWindows);

    /// <summary>
    /// Counts the report (once) and returns its ordinal. The report that becomes ordinal <paramref name="summaryOrdinal"/>
    /// is recorded on the counter as the window's summary, so every later report knows whose alerts to count on.
    /// </summary>
    public async Task<FloodPlace> CountAsync(
        string partition, string trackingCode, string reportKey, long summaryOrdinal, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var counter = await GetCounterAsync(partition, ct);
            var ordinal = (counter?.Count ?? 0) + 1;
            var next = new FloodCounterEntity
            {
                PartitionKey = partition,
                RowKey = FloodKeys.CounterRow,
                Count = ordinal,
                SummaryReportKey = ordinal == summaryOrdinal ? reportKey : counter?.SummaryReportKey,
            };
            var member = new FloodMemberEntity
            {
                PartitionKey = partition,
                RowKey = FloodKeys.Member(trackingCode),
                Ordinal = ordinal,
                ReportKey = reportKey,
            };

            try
            {
                await _table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, member),
                        counter is null
                            ? new TableTransactionAction(TableTransactionActionType.Add, next)
                            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, counter.ETag),
                    ],
                    ct);
                return new FloodPlace(ordinal, next.SummaryReportKey);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // A repeat of this report (its member row exists), or another report moved the counter first.
                if (e.FailedTransactionActionIndex != 1 && await GetMemberAsync(partition, trackingCode, ct) is { } counted)
                {
                    return new FloodPlace(counted.Ordinal, (await GetCounterAsync(partition, ct))?.SummaryReportKey);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * Math.Min(attempt + 1, 8)), ct);
        }

        throw new InvalidOperationException($"The flood counter {partition} kept changing under concurrent writers; the message will be retried.");
    }

    /// <summary>The highest ordinal counted in the window so far (0 for an empty window).</summary>
    public async Task<long> HighestAsync(string partition, CancellationToken ct)
    {
        return (await GetCounterAsync(partition, ct))?.Count ?? 0;
    }

    private async Task<FloodCounterEntity?> GetCounterAsync(string partition, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<FloodCounterEntity>(partition, FloodKeys.CounterRow, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    private async Task<FloodMemberEntity?> GetMemberAsync(string partition, string trackingCode, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<FloodMemberEntity>(partition, FloodKeys.Member(trackingCode), cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }
}

/// <summary>A window's counter: how many reports it has counted, and the report whose alerts summarise it.</summary>
public sealed class FloodCounterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Count { get; set; }

    public string? SummaryReportKey { get; set; }
}

/// <summary>One counted report and the ordinal it got.</summary>
public sealed class FloodMemberEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Ordinal { get; set; }

    public string ReportKey { get; set; } = string.Empty;
}
