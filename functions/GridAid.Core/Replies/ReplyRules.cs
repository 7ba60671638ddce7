using GridAid.Core.Alerts;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Replies;

/// <summary>Who reads a station's words: the reporter too (a public reply), or staff only (an internal note).</summary>
public enum ReplyVisibility
{
    Public,
    Internal,
}

/// <summary>A reply or note as every station holding the report sees it (staff only: the alert JSON).</summary>
public sealed record AlertReply(DateTimeOffset At, string By, ReplyVisibility Visibility, LocalizedNote Text);

/// <summary>
/// The rules of a station's replies and notes: who may post (a station the report was routed or transferred to, or the
/// area's admin), the text's limits (through the report rules' messages, bilingual), and what of them a public view
/// shows (<see cref="IsPublic"/>: only public replies, never an internal note or a transfer's reason).
/// </summary>
public static class ReplyRules
{
    /// <summary>A reply's or note's length limit (each language).</summary>
    public const int MaxLength = 500;

    /// <summary>How many replies and notes one report takes (they travel on every alert row of it).</summary>
    public const int MaxPerReport = 40;

    /// <summary>A repeat of the same words by the same station within this long is the same post (a double tap).</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(30);

    /// <summary>The <c>text</c> field's rule, as the report form's rules are written.</summary>
    public static readonly FieldRule Text = new(Required: true, MaxLength: MaxLength);

    /// <summary>The timeline note of a public reply.</summary>
    public const string PublicNote = "reply";

    /// <summary>The timeline note of an internal note.</summary>
    public const string InternalNote = "internal_note";

    /// <summary>A reply or a note: words, not a step (it never says when the report was resolved).</summary>
    public static bool IsReply(TimelineEntry entry) => entry.Note is PublicNote or InternalNote;

    public static string NoteOf(ReplyVisibility v) => v == ReplyVisibility.Public ? PublicNote : InternalNote;

    /// <summary>Whether <paramref name="by"/> (a station id, or <see cref="SharedSearch.Admin"/> for the admin) may reply on the report.</summary>
    public static bool MayPost(Report report, string by, bool isAdmin) =>
        isAdmin ? by == SharedSearch.Admin : report.StationIds.Contains(by, StringComparer.Ordinal);

    /// <summary>Plain text, trimmed, control characters out (line breaks kept); null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kept = new string([.. text.Where(c => c is '\n' || !char.IsControl(c))]).Replace("\r", string.Empty, StringComparison.Ordinal).Trim();
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>The field errors of a reply's text (bilingual, the report rules' messages); none when it is fine.</summary>
    public static ValidationErrors Validate(string field, string? cleaned)
    {
        var errors = new ValidationErrors();
        if (cleaned is null)
        {
            errors.Add(field, Text.RequiredCode, ReportRules.Message(Text.RequiredCode, Text));
        }
        else if (cleaned.Length > MaxLength)
        {
            errors.Add(field, Text.TooLongCode, ReportRules.Message(Text.TooLongCode, Text));
        }

        return errors;
    }

    /// <summary>A station's words in the language they are written in: <paramref name="lang"/> when given, else Chinese when they hold Chinese characters.</summary>
    public static LocalizedNote InLanguage(string text, string? lang)
    {
        var chinese = lang is null ? text.Any(IsHan) : !Language.IsEnglish(lang);
        return chinese ? new LocalizedNote(text, null) : new LocalizedNote(null, text);
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    /// <summary>
    /// The report with the reply or note on its timeline; the same one again when it repeats the station's last words
    /// within <see cref="RepeatWindow"/> (null: nothing to write). Throws when the report already has <see cref="MaxPerReport"/>.
    /// </summary>
    public static Report? Posted(Report report, string by, ReplyVisibility visibility, LocalizedNote text, DateTimeOffset now)
    {
        var note = NoteOf(visibility);
        if (report.Timeline.LastOrDefault(t => t.StationId == by && t.Note is PublicNote or InternalNote) is { } last
            && last.Note == note && last.Text == text && now - last.At < RepeatWindow)
        {
            return null;
        }

        return report with
        {
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, by, note, text)],
        };
    }

    /// <summary>Whether the report takes another reply or note.</summary>
    public static bool IsFull(Report report) => report.Timeline.Count(t => t.Note is PublicNote or InternalNote) >= MaxPerReport;

    /// <summary>Every reply and note of the report, oldest first, as the stations see them.</summary>
    public static IReadOnlyList<AlertReply> StaffView(Report report) =>
        [.. report.Timeline.Where(t => t is { Note: PublicNote or InternalNote, Text: not null, StationId: not null })
            .Select(t => new AlertReply(t.At, t.StationId!, t.Note == PublicNote ? ReplyVisibility.Public : ReplyVisibility.Internal, t.Text!))];

    /// <summary>
    /// Whether a timeline entry may be shown to anyone holding the tracking code (the status page, Open311): not an
    /// internal note, not a claim check. A transfer's reason (<see cref="TimelineEntry.Text"/> of a transfer) never is,
    /// whatever this says of the entry: public views take <see cref="PublicText"/>.
    /// </summary>
    public static bool IsPublic(TimelineEntry entry) =>
        entry.Note is not (InternalNote or TimelineNotes.ClaimMatched or TimelineNotes.ClaimNotMatched);

    /// <summary>The words a public view may show of an entry: a public reply's, or the closing note of a resolve; nothing else.</summary>
    public static LocalizedNote? PublicText(TimelineEntry entry) =>
        entry.Note == PublicNote || (entry.Status == ReportStatus.Resolved && entry.Note is null) ? entry.Text : null;

    /// <summary>The timeline a public view shows.</summary>
    public static IEnumerable<TimelineEntry> PublicTimeline(Report report) => report.Timeline.Where(IsPublic);

    /// <summary>The latest public reply, for Open311's <c>status_notes</c>; null when there is none.</summary>
    public static TimelineEntry? LatestPublicReply(Report report) => report.Timeline.LastOrDefault(t => t is { Note: PublicNote, Text: not null });
}
