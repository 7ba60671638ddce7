namespace GridAid.Infrastructure.Tables;

/// <summary>
/// The key layout of the <c>inspections</c> table. Partition = area id (an area's inspections and rectifications in one
/// partition, so an inspection and the rectifications it opens and closes are written in one transaction); rows
/// <c>insp|{inspectionId}</c> and <c>rect|{rectificationId}</c> (<c>{inspectionId}.{itemId}</c>). A venue's history is
/// the area's rows filtered by the <c>VenueId</c> column: an area has hundreds of small venues inspected a few times a year.
/// </summary>
public static class InspectionKeys
{
    private const string InspectionPrefix = "insp|";
    private const string RectificationPrefix = "rect|";

    public static string Inspection(string id) => InspectionPrefix + id;

    public static string Rectification(string id) => RectificationPrefix + id;

    /// <summary>The row-key range of an area's inspections: <c>insp|</c> up to, not including, <c>insp}</c>.</summary>
    public static (string From, string To) InspectionRange => (InspectionPrefix, "insp}");

    /// <summary>The row-key range of an area's rectifications.</summary>
    public static (string From, string To) RectificationRange => (RectificationPrefix, "rect}");

    /// <summary>The <c>Type</c> column of each kind of row.</summary>
    public static class Types
    {
        public const string Inspection = "inspection";
        public const string Rectification = "rectification";
    }
}
