using GridAid.Core.Reports;

namespace GridAid.Core.Custody;

/// <summary>Why a custody step was refused.</summary>
public enum CustodyRefusal
{
    /// <summary>Only a found item is taken into custody.</summary>
    NotFoundItem,

    /// <summary>No storage place given, or one longer than <see cref="CustodyRules.MaxStorageLength"/>.</summary>
    StorageInvalid,

    /// <summary>A notice date in the future, or before the item was reported.</summary>
    NoticeInvalid,

    /// <summary>Another station holds the item.</summary>
    HeldElsewhere,

    /// <summary>The item already left custody.</summary>
    Released,

    /// <summary>Only the station holding the item releases it.</summary>
    NotHolder,

    /// <summary>A disposal says how (the note), and no note is longer than <see cref="CustodyRules.MaxNoteLength"/>.</summary>
    NoteInvalid,
}

/// <summary>A custody step's answer: the item as it is now (null when nothing changed), or why it was refused.</summary>
public sealed record CustodyStep(CustodyItem? Item, CustodyRefusal? Refusal = null)
{
    public static CustodyStep Refused(CustodyRefusal refusal) => new(null, refusal);

    public static readonly CustodyStep Unchanged = new((CustodyItem?)null);
}

/// <summary>
/// The custody clock (<c>GridAid:Custody</c>). PRC Civil Code art. 318: a lost item nobody claims within one year of the
/// notice of the find passes to the state, so the deadline is one calendar year after the notice, and the holding station
/// is reminded <see cref="ReminderDaysBefore"/> days before it. <see cref="Term"/> and <see cref="Day"/> exist for tests
/// (seconds instead of a year and days); production leaves them alone.
/// </summary>
public sealed class CustodyPolicy
{
    /// <summary>The time from notice to deadline; null (the default) means one calendar year.</summary>
    public TimeSpan? Term { get; set; }

    /// <summary>How long one "day" of <see cref="ReminderDaysBefore"/> lasts (a day).</summary>
    public TimeSpan Day { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Reminders, in days before the deadline.</summary>
    public IReadOnlyList<int> ReminderDaysBefore { get; set; } = [30, 7];

    /// <summary>The deadline for a notice published at <paramref name="noticeAt"/>; 29 February's year later is 28 February.</summary>
    public DateTimeOffset DeadlineOf(DateTimeOffset noticeAt) => Term is { } term ? noticeAt + term : noticeAt.AddYears(1);

    /// <summary>When the reminder <paramref name="daysBefore"/> the deadline is due.</summary>
    public DateTimeOffset ReminderDue(DateTimeOffset deadline, int daysBefore) => deadline - (daysBefore * Day);
}

/// <summary>
/// The rules of a found item's custody (<see cref="CustodyPolicy"/> for the clock). Only the holding station moves an
/// item; every step after the item left custody is refused, and repeating a step changes nothing.
/// </summary>
public static class CustodyRules
{
    public const int MaxStorageLength = 100;

    public const int MaxNoteLength = 300;

    /// <summary>A notice may be dated up to a day ahead (the area's day may have begun before UTC's).</summary>
    public static readonly TimeSpan NoticeAhead = TimeSpan.FromDays(1);

    /// <summary>The reminders not given yet, with their due times, earliest first (none once the item left custody).</summary>
    public static IReadOnlyList<(int DaysBefore, DateTimeOffset Due)> Pending(CustodyItem item, CustodyPolicy policy) => !item.IsHeld
        ? []
        : policy.ReminderDaysBefore.Where(d => !item.RemindersSent.Contains(d)).Select(d => (d, policy.ReminderDue(item.Deadline, d))).OrderBy(r => r.Item2).ToList();

    /// <summary>
    /// The reminder due now (the nearest to the deadline, if a late look finds several due: one reminder, not two), with
    /// the item marking every reminder due so far as given; null when none is due.
    /// </summary>
    public static (int DaysBefore, CustodyItem Item)? DueReminder(CustodyItem item, DateTimeOffset now, CustodyPolicy policy)
    {
        var due = Pending(item, policy).Where(r => r.Due <= now).ToList();
        if (due.Count == 0)
        {
            return null;
        }

        var sent = item.RemindersSent.Concat(due.Select(r => r.DaysBefore)).Distinct().OrderByDescending(d => d).ToList();
        return (due[^1].DaysBefore, item with { RemindersSent = sent });
    }

    /// <summary>The last reminder given (fewest days before the deadline), or null.</summary>
    public static int? LastReminder(CustodyItem item) => item.RemindersSent.Count == 0 ? null : item.RemindersSent.Min();

    /// <summary>The storage place as kept: trimmed, or null when empty or too long.</summary>
    public static string? CleanStorage(string? storage) =>
        string.IsNullOrWhiteSpace(storage) || storage.Trim().Length > MaxStorageLength ? null : storage.Trim();

