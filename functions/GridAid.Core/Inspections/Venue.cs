using GridAid.Core.Directory;
using GridAid.Core.Text;

namespace GridAid.Core.Inspections;

/// <summary>
/// The nine kinds of small venue (九小场所) that fire-safety checks cover: 小学校或幼儿园, 小医院, 小商店, 小餐饮场所,
/// 小旅馆, 小歌舞娱乐场所, 小网吧, 小美容洗浴场所, 小生产加工企业 (the usual list, e.g. http://www.yihost.net/show/40888.html;
/// docs/inspections.md).
/// </summary>
public enum VenueType
{
    SmallSchool,
    SmallClinic,
    SmallShop,
    SmallRestaurant,
    SmallHotel,
    SmallEntertainment,
    SmallInternetCafe,
    SmallBeautyBath,
    SmallWorkshop,
}

/// <summary>
/// A small venue of the directory a grid member or police post inspects: its name in both languages, its kind, the grid
/// cell it is in, the station responsible for inspecting it, and whom to call there.
/// </summary>
public sealed record Venue(
    string AreaId,
    string Id,
    LocalizedText Name,
    VenueType Type,
    string GridCellId,
    string StationId,
    string? Contact = null);

/// <summary>The venue types' wire names (snake_case, as JSON writes them) and their names (from the language files).</summary>
public static class VenueTypes
{
    private static readonly (VenueType Type, string Wire)[] All =
    [
        (VenueType.SmallSchool, "small_school"),
        (VenueType.SmallClinic, "small_clinic"),
        (VenueType.SmallShop, "small_shop"),
        (VenueType.SmallRestaurant, "small_restaurant"),
        (VenueType.SmallHotel, "small_hotel"),
        (VenueType.SmallEntertainment, "small_entertainment"),
        (VenueType.SmallInternetCafe, "small_internet_cafe"),
        (VenueType.SmallBeautyBath, "small_beauty_bath"),
        (VenueType.SmallWorkshop, "small_workshop"),
    ];

    public static IReadOnlyList<string> WireNames { get; } = [.. All.Select(t => t.Wire)];

    public static VenueType? Parse(string? wire) =>
        All.FirstOrDefault(t => t.Wire == wire?.Trim()) is { Wire: not null } hit ? hit.Type : null;

    public static string Wire(VenueType type) => All.First(t => t.Type == type).Wire;

    /// <summary>The type's name in every language, from the language files (<c>venue.{wire}</c>).</summary>
    public static LocalizedText NameOf(VenueType type) => Texts.Of("venue." + Wire(type));
}
