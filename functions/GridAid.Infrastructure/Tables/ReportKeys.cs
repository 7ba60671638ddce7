namespace GridAid.Infrastructure.Tables;

/// <summary>
/// Row keys that sort newest first within an area's partition and are fixed once a report is accepted,
/// so every retry of every handler writes the same rows.
/// </summary>
public static class ReportKeys
{
    public static string For(DateTimeOffset submittedAt, string trackingCode) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - submittedAt.UtcTicks:D19}_{trackingCode}";

    public static string Alert(string stationId, string reportKey) => $"{stationId}_{reportKey}";

    /// <summary>The row-key range of one station's alerts in its area's partition.</summary>
    public static (string From, string To) StationRange(string stationId) => ($"{stationId}_", $"{stationId}`");

    /// <summary>The submission time a report key was made from.</summary>
    public static DateTimeOffset SubmittedAt(string reportKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(reportKey.AsSpan(0, 19), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
