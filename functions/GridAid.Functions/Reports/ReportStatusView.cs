using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Text;
using GridAid.Functions.Points;

namespace GridAid.Functions.Reports;

public sealed record PointRef(string? Code, LocalizedText? Name);

/// <summary>
/// One timeline step; <see cref="Note"/> is <c>escalated</c> or <c>transferred</c> (then <see cref="ToStation"/> says to
/// whom), <c>reply</c> (a station's public reply: <see cref="Text"/>), <c>merged</c> (a duplicate was merged into this report).
/// </summary>
public sealed record TimelineView(DateTimeOffset At, ReportStatus Status, LocalizedText? Station, string? Note = null, LocalizedText? ToStation = null, LocalizedNote? Text = null)
{
    /// <summary>How the admin is named where a station's name would be.</summary>
    public static LocalizedText AdminName => Texts.Of("name.areaOffice");

    public static TimelineView From(TimelineEntry t, AreaDirectory? d)
    {
        LocalizedText? Name(string? id) => id is null ? null : id == Core.Alerts.SharedSearch.Admin ? AdminName : d?.FindStation(id)?.Name ?? new LocalizedText(id, id);
        return t.Note switch
        {
            Core.Replies.ReplyRules.PublicNote => new TimelineView(t.At, t.Status, Name(t.StationId), Core.Replies.ReplyRules.PublicNote, Text: t.Text),
            // Staff views only (public views never pass one here): the note's words go with the admin's own fields.
            Core.Replies.ReplyRules.InternalNote => new TimelineView(t.At, t.Status, Name(t.StationId), Core.Replies.ReplyRules.InternalNote),
            // Neither code is shown: the duplicate's reporter reads the original's status through their own code.
            { } note when note.StartsWith(Core.Duplicates.DuplicateRules.MergedFrom, StringComparison.Ordinal) => new TimelineView(t.At, t.Status, Name(t.StationId), "merged"),
            { } note when note.StartsWith(Core.Duplicates.DuplicateRules.MergedInto, StringComparison.Ordinal) => new TimelineView(t.At, t.Status, Name(t.StationId), "merged_into"),
            { } note when note.StartsWith(TimelineNotes.TransferredTo, StringComparison.Ordinal) =>
                new TimelineView(t.At, t.Status, Name(t.StationId), "transferred", Name(note[TimelineNotes.TransferredTo.Length..])),
            // The partner's code stays with staff: it is someone else's report.
            { } note when note.StartsWith(TimelineNotes.MatchedWith, StringComparison.Ordinal) => new TimelineView(t.At, t.Status, Name(t.StationId), "matched"),
            { } note when note.StartsWith(TimelineNotes.CommandAlerted, StringComparison.Ordinal) => new TimelineView(t.At, t.Status, Name(t.StationId), "command"),
            _ => new TimelineView(t.At, t.Status, Name(t.StationId), t.Note),
        };
    }
}

/// <summary>
/// What anyone holding the tracking code may see: no contact data, no details. <see cref="Resolution"/> is the
/// station's closing note, when it wrote one (written for the tourist). <see cref="CallPolice"/>: a lost person reached
/// the second escalation tier and is still open, so the page advises calling 110.
/// </summary>
public sealed record ReportStatusView(
    string TrackingCode,
    ReportKind Kind,
    ReportStatus Status,
    PointRef Point,
    IReadOnlyList<NamedRef> Stations,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineView> Timeline,
    LocalizedNote? Resolution = null,
    CollectView? Collect = null,
    bool CallPolice = false,
    FeedbackView? Feedback = null,
    bool AskFeedback = false,
    string? MergedInto = null)
{
    /// <summary>
    /// The view of <paramref name="r"/>; <paramref name="feedback"/> is what the reporter gave on it, if anything (the
    /// page asks once). With <paramref name="askedCode"/> (a duplicate merged into <paramref name="r"/>), under that
    /// code, with <see cref="MergedInto"/> naming <paramref name="r"/>: both codes lead to the same status.
    /// Only public timeline entries (<see cref="Core.Replies.ReplyRules.IsPublic"/>): never an internal note or a claim check.
    /// </summary>
    public static ReportStatusView From(Report r, AreaDirectory? d, FeedbackView? feedback = null, string? askedCode = null)
    {
        var point = r.PointCode is null ? null : d?.FindPoint(r.PointCode);
        return new ReportStatusView(
            askedCode ?? r.TrackingCode,
            r.Kind,
            r.Status,
            new PointRef(r.PointCode, point?.Name),
            r.StationIds.Select(id => new NamedRef(id, d?.FindStation(id)?.Name ?? new LocalizedText(id, id))).ToList(),
            r.SubmittedAt,
            r.UpdatedAt,
            // Claim checks and internal notes are staff business: the owner never learns how many answers were wrong.
            Core.Replies.ReplyRules.PublicTimeline(r).Select(t => TimelineView.From(t, d)).Select(t => ForPerson(t, r.Kind)).ToList(),
            r.Timeline.LastOrDefault(t => t.Status == ReportStatus.Resolved && t.Note is null && t.Text is not null)?.Text,
            CollectView.From(r, d),
            r.Status < ReportStatus.Resolved && Core.Routing.EscalationPolicy.IsCommandAlerted(r),
            feedback,
            Core.Figures.FeedbackRules.Asks(r, feedback is not null),
            askedCode is null ? null : r.TrackingCode);
    }

    /// <summary>A person's match and hand-over say so in person words ("matched with a found person"), not an item's.</summary>
    private static TimelineView ForPerson(TimelineView t, ReportKind kind) =>
        kind.IsPerson() && t.Note is "matched" or "handed_over" ? t with { Note = t.Note + "_person" } : t;
}

/// <summary>
/// Where the owner of a lost item collects it, once a station confirmed the found one (<see cref="Where"/>: the
/// station's words in both languages or one; <see cref="Station"/>: who confirmed), and when it was handed over.
/// Only on the sought side of a pair (<see cref="Core.Matching.MatchPairing"/>).
/// </summary>
public sealed record CollectView(LocalizedNote Where, LocalizedText? Station, DateTimeOffset? HandedOverAt, LocalizedText? HandedOverBy)
{
    public static CollectView? From(Report r, AreaDirectory? d)
    {
        if (r.Match is not { } m || !Core.Matching.MatchPairing.IsSought(r.Kind))
        {
            return null;
        }

        LocalizedText Name(string id) => d?.FindStation(id)?.Name ?? new LocalizedText(id, id);
        var handed = r.Timeline.LastOrDefault(t => t.Note == TimelineNotes.HandedOver);
        return new CollectView(m.Where, Name(m.StationId), handed?.At, handed?.StationId is { } by ? Name(by) : null);
    }
}

/// <summary>The reporter's feedback on the report, as the status page shows it back (stars only: the comment stays with the admin).</summary>
public sealed record FeedbackView(int Stars, DateTimeOffset At);
