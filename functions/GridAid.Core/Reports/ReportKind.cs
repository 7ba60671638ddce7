namespace GridAid.Core.Reports;

/// <summary>What the tourist reports. Serialized in snake_case: <c>lost_item</c>, <c>lost_person</c>, …</summary>
public enum ReportKind
{
    LostItem,
    FoundItem,
    LostPerson,
    Help,
    Hazard,
    Tip,

    /// <summary>A person found alone (a child crying by the path): goes to the cell's police post and is matched against the lost persons.</summary>
    FoundPerson,
}

public static class ReportKinds
{
    public static readonly IReadOnlyList<ReportKind> All = Enum.GetValues<ReportKind>();

    /// <summary>Kinds where a life may be at stake: routed wide, and escalated when nobody answers.</summary>
    public static bool IsUrgent(this ReportKind kind) => kind is ReportKind.LostPerson or ReportKind.Hazard or ReportKind.FoundPerson;

    /// <summary>A person missing or found: matched against each other, resolved only by a police post or the admin, urgent lane.</summary>
    public static bool IsPerson(this ReportKind kind) => kind is ReportKind.LostPerson or ReportKind.FoundPerson;

    public static string ToWire(this ReportKind kind) => WireNames.ToSnakeCase(kind.ToString());

    public static bool TryParse(string? value, out ReportKind kind) => WireNames.TryParse(value, out kind);
}
