using GridAid.Core.Directory;

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
    private static ChecklistItem I(string id, string zh, string en, Severity severity) => new(id, new LocalizedText(zh, en), severity);

    private static readonly ChecklistItem Extinguishers = I("extinguishers", "灭火器配置齐全且在有效期内", "Fire extinguishers present and in date", Severity.Major);
    private static readonly ChecklistItem Exits = I("exits", "安全出口、疏散通道畅通，未锁闭、未堵塞", "Exits and corridors clear, not locked or blocked", Severity.Critical);
    private static readonly ChecklistItem Wiring = I("wiring", "无超负荷用电、私拉乱接电线", "No overloaded wiring or private cabling", Severity.Major);
    private static readonly ChecklistItem Lighting = I("lighting", "应急照明和疏散指示标志完好", "Emergency lights and exit signs work", Severity.Minor);
    private static readonly ChecklistItem NoSleeping = I("no-sleeping", "经营场所内无人员住宿", "No one sleeping in the shop", Severity.Critical);
    private static readonly ChecklistItem Gas = I("gas", "燃气设备和软管安全，无老化、泄漏", "Gas equipment and hoses safe, not aged or leaking", Severity.Critical);
    private static readonly ChecklistItem Flue = I("flue", "厨房排油烟管道定期清洗", "Kitchen flue cleaned regularly", Severity.Minor);
    private static readonly ChecklistItem EvacuationPlan = I("evacuation-plan", "客房内张贴疏散示意图", "Evacuation plan posted in every room", Severity.Minor);
    private static readonly ChecklistItem Capacity = I("capacity", "营业期间不超员", "Not over capacity while open", Severity.Major);
    private static readonly ChecklistItem Flammables = I("flammables", "易燃易爆物品单独存放、数量受控", "Flammables stored apart and in small amounts", Severity.Critical);

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
