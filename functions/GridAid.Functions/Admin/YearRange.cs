using System.Globalization;

namespace GridAid.Functions.Admin;

/// <summary>A calendar year in the area's local time, as the admin endpoints take it (<c>?year=2026</c>).</summary>
public sealed record YearRange(int Year, DateTimeOffset From, DateTimeOffset To)
{
    public static YearRange Of(int year, TimeSpan utcOffset) =>
        new(year, new DateTimeOffset(year, 1, 1, 0, 0, 0, utcOffset), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, utcOffset));

    /// <summary>The year a query names, or null when it names none (or nonsense).</summary>
    public static YearRange? Parse(string? value, TimeSpan utcOffset) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9998 ? Of(year, utcOffset) : null;
}
