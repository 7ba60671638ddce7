namespace GridAid.Core.Reports;

/// <summary>A report's lifecycle, in order. Serialized in snake_case.</summary>
public enum ReportStatus
{
    Received,
    Routed,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
}

public static class ReportStatuses
{
    public static string ToWire(this ReportStatus status) => WireNames.ToSnakeCase(status.ToString());

    public static bool TryParse(string? value, out ReportStatus status) => WireNames.TryParse(value, out status);
}