    /// <summary>
    /// <paramref name="stationId"/> takes the found item into custody, or (already holding it) changes where it is kept or
    /// the notice date; a notice date that moves gives back the reminders not due under the new date. The notice is today
    /// unless given.
    /// </summary>
    public static CustodyStep Take(
        CustodyItem? existing, Report report, string reportKey, string stationId, string? storage, DateTimeOffset? noticeAt, DateTimeOffset now,
        CustodyPolicy policy)
    {
        if (report.Kind != ReportKind.FoundItem)
        {
            return CustodyStep.Refused(CustodyRefusal.NotFoundItem);
        }

        if (CleanStorage(storage) is not { } place)
        {
            return CustodyStep.Refused(CustodyRefusal.StorageInvalid);
        }

        var notice = noticeAt ?? existing?.NoticeAt ?? now;
        if (notice > now + NoticeAhead || notice < report.SubmittedAt.AddDays(-1))
        {
            return CustodyStep.Refused(CustodyRefusal.NoticeInvalid);
        }

        if (existing is not null)
        {
            if (!existing.IsHeld)
            {
                return CustodyStep.Refused(CustodyRefusal.Released);
            }

            if (existing.StationId != stationId)
            {
                return CustodyStep.Refused(CustodyRefusal.HeldElsewhere);
            }

            if (existing.Storage == place && existing.NoticeAt == notice)
            {
                return CustodyStep.Unchanged;
            }

            var deadline = policy.DeadlineOf(notice);
            var kept = existing.RemindersSent.Where(d => policy.ReminderDue(deadline, d) <= now).ToList();
            return new CustodyStep(existing with { Storage = place, NoticeAt = notice, Deadline = deadline, RemindersSent = kept });
        }

        report.Details.TryGetValue("category", out var category);
        report.Details.TryGetValue("colour", out var colour);
        return new CustodyStep(new CustodyItem
        {
            AreaId = report.AreaId,
            TrackingCode = report.TrackingCode,
            ReportKey = reportKey,
            StationId = stationId,
            Storage = place,
            NoticeAt = notice,
            Deadline = policy.DeadlineOf(notice),
            TakenAt = now,
            Category = category,
            Colour = colour,
            Summary = report.Description.Length > 80 ? report.Description[..80] + "…" : report.Description,
        });
    }

    /// <summary>The holding station hands the item to the police or disposes of it (saying how); once only.</summary>
    public static CustodyStep Release(CustodyItem item, string stationId, CustodyEnd to, string? note, DateTimeOffset now)
    {
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (to == CustodyEnd.Owner || (to == CustodyEnd.Disposed && text is null) || text is { Length: > MaxNoteLength })
        {
            return CustodyStep.Refused(CustodyRefusal.NoteInvalid);
        }

        if (!item.IsHeld)
        {
            return item.Release!.To == to && item.Release.By == stationId ? CustodyStep.Unchanged : CustodyStep.Refused(CustodyRefusal.Released);
        }

        return item.StationId != stationId
            ? CustodyStep.Refused(CustodyRefusal.NotHolder)
            : new CustodyStep(item with { Release = new CustodyRelease(to, text, stationId, now) });
    }

    /// <summary>The item went to its owner (the hand-over of a confirmed match, by whichever station handed it over); null when it already left.</summary>
    public static CustodyItem? ToOwner(CustodyItem item, string byStationId, DateTimeOffset at) =>
        item.IsHeld ? item with { Release = new CustodyRelease(CustodyEnd.Owner, null, byStationId, at) } : null;

    /// <summary>A custody list: the items held, nearest deadline first; then those released, latest first (at most <paramref name="released"/>).</summary>
    public static IReadOnlyList<CustodyItem> Order(IEnumerable<CustodyItem> items, int released = 50)
    {
        var all = items.ToList();
        return all.Where(i => i.IsHeld).OrderBy(i => i.Deadline).ThenBy(i => i.TrackingCode, StringComparer.Ordinal)
            .Concat(all.Where(i => !i.IsHeld).OrderByDescending(i => i.Release!.At).Take(released))
            .ToList();
    }
}

/// <summary>What a report's timeline says of its custody (the storage place never: it stays on the custody record).</summary>
public static class CustodyTimeline
{
    public static string NoteFor(CustodyEnd? end) => end switch
    {
        CustodyEnd.Police => TimelineNotes.CustodyPolice,
        CustodyEnd.Disposed => TimelineNotes.CustodyDisposed,
        _ => TimelineNotes.CustodyTaken,
    };

    /// <summary>The report with one entry for the step (by the station); null when it has it already.</summary>
    public static Report? Noted(Report report, CustodyEnd? end, string stationId, DateTimeOffset now)
    {
        var note = NoteFor(end);
        return report.Timeline.Any(t => t.Note == note)
            ? null
            : report with { UpdatedAt = now, Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, stationId, note)] };
    }
}
