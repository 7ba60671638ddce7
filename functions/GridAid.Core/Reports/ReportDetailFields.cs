namespace GridAid.Core.Reports;

/// <summary>
/// How one kind-specific field is checked, and who reads it. No detail is ever public (the status page, events and outside
/// channels carry none); <see cref="Private"/> ones are also kept from the stations (the owner's secret detail decides a
/// claim); <see cref="Personal"/> ones reach the alerted stations but no one else (a missing child's name: police and
/// grid members call the child by it and check a found child against it).
/// </summary>
public sealed record DetailField(
    string Name,
    bool Required = false,
    int MaxLength = 200,
    IReadOnlyList<string>? Choices = null,
    (int Min, int Max)? Range = null,
    bool Private = false,
    bool Personal = false);

/// <summary>The kind-specific fields each report kind accepts. Private fields are never shown outside the report's owner and admins; personal ones reach the alerted stations too.</summary>
public static class ReportDetailFields
{
    public static readonly IReadOnlyList<string> ItemCategories =
        ["bag", "phone", "wallet", "id_card", "camera", "keys", "clothing", "other"];

    public static readonly IReadOnlyList<string> HazardTypes =
        ["fire", "fall_risk", "crowd_crush", "damaged_path", "animal", "other"];

    /// <summary>The age bands a finder picks from (a found child's age is a guess): 0–2, 3–6, 7–12, 13–17, 18–59, 60 and over.</summary>
    public static readonly IReadOnlyList<string> AgeBands = ["0_2", "3_6", "7_12", "13_17", "18_59", "60_plus"];

    public static readonly IReadOnlyList<string> Sexes = ["male", "female", "unknown"];

    public static readonly IReadOnlyDictionary<ReportKind, IReadOnlyList<DetailField>> ByKind =
        new Dictionary<ReportKind, IReadOnlyList<DetailField>>
        {
            [ReportKind.LostItem] =
            [
                new("category", Required: true, Choices: ItemCategories),
                new("colour", MaxLength: 50),
                new("brand", MaxLength: 100),
                new("lastSeenAt", MaxLength: 50),
                new("lastSeenPlace", MaxLength: 200),
                new("secret", MaxLength: 200, Private: true),
            ],
            [ReportKind.FoundItem] =
            [
                new("category", Required: true, Choices: ItemCategories),
                new("colour", MaxLength: 50),
                new("foundPlace", MaxLength: 200),
                new("whereNow", Choices: ["with_reporter", "handed_to_shop", "handed_to_station"]),
            ],
            [ReportKind.LostPerson] =
            [
                new("relationship", MaxLength: 50),
                new("personName", MaxLength: 50, Personal: true),
                new("age", Required: true, Range: (0, 120)),
                new("sex", Choices: Sexes),
                new("height", Range: (30, 250)),
                new("clothing", Required: true, MaxLength: 300),
                new("shoes", MaxLength: 200),
                new("lastSeenAt", MaxLength: 50),
                new("lastSeenPlace", MaxLength: 200),
            ],
            [ReportKind.FoundPerson] =
            [
                new("ageBand", Required: true, Choices: AgeBands),
                new("sex", Choices: Sexes),
                new("clothing", Required: true, MaxLength: 300),
                new("foundPlace", MaxLength: 200),
                new("whereNow", Required: true, Choices: ["with_reporter", "at_station"]),
            ],
            [ReportKind.Help] = [],
            [ReportKind.Hazard] =
            [
                new("hazardType", Required: true, Choices: HazardTypes),
                new("severity", Choices: ["low", "medium", "high"]),
            ],
            [ReportKind.Tip] = [],
        };

    public static bool IsPrivate(ReportKind kind, string field) =>
        ByKind[kind].Any(f => f.Private && string.Equals(f.Name, field, StringComparison.Ordinal));
}
