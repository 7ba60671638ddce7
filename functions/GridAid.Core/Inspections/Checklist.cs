using GridAid.Core.Directory;
using GridAid.Core.Text;

namespace GridAid.Core.Inspections;

/// <summary>How serious a failed item is: it sets the rectification's deadline (<see cref="RectificationPolicy"/>).</summary>
public enum Severity
{
    Minor,
    Major,
    Critical,
}

/// <summary>One thing to check, in both languages.</summary>
public sealed record ChecklistItem(string Id, LocalizedText Text, Severity Severity);

/// <summary>What is checked at a venue of one type: data, edited by the area's admin; <see cref="DefaultChecklists"/> until then.</summary>
public sealed record Checklist(VenueType Type, IReadOnlyList<ChecklistItem> Items);

/// <summary>
/// The checklists an area starts with: the fire-safety points every small venue is checked for (extinguishers, exits,
/// wiring, emergency lighting, nobody living in the premises), plus those of its kind (gas in kitchens, evacuation plans
/// in hotel rooms, flammables in workshops, capacity in crowded rooms).
/// </summary>
public static class DefaultChecklists
{
    /// <summary>A default item: its text in every language from the language files (<c>checklist.{id}</c>).</summary>
    private static ChecklistItem I(string id, Severity severity) => new(id, Texts.Of("checklist." + id), severity);

    private static readonly ChecklistItem Extinguishers = I("extinguishers", Severity.Major);
    private static readonly ChecklistItem Exits = I("exits", Severity.Critical);
    private static readonly ChecklistItem Wiring = I("wiring", Severity.Major);
    private static readonly ChecklistItem Lighting = I("lighting", Severity.Minor);
    private static readonly ChecklistItem NoSleeping = I("no-sleeping", Severity.Critical);
    private static readonly ChecklistItem Gas = I("gas", Severity.Critical);
    private static readonly ChecklistItem Flue = I("flue", Severity.Minor);
    private static readonly ChecklistItem EvacuationPlan = I("evacuation-plan", Severity.Minor);
    private static readonly ChecklistItem Capacity = I("capacity", Severity.Major);
    private static readonly ChecklistItem Flammables = I("flammables", Severity.Critical);

    public static Checklist For(VenueType type) => new(type, type switch
    {
        VenueType.SmallRestaurant => [Extinguishers, Exits, Wiring, Gas, Flue, NoSleeping],
        VenueType.SmallHotel => [Extinguishers, Exits, Wiring, Lighting, EvacuationPlan],
        VenueType.SmallSchool or VenueType.SmallClinic => [Extinguishers, Exits, Wiring, Lighting, EvacuationPlan],
        VenueType.SmallEntertainment or VenueType.SmallInternetCafe => [Extinguishers, Exits, Wiring, Lighting, Capacity, NoSleeping],
        VenueType.SmallWorkshop => [Extinguishers, Exits, Wiring, Flammables, NoSleeping],
        _ => [Extinguishers, Exits, Wiring, Lighting, NoSleeping],
    });
}
