using Azure;
using Azure.Data.Tables;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// One row of an area's directory (keys: <see cref="DirectoryKeys"/>). The record itself is a JSON column; names are
/// columns too, for people reading the table.
/// </summary>
public sealed class DirectoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Type { get; set; } = string.Empty;

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? Data { get; set; }

    public string? AreaId { get; set; }

    public string? SecretHash { get; set; }
}
