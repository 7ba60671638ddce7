using GridAid.Core.Matching;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Matching;

/// <summary>A candidate as a station sees it: the score and reasons, and what it says (never contact data or the owner's secret).</summary>
public sealed record MatchView(
    string TrackingCode,
    double Score,
    IReadOnlyList<string> Reasons,
    ReportKind Kind,
    string? Category,
    string? Colour,
    string? Brand,
    string? Description,
    string? PointCode,
    string? PointName,
    DateTimeOffset SubmittedAt);

/// <summary>
/// The likeliest partners of a lost- or found-item report among the area's open reports of the other side
/// (<see cref="ItemMatcher"/>), for a station that holds an alert for it, or the area's admin. Reads the reports of the
/// last <see cref="Window"/> as one row-key range of the area's partition; a report older than that has been closed by
/// then (unattended reports close after 30 days).
/// </summary>
public sealed class ItemMatches(ReportStore reports, AlertStore alerts, DirectoryCache directory, TimeProvider clock)
{
    /// <summary>How far back open candidates are looked for.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(31);

    /// <summary>Null when the caller may not see the report: another area's, not an item, or not alerted to this station.</summary>
    public async Task<IReadOnlyList<MatchView>?> ForAsync(Caller caller, string stationId, string trackingCode, CancellationToken ct)
    {
        if (TrackingCode.Normalize(trackingCode) is not { } code
            || await reports.FindByCodeAsync(code, ct) is not { } stored
            || stored.Report.AreaId != caller.AreaId
            || stored.Report.Kind is not (ReportKind.LostItem or ReportKind.FoundItem)
            || await alerts.GetAsync(caller.AreaId, stationId, stored.Key, ct) is null)
        {
            return null;
        }

        var open = await OpenAsync(reports, caller.AreaId, clock.GetUtcNow(), k => k is ReportKind.LostItem or ReportKind.FoundItem, ct);

        var area = await directory.GetAsync(caller.AreaId, ct);
        var byCode = open.ToDictionary(r => r.TrackingCode, StringComparer.Ordinal);
        return ItemMatcher.Rank(RecordOf(stored.Report), open.Select(RecordOf), area)
            .Select(m =>
            {
                var r = byCode[m.TrackingCode];
                var point = r.PointCode is { } p ? area?.FindPoint(p) : null;
                return new MatchView(m.TrackingCode, m.Score, m.Reasons, r.Kind, Detail(r, "category"), Detail(r, "colour"), Detail(r, "brand"),
                    r.Description, r.PointCode, point?.Name.ToString(), r.SubmittedAt);
            })
            .ToList();
    }

    /// <summary>The area's open reports of the kinds <paramref name="kinds"/> takes, of the last <see cref="Window"/> (one row-key range).</summary>
    public static async Task<List<Report>> OpenAsync(ReportStore reports, string areaId, DateTimeOffset now, Func<ReportKind, bool> kinds, CancellationToken ct)
    {
        var open = new List<Report>();
        await foreach (var r in reports.ListBetweenAsync(areaId, now - Window, now.AddMinutes(1), ct))
        {
            // A report already matched is taken: it is nobody else's candidate.
            if (kinds(r.Kind) && r.Status < ReportStatus.Resolved && r.Match is null)
            {
                open.Add(r);
            }
        }

        return open;
    }

    /// <summary>What the matcher reads of a report: the shared fields, never the owner's secret detail.</summary>
    public static ItemRecord RecordOf(Report r) => new(
        r.TrackingCode,
        r.Kind == ReportKind.LostItem ? ItemSide.Lost : ItemSide.Found,
        Detail(r, "category") ?? "other",
        Detail(r, "colour"),
        Detail(r, "brand"),
        r.Description,
        r.PointCode,
        r.SubmittedAt);

    private static string? Detail(Report r, string name) => r.Details.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
