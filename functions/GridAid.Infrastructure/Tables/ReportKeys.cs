namespace GridAid.Infrastructure.Tables;

/// <summary>
/// The key layout of the <c>reports</c> table (partition = area) and its <c>trackingcodes</c> index (partition = code).
/// Row keys sort newest first within an area's partition and are fixed once a report is accepted,
/// so every retry of every handler writes the same rows.
/// </summary>
public static class ReportKeys
{
    /// <summary>The one row of a tracking code's partition in <c>trackingcodes</c>.</summary>
    public const string TrackingCodeRow = "";

    public static string For(DateTimeOffset submittedAt, string trackingCode) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - submittedAt.UtcTicks:D19}_{trackingCode}";

    /// <summary>
    /// The row of a report's "still received" index entry, in the report's own partition (so it is written in the same
    /// transaction as the report); '~' sorts after every report key, so report listings never meet it.
    /// </summary>
    public static string Received(string reportKey) => ReceivedPrefix + reportKey;

    /// <summary>The row-key range of an area's "still received" index entries.</summary>
    public static (string From, string To) ReceivedRange => (ReceivedPrefix, "~received`");

    /// <summary>
    /// The row of a routed report's "open" index entry, in the report's own partition (written in the same transaction that
    /// marks it routed); the unattended-closing sweep reads the entries of reports submitted before a cut-off as one range.
    /// </summary>
    public static string Open(string reportKey) => OpenPrefix + reportKey;

    /// <summary>
    /// The row-key range [From, To) of the "open" entries of reports submitted at or before <paramref name="cutoff"/>:
    /// report keys are inverted ticks, so older reports have higher keys and the range runs from the cut-off's key up.
    /// </summary>
    public static (string From, string To) OpenUntil(DateTimeOffset cutoff) => (OpenPrefix + For(cutoff, string.Empty), "~open`");

    private const string OpenPrefix = "~open_";

    /// <summary>Every report row sorts before this.</summary>
    public const string AfterReports = "~";

    private const string ReceivedPrefix = "~received_";

    /// <summary>The row-key range (exclusive) of the reports submitted in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static (string After, string Before) Between(DateTimeOffset from, DateTimeOffset to) =>
        // Keys are inverted ticks, so the newer bound is the lower key; '~' sorts after the '_' that precedes the code.
        (For(to, string.Empty).TrimEnd('_') + "~", For(from, string.Empty).TrimEnd('_') + "~");

    /// <summary>The submission time a report key was made from.</summary>
    public static DateTimeOffset SubmittedAt(string reportKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(reportKey.AsSpan(0, 19), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}

/// <summary>The key layout of the <c>alerts</c> table: partition = area, row = station + the report's key.</summary>
public static class AlertKeys
{
    public static string For(string stationId, string reportKey) => $"{stationId}_{reportKey}";

    /// <summary>The row-key range of one station's alerts in its area's partition.</summary>
    public static (string From, string To) StationRange(string stationId) => ($"{stationId}_", $"{stationId}`");

    /// <summary>
    /// The row of a station's inbox version, in its area's partition so it is written in the same transaction as the
    /// alerts. Station ids are lower-case letters, digits and dashes, so '~' keeps these rows out of every station's range.
    /// </summary>
    public static string InboxVersion(string stationId) => "~inbox_" + stationId;
}
