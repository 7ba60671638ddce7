namespace GridAid.Core.Reports;

/// <summary>Personal data goes; what is left (kind, place, stations, times) still counts in the area's figures.</summary>
public static class Redaction
{
    public static bool IsRedacted(Report report) => report.Timeline.Any(t => t.Note == TimelineNotes.Redacted);

    /// <summary>The report without its description, contact data, details and photos (their blobs are deleted by the caller); null when that was already done.</summary>
    public static Report? Apply(Report report, DateTimeOffset now) =>
        IsRedacted(report)
            ? null
            : report with
            {
                Description = string.Empty,
                Contact = new Contact(null, null),
                Details = new Dictionary<string, string>(),
                HandoverHash = null,
                Handover = null,
                PhotoCount = 0,
                UpdatedAt = now,
                // A closing note may name the person ("collect Lili at the police post"): it goes with the rest.
                Timeline = [.. report.Timeline.Select(t => t with { Text = null }), new TimelineEntry(now, report.Status, Note: TimelineNotes.Redacted)],
            };
}
