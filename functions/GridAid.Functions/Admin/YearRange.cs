namespace GridAid.Functions.Admin;

/// <summary>A calendar year in the area's local time, as the admin endpoints take it (<c>?year=2026</c>).</summary>
public sealed record YearRange(int Year, DateTimeOffset From, DateTimeOffset To)
{
    public static YearRange Of(int year, TimeSpan utcOffset) =>
        new(year, new DateTimeOffset(year, 1, 1, 0, 0, 0, utcOffset), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, utcOffset));
}
