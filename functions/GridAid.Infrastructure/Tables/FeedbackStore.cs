using Azure;
using Azure.Data.Tables;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Tables;

/// <summary>A reporter's feedback on a resolved report: partition = area and the station that resolved it, row = the tracking code.</summary>
public sealed class FeedbackEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string StationId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public int Stars { get; set; }

    public string? Comment { get; set; }

    public string Lang { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary>The feedback as stored: the report's code, the station, the kind, stars, comment, language and time.</summary>
public sealed record StoredFeedback(string TrackingCode, string StationId, string Kind, int Stars, string? Comment, string Lang, DateTimeOffset At);

/// <summary>
/// Feedback, once per report: the row of a report's code in its resolver's partition is inserted, never overwritten,
/// so a second submit finds the first. A station's feedback is one partition.
/// </summary>
public sealed class FeedbackStore(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(TableNames.Feedback);

    public static string PartitionOf(string areaId, string stationId) => $"{areaId}|{stationId}";

    /// <summary>Inserts the feedback; false (and nothing written) when the report has feedback already.</summary>
    public async Task<bool> AddAsync(string areaId, StoredFeedback feedback, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(
                new FeedbackEntity
                {
                    PartitionKey = PartitionOf(areaId, feedback.StationId),
                    RowKey = feedback.TrackingCode,
                    StationId = feedback.StationId,
                    Kind = feedback.Kind,
                    Stars = feedback.Stars,
                    Comment = feedback.Comment,
                    Lang = feedback.Lang,
                    At = feedback.At,
                },
                ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredFeedback?> GetAsync(string areaId, string stationId, string trackingCode, CancellationToken ct)
    {
        var got = await _table.GetEntityIfExistsAsync<FeedbackEntity>(PartitionOf(areaId, stationId), trackingCode, cancellationToken: ct);
        return got.HasValue ? Of(got.Value!) : null;
    }

    /// <summary>
    /// Clears the comment of a report's feedback (the 90-day redaction: a comment is free text a tourist wrote), keeping
    /// the stars. ETag-conditional, so a comment is never written back; safe to repeat.
    /// </summary>
    public async Task ClearCommentAsync(string areaId, string stationId, string trackingCode, CancellationToken ct)
    {
        var got = await _table.GetEntityIfExistsAsync<FeedbackEntity>(PartitionOf(areaId, stationId), trackingCode, cancellationToken: ct);
        if (got.HasValue && got.Value!.Comment is not null)
        {
            var entity = got.Value;
            entity.Comment = null;
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
        }
    }

    /// <summary>A station's feedback between two instants, newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<StoredFeedback>> ListAsync(string areaId, string stationId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct)
    {
        var all = new List<StoredFeedback>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(areaId, stationId)} and At ge {from} and At lt {to}");
        await foreach (var e in _table.QueryAsync<FeedbackEntity>(filter, 1000, cancellationToken: ct))
        {
            all.Add(Of(e));
        }

        return all.OrderByDescending(f => f.At).Take(max).ToList();
    }

    private static StoredFeedback Of(FeedbackEntity e) => new(e.RowKey, e.StationId, e.Kind, e.Stars, e.Comment, e.Lang, e.At);
}
