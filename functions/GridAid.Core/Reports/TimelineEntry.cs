namespace GridAid.Core.Reports;

/// <summary>
/// One step in a report's life; <see cref="StationId"/> says who took it, when a station did. <see cref="Text"/> is
/// what the station wrote for the tourist when it resolved the report (what happened, where to go).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, ReportStatus Status, string? StationId = null, string? Note = null, LocalizedNote? Text = null);

/// <summary>A station's closing note, in one language or both; shown in the reader's language when it has it.</summary>
public sealed record LocalizedNote(string? Zh, string? En)
{
    public const int MaxLength = 300;

    /// <summary>Trimmed, or null when both sides are empty.</summary>
    public static LocalizedNote? Clean(string? zh, string? en)
    {
        static string? Trim(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var (z, e) = (Trim(zh), Trim(en));
        return z is null && e is null ? null : new LocalizedNote(z, e);
    }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsTooLong => Zh is { Length: > MaxLength } || En is { Length: > MaxLength };
}
