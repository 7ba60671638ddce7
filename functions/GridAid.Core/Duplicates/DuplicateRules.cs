using GridAid.Core.Alerts;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Duplicates;

/// <summary>An earlier report a new one may repeat, as the stations see it on the new report's alerts.</summary>
public sealed record DuplicateRef(string TrackingCode, string? PointCode, string? PointName, DateTimeOffset SubmittedAt);

/// <summary>Why a merge is refused.</summary>
public enum MergeRefusal
{
    /// <summary>No such report in the area, or the caller is neither a station either report reached nor the admin.</summary>
    NotFound,

    /// <summary>A report cannot be merged into itself, nor into a report merged into it.</summary>
    SameReport,
    DifferentKind,

    /// <summary>A lost or found person keeps its own report: its hand-over code belongs to that report.</summary>
    Person,

    /// <summary>The duplicate is already merged into another report.</summary>
    MergedElsewhere,
}

/// <summary>
/// Possible duplicates and merging: a report of the same kind at the same point or a neighbouring one (the same grid
/// cell, or a neighbour cell of the directory) submitted up to <see cref="Window"/> before a new one is shown to the
/// new one's stations as a possible duplicate. A station that has either report (or the admin) merges the duplicate
/// into the original: both tracking codes keep working and lead to the original's status.
/// </summary>
public static class DuplicateRules
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>How many possible duplicates an alert names.</summary>
    public const int MaxShown = 5;

    /// <summary>The timeline note on the duplicate (<c>merged_into:{code}</c>) and on the original (<c>merged_from:{code}</c>).</summary>
    public const string MergedInto = "merged_into:";
    public const string MergedFrom = "merged_from:";

    /// <summary>Whether two points are the same, in the same grid cell, or in neighbouring cells (either cell naming the other).</summary>
    public static bool IsNear(string? a, string? b, AreaDirectory area)
    {
        if (a is null || b is null)
        {
            return false;
        }

        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (area.FindPoint(a) is not { } pa || area.FindPoint(b) is not { } pb)
        {
            return false;
        }

        return pa.GridCellId == pb.GridCellId
            || area.FindCell(pa.GridCellId)?.NeighbourCellIds.Contains(pb.GridCellId, StringComparer.Ordinal) == true
            || area.FindCell(pb.GridCellId)?.NeighbourCellIds.Contains(pa.GridCellId, StringComparer.Ordinal) == true;
    }

    /// <summary>Whether <paramref name="earlier"/> is within the window before <paramref name="report"/> (inclusive of the window's end, not after the report).</summary>
    public static bool InWindow(DateTimeOffset earlier, DateTimeOffset report) => earlier <= report && report - earlier <= Window;

    /// <summary>
    /// The earlier reports <paramref name="report"/> may repeat, oldest first (the first is the likely original): same
    /// area and kind, near, in the window, not merged into another already. At most <see cref="MaxShown"/>.
    /// </summary>
    public static IReadOnlyList<DuplicateRef> Candidates(Report report, IEnumerable<Report> recent, AreaDirectory area) =>
        [.. recent
            .Where(r => r.TrackingCode != report.TrackingCode && r.AreaId == report.AreaId && r.Kind == report.Kind && r.MergedInto is null
                && InWindow(r.SubmittedAt, report.SubmittedAt) && IsNear(r.PointCode, report.PointCode, area))
            .OrderBy(r => r.SubmittedAt)
            .ThenBy(r => r.TrackingCode, StringComparer.Ordinal)
            .Take(MaxShown)
            .Select(r => new DuplicateRef(r.TrackingCode, r.PointCode, r.PointCode is { } p ? area.FindPoint(p)?.Name.ToString() : null, r.SubmittedAt))];

    /// <summary>
    /// Whether <paramref name="by"/> may merge <paramref name="duplicate"/> into <paramref name="original"/>; null when it
    /// may (or it is already done: <see cref="IsDone"/>). A station must have either report; the admin may merge any two of the area.
    /// </summary>
    public static MergeRefusal? Check(Report duplicate, Report original, string by, bool isAdmin)
    {
        if (duplicate.AreaId != original.AreaId)
        {
            return MergeRefusal.NotFound;
        }

        if (!isAdmin && !duplicate.StationIds.Contains(by, StringComparer.Ordinal) && !original.StationIds.Contains(by, StringComparer.Ordinal))
        {
            return MergeRefusal.NotFound;
        }

        if (IsDone(duplicate, original))
        {
            return null;
        }

        if (duplicate.TrackingCode == original.TrackingCode || original.MergedInto == duplicate.TrackingCode)
        {
            return MergeRefusal.SameReport;
        }

        if (duplicate.Kind != original.Kind)
        {
            return MergeRefusal.DifferentKind;
        }

        if (duplicate.Kind.IsPerson())
        {
            return MergeRefusal.Person;
        }

        return duplicate.MergedInto is not null ? MergeRefusal.MergedElsewhere : null;
    }

    /// <summary>The merge is already recorded on both (a repeat is a no-op).</summary>
    public static bool IsDone(Report duplicate, Report original) =>
        duplicate.MergedInto == original.TrackingCode && original.Merged.Contains(duplicate.TrackingCode, StringComparer.Ordinal);

    /// <summary>The duplicate, merged: it points at the original, is resolved (its stations stand down) and says so. Null when already merged into it.</summary>
    public static Report? MergeDuplicate(Report duplicate, string originalCode, string by, DateTimeOffset now) =>
        duplicate.MergedInto == originalCode
            ? null
            : duplicate with
            {
                MergedInto = originalCode,
                Status = duplicate.Status >= ReportStatus.Resolved ? duplicate.Status : ReportStatus.Resolved,
                UpdatedAt = now,
                Timeline = [.. duplicate.Timeline, new TimelineEntry(now, duplicate.Status >= ReportStatus.Resolved ? duplicate.Status : ReportStatus.Resolved, by == SharedSearch.Admin ? null : by, MergedInto + originalCode)],
            };

    /// <summary>The original, with the duplicate listed and a timeline entry. Null when it lists it already.</summary>
    public static Report? MergeOriginal(Report original, string duplicateCode, string by, DateTimeOffset now) =>
        original.Merged.Contains(duplicateCode, StringComparer.Ordinal)
            ? null
            : original with
            {
                Merged = [.. original.Merged, duplicateCode],
                UpdatedAt = now,
                Timeline = [.. original.Timeline, new TimelineEntry(now, original.Status, by == SharedSearch.Admin ? null : by, MergedFrom + duplicateCode)],
            };
}
