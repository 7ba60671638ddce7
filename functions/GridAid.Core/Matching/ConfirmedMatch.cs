using GridAid.Core.Reports;

namespace GridAid.Core.Matching;

/// <summary>The report a station confirmed as this one's partner, and where the sought side's reporter collects.</summary>
/// <param name="With">The partner's tracking code.</param>
/// <param name="StationId">The station that confirmed the match.</param>
/// <param name="At">When it was confirmed.</param>
/// <param name="Where">Where the owner collects (the station's words; its name by default).</param>
public sealed record ReportMatch(string With, string StationId, DateTimeOffset At, LocalizedNote Where);

/// <summary>
/// Who took the item and where: the claimant's name, the last 4 digits of their phone, the station and the time, nothing
/// more. Personal data: <see cref="Redaction"/> clears it.
/// </summary>
public sealed record HandoverRecord(string ClaimantName, string PhoneLast4, string StationId, DateTimeOffset At);

/// <summary>Why a confirm, a claim check or a hand-over was refused.</summary>
public enum MatchRefusal
{
    /// <summary>The kinds do not pair (<see cref="MatchPairing"/>): a lost item goes with a found item.</summary>
    KindsDoNotPair,

    /// <summary>A report of the pair is resolved or closed.</summary>
    Closed,

    /// <summary>A report cannot be matched with itself.</summary>
    SameReport,

    /// <summary>One of the two is already matched with a third report.</summary>
    MatchedElsewhere,

    /// <summary>The report has no confirmed partner yet.</summary>
    NotMatched,

    /// <summary>The owner left a hidden detail and the last claim check did not match it.</summary>
    ClaimNotChecked,

    /// <summary>A lost person's one-time hand-over code has not been typed, or the last one typed did not match.</summary>
    HandoverCodeNotChecked,

    /// <summary>Only a police post confirms or hands over a person.</summary>
    PolicePostOnly,

    /// <summary>Too many wrong claims in a row: the admin decides now.</summary>
    TooManyWrongClaims,
}

/// <summary>
/// Bringing a sought report and a found one together (<see cref="MatchPairing"/>): confirming the pair, checking a claim
/// against the owner's hidden detail, and the hand-over that resolves both. Each step returns the report as it changes,
/// or null when the step is already taken, so a retry writes nothing new.
/// </summary>
public static class ConfirmedMatch
{
    /// <summary>Wrong claims in a row after which checks stop (the admin can still reveal the detail, audited).</summary>
    public const int MaxWrongClaims = 5;

    /// <summary>The longest claimant name kept.</summary>
    public const int MaxNameLength = 50;

    /// <summary>Why <paramref name="self"/> and <paramref name="other"/> cannot be confirmed as a pair now; null when they can (or already are).</summary>
    public static MatchRefusal? CheckConfirm(Report self, Report other)
    {
        if (string.Equals(self.TrackingCode, other.TrackingCode, StringComparison.Ordinal))
        {
            return MatchRefusal.SameReport;
        }

        if (!MatchPairing.Fit(self.Kind, other.Kind))
        {
            return MatchRefusal.KindsDoNotPair;
        }

        if (IsPairedWith(self, other.TrackingCode) && IsPairedWith(other, self.TrackingCode))
        {
            return null;
        }

        if (self.Status >= ReportStatus.Resolved || other.Status >= ReportStatus.Resolved)
        {
            return MatchRefusal.Closed;
        }

        return PairedElsewhere(self, other.TrackingCode) || PairedElsewhere(other, self.TrackingCode) ? MatchRefusal.MatchedElsewhere : null;
    }

