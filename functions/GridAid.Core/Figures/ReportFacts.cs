using GridAid.Core.Alerts;
using GridAid.Core.Reports;

namespace GridAid.Core.Figures;

/// <summary>
/// The figure facts a report's state holds: routed (by kind), answered (minutes to acknowledge), resolved (minutes to
/// resolve; a hazard fixed; a person reunited by age band) and an item handed over to its owner. Each fact's id is the
/// report's tracking code (a pair's people and items count on the sought side only), so recording the facts of the
/// same report again — a retried message, a repeated step — counts nothing twice.
/// </summary>
public static class ReportFacts
{
    public static IReadOnlyList<FigureFact> Of(Report report)
    {
        var facts = new List<FigureFact>();
        var (area, code, kind) = (report.AreaId, report.TrackingCode, report.Kind.ToWire());
        if (report.StationIds.Count > 0 && report.Timeline.FirstOrDefault(t => t.Status == ReportStatus.Routed) is { } routed)
        {
            facts.Add(new FigureFact(area, FigureMetrics.With(FigureMetrics.ReportsRouted, kind), code, report.StationIds[0], routed.At));
        }

        if (report.Timeline.FirstOrDefault(IsAnswer) is { } answer)
        {
            facts.Add(new FigureFact(area, FigureMetrics.With(FigureMetrics.MinutesToAcknowledge, kind), code, answer.StationId!, answer.At, MinutesSince(report, answer.At)));
        }

        if (ResolutionOf(report) is { } resolved)
        {
            facts.Add(new FigureFact(area, FigureMetrics.With(FigureMetrics.MinutesToResolve, kind), code, resolved.By, resolved.At, MinutesSince(report, resolved.At)));
            if (report.Kind == ReportKind.Hazard)
            {
                facts.Add(new FigureFact(area, FigureMetrics.HazardsFixed, code, resolved.By, resolved.At));
            }

            // A found person matched with the parents' report is the same person: the lost-person side counts.
            if (report.Kind == ReportKind.LostPerson || (report.Kind == ReportKind.FoundPerson && report.Match is null))
            {
                facts.Add(new FigureFact(area, FigureMetrics.With(FigureMetrics.PeopleReunited, AgeBands.Of(report)), code, resolved.By, resolved.At));
            }
        }

        // Only a recorded hand-over returns an item, and only the sought side carries it.
        if (report.Kind == ReportKind.LostItem && report.Handover is { } handover)
        {
            facts.Add(new FigureFact(area, FigureMetrics.ItemsReturned, code, handover.StationId, handover.At));
        }

        return facts;
    }

    /// <summary>
    /// Who resolved the report and when: its first resolved step (a later entry with the same status, such as the
    /// redaction's, is not the resolution); the admin when no station did. Null while it is not resolved.
    /// </summary>
    public static (string By, DateTimeOffset At)? ResolutionOf(Report report) =>
        report.Status == ReportStatus.Resolved && report.Timeline.FirstOrDefault(t => t.Status == ReportStatus.Resolved) is { } entry
            ? (entry.StationId ?? SharedSearch.Admin, entry.At)
            : null;

    /// <summary>The facts of <paramref name="after"/> that <paramref name="before"/> did not hold yet.</summary>
    public static IReadOnlyList<FigureFact> New(Report before, Report after)
    {
        var had = Of(before).Select(f => (f.Metric, f.FactId)).ToHashSet();
        return Of(after).Where(f => !had.Contains((f.Metric, f.FactId))).ToList();
    }

    /// <summary>A station's first answer: its acknowledgement, or the first step past it when it skipped one.</summary>
    private static bool IsAnswer(TimelineEntry t) =>
        t.StationId is not null && t.Status is >= ReportStatus.Acknowledged and <= ReportStatus.Resolved
        && (t.Note is null || t.Note == TimelineNotes.FoundHandingOver || t.Note == TimelineNotes.HandedOver);

    private static double MinutesSince(Report report, DateTimeOffset at) => Math.Max(0, Math.Round((at - report.SubmittedAt).TotalMinutes, 2));
}
