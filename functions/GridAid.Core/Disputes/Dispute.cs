namespace GridAid.Core.Disputes;

/// <summary>Who is at odds (矛盾纠纷的类型).</summary>
public enum DisputeType
{
    TouristMerchant,
    Merchants,
    Neighbours,
    Labour,
    Other,
}

public enum DisputeSeverity
{
    Low,
    Medium,
    High,
}

/// <summary>How the police post closed a warning.</summary>
public enum DisputeOutcome
{
    Mediated,
    Referred,
    NoAction,
}

/// <summary>
/// An early warning of a dispute (矛盾纠纷苗头) a station files for the police to mediate: where, what kind, how serious,
/// the parties described (never by identity number) and what happened; routed to the police posts of the cell
/// (<see cref="RoutedTo"/>), closed with an outcome and its date. Confidential: only the filing station, the posts it
/// was routed to and the area's admin see it (<see cref="DisputeRules.Sees"/>).
/// </summary>
public sealed record Dispute(
    string AreaId,
    string Id,
    string FiledBy,
    DateTimeOffset FiledAt,
    string CellId,
    string? PointCode,
    DisputeType Type,
    DisputeSeverity Severity,
    string Parties,
    string WhatHappened,
    IReadOnlyList<string> RoutedTo,
    DisputeOutcome? Outcome = null,
    DateOnly? OutcomeOn = null,
    string? OutcomeNote = null,
    string? OutcomeBy = null,
    DateTimeOffset? OutcomeAt = null);
