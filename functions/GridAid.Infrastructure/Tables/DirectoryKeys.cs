namespace GridAid.Infrastructure.Tables;

/// <summary>
/// The key layout of the <c>directory</c> table. Partition = area id; rows <c>area</c>, <c>station|{id}</c>,
/// <c>cell|{id}</c>, <c>point|{code}</c>, <c>access|{principal}</c>,
/// <c>venue|{id}</c> (a small venue that is inspected), <c>checklist|{venueType}</c> (a checklist the admin changed). A second partition, <c>~points</c>, maps every
/// point code (lower case) to its area, so a scanned code finds its area in one read.
/// </summary>
public static class DirectoryKeys
{
    public const string PointIndexPartition = "~points";

    public const string AreaRow = "area";

    private const string StationPrefix = "station|";
    private const string CellPrefix = "cell|";
    private const string PointPrefix = "point|";
    private const string AccessPrefix = "access|";
    private const string VenuePrefix = "venue|";
    private const string ChecklistPrefix = "checklist|";

    public static string Station(string id) => StationPrefix + id;

    public static string Cell(string id) => CellPrefix + id;

    public static string Point(string code) => PointPrefix + code;

    public static string Access(string principal) => AccessPrefix + principal;

    public static string Venue(string id) => VenuePrefix + id;

    public static string Checklist(string venueType) => ChecklistPrefix + venueType;

    public static string PointIndex(string code) => code.ToLowerInvariant();

    /// <summary>The row-key range of an area's grid cells: <c>cell|</c> up to, not including, the next prefix (<c>|</c> + 1).</summary>
    public static (string From, string To) CellRange => (CellPrefix, "cell}");

    /// <summary>The <c>Type</c> column of each kind of row.</summary>
    public static class Types
    {
        public const string Area = "area";
        public const string Station = "station";
        public const string Cell = "cell";
        public const string Point = "point";
        public const string Access = "access";
        public const string PointIndex = "point-index";
        public const string Venue = "venue";
        public const string Checklist = "checklist";
    }
}
