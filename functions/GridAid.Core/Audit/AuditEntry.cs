namespace GridAid.Core.Audit;

/// <summary>
/// One admin action, as the audit keeps it: who (the principal), what (the function and the ids in its route) and when,
/// with the answer's status. Never the personal data itself: no bodies, no query text, no contact data.
/// </summary>
public sealed record AuditEntry(
    string AreaId,
    DateTimeOffset At,
    string Principal,
    string Action,
    IReadOnlyDictionary<string, string> Target,
    int Status);
