using GridAid.Core.Reports;

namespace GridAid.Core.Matching;

/// <summary>
/// Which report kinds a station may bring together, and which side of a pair is the one sought: its reporter collects,
/// its status page says where, and its private detail decides a claim. One row per pair; a new pair (a found person and
/// a lost one) is one more row, and the confirm, claim and hand-over routes take it as they are.
/// </summary>
public static class MatchPairing
{
    /// <summary>The pairs: what someone lost (sought) and what someone found.</summary>
    public static readonly IReadOnlyList<(ReportKind Sought, ReportKind Found)> Pairs =
    [
        (ReportKind.LostItem, ReportKind.FoundItem),
        (ReportKind.LostPerson, ReportKind.FoundPerson),
    ];

    /// <summary>The private detail of a sought report that a claimant must know, by kind (none: identity alone decides).</summary>
    public static readonly IReadOnlyDictionary<ReportKind, string> SecretFields = new Dictionary<ReportKind, string>
    {
        [ReportKind.LostItem] = "secret",
    };

    /// <summary>
    /// True when the sought report is a lost person with a one-time hand-over code: the police post must have typed the
    /// parent's code (and it matched) before the hand-over, as the owner's hidden detail decides an item's claim.
    /// </summary>
    public static bool NeedsHandoverCode(Report sought) => sought.Kind == ReportKind.LostPerson && sought.HandoverHash is not null;

    /// <summary>A person pair is confirmed and handed over by a police post (or the admin) only, as a lost person is resolved.</summary>
    public static bool PolicePostOnly(ReportKind kind) => kind.IsPerson();

    /// <summary>True when a report of <paramref name="a"/> and one of <paramref name="b"/> may be confirmed as one case.</summary>
    public static bool Fit(ReportKind a, ReportKind b) => Pairs.Any(p => (p.Sought == a && p.Found == b) || (p.Sought == b && p.Found == a));

    /// <summary>True when reports of <paramref name="kind"/> can be part of a confirmed pair at all.</summary>
    public static bool CanPair(ReportKind kind) => Pairs.Any(p => p.Sought == kind || p.Found == kind);

    /// <summary>True for the side whose reporter collects (a lost item).</summary>
    public static bool IsSought(ReportKind kind) => Pairs.Any(p => p.Sought == kind);

    /// <summary>The pair as (sought, found); call it with two reports that <see cref="Fit"/>.</summary>
    public static (T Sought, T Found) Order<T>(T one, ReportKind oneKind, T other) => IsSought(oneKind) ? (one, other) : (other, one);

    /// <summary>The hidden detail the owner gave, if the kind has one and it is not empty (nor redacted).</summary>
    public static string? SecretOf(Report sought) =>
        SecretFields.TryGetValue(sought.Kind, out var field) && sought.Details.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