    /// <summary>
    /// <paramref name="report"/> linked to <paramref name="otherCode"/>, with a "matched" entry by the station; null when
    /// it already is. Throws <see cref="MatchRefusedException"/> when it became closed or matched elsewhere meanwhile.
    /// </summary>
    public static Report? Link(Report report, string otherCode, string stationId, LocalizedNote where, DateTimeOffset now)
    {
        if (IsPairedWith(report, otherCode))
        {
            return null;
        }

        if (report.Status >= ReportStatus.Resolved)
        {
            throw new MatchRefusedException(MatchRefusal.Closed);
        }

        if (report.Match is not null)
        {
            throw new MatchRefusedException(MatchRefusal.MatchedElsewhere);
        }

        return report with
        {
            Match = new ReportMatch(otherCode, stationId, now, where),
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, stationId, TimelineNotes.MatchedWith + otherCode)],
        };
    }

    /// <summary>Takes back a link this confirm wrote when its partner refused (a race with another confirm); null when there is none.</summary>
    public static Report? Unlink(Report report, string otherCode, DateTimeOffset at) =>
        report.Match is { } m && m.With == otherCode && m.At == at && report.Handover is null
            ? report with
            {
                Match = null,
                Timeline = [.. report.Timeline.Where(t => !(t.At == at && t.Note == TimelineNotes.MatchedWith + otherCode))],
            }
            : null;

    /// <summary>The claim check recorded (match or not, never the text); every check is a step of its own.</summary>
    public static Report ClaimChecked(Report report, bool match, string stationId, DateTimeOffset now) => report with
    {
        UpdatedAt = now,
        Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, stationId, match ? TimelineNotes.ClaimMatched : TimelineNotes.ClaimNotMatched)],
    };

    /// <summary>Wrong claims since the last right one.</summary>
    public static int WrongClaimsInARow(Report sought) =>
        sought.Timeline.Reverse().TakeWhile(t => t.Note != TimelineNotes.ClaimMatched).Count(t => t.Note == TimelineNotes.ClaimNotMatched);

    /// <summary>
    /// True when the owner left no hidden detail, or the last claim check matched it; for a lost person with a hand-over
    /// code, when the last code the police post typed matched.
    /// </summary>
    public static bool ClaimSettled(Report sought) =>
        MatchPairing.NeedsHandoverCode(sought)
            ? sought.Timeline.LastOrDefault(t => t.Note is TimelineNotes.HandoverMatched or TimelineNotes.HandoverRefused)?.Note == TimelineNotes.HandoverMatched
            : MatchPairing.SecretOf(sought) is null
              || sought.Timeline.LastOrDefault(t => t.Note is TimelineNotes.ClaimMatched or TimelineNotes.ClaimNotMatched)?.Note == TimelineNotes.ClaimMatched;

    /// <summary>Why the hand-over is not settled: the code of a lost person, else the owner's hidden detail.</summary>
    private static MatchRefusal Unsettled(Report sought) =>
        MatchPairing.NeedsHandoverCode(sought) ? MatchRefusal.HandoverCodeNotChecked : MatchRefusal.ClaimNotChecked;

    /// <summary>
    /// Why the pair cannot be handed over now; null when it can, or when it already was (then the hand-over is repeated
    /// harmlessly).
    /// </summary>
    public static MatchRefusal? CheckHandover(Report sought, Report found)
    {
        if (sought.Handover is not null)
        {
            return null;
        }

        if (!IsPairedWith(sought, found.TrackingCode) || !IsPairedWith(found, sought.TrackingCode))
        {
            return MatchRefusal.NotMatched;
        }

        if (sought.Status >= ReportStatus.Resolved || found.Status >= ReportStatus.Resolved)
        {
            return MatchRefusal.Closed;
        }

        return ClaimSettled(sought) ? null : Unsettled(sought);
    }

    /// <summary>
    /// The report resolved by the hand-over at <paramref name="stationId"/> (which may hold only the partner: every station
    /// of this report stands down for it); <paramref name="record"/> goes on the sought side only. Null when already done.
    /// </summary>
    public static Report? HandedOver(Report report, HandoverRecord? record, string stationId, DateTimeOffset now)
    {
        if (report.Timeline.Any(t => t.Note == TimelineNotes.HandedOver))
        {
            return null;
        }

        if (report.Status >= ReportStatus.Resolved)
        {
            throw new MatchRefusedException(MatchRefusal.Closed);
        }

        if (record is not null && !ClaimSettled(report))
        {
            throw new MatchRefusedException(Unsettled(report));
        }

        return report with
        {
            Status = ReportStatus.Resolved,
            Handover = record ?? report.Handover,
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, ReportStatus.Resolved, stationId, TimelineNotes.HandedOver)],
        };
    }

    /// <summary>
    /// The claimant as kept: the name trimmed (1 to <see cref="MaxNameLength"/> characters), exactly 4 digits of the phone
    /// (full-width digits accepted); null when either is not that.
    /// </summary>
    public static (string Name, string Last4)? Claimant(string? name, string? phoneLast4)
    {
        var n = name?.Trim();
        var p = phoneLast4?.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        return n is { Length: > 0 and <= MaxNameLength } && p is { Length: 4 } && p.All(char.IsAsciiDigit) ? (n, p) : null;
    }

    private static bool IsPairedWith(Report report, string otherCode) => report.Match?.With == otherCode;

    private static bool PairedElsewhere(Report report, string otherCode) => report.Match is { } m && m.With != otherCode;
}

/// <summary>A step refused by a rule of <see cref="ConfirmedMatch"/> while its conditional write re-read the report.</summary>
public sealed class MatchRefusedException(MatchRefusal refusal) : Exception(refusal.ToString())
{
    public MatchRefusal Refusal { get; } = refusal;
}

/// <summary>
/// What every station holding either report of a confirmed pair sees on its alert: the partner's code, where the owner
/// collects, and whether a claim must be checked against a hidden detail first (never the detail itself).
/// </summary>
public sealed record AlertMatch(string With, LocalizedNote Where, bool ClaimNeeded);
