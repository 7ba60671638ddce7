using System.Globalization;

namespace GridAid.Core.Figures;

/// <summary>People reunited, in total and by age band (children: under 18; elders: 60 and over).</summary>
public sealed record PeopleReunited(long Total, long Children, long Elders, IReadOnlyDictionary<string, long> ByAgeBand);

/// <summary>The reporters' stars: how many gave feedback and their average (null when none did).</summary>
public sealed record FeedbackScore(long Count, double? Average);

/// <summary>The counted figures of one slice (the period, a month, a station).</summary>
public sealed record FigureCounts(
    long PeopleReunited,
    long ChildrenReunited,
    long EldersReunited,
    long ItemsReturned,
    long QuestionsAnswered,
    long TipsPassed,
    long HazardsFixed,
    long InspectionsDone,
    long RectificationsClosed,
    long RectificationsOverdue,
    long DisputesMediated,
    long ReportsRouted,
    FeedbackScore Feedback);

public sealed record MonthFigures(string Month, FigureCounts Figures);

public sealed record StationFigures(string StationId, FigureCounts Figures);

/// <summary>How fast: how many, the median and the 90th percentile in minutes (each its histogram bucket's upper bound).</summary>
public sealed record Speed(long Count, double? MedianMinutes, double? P90Minutes);

/// <summary>Time to acknowledge and to resolve of one station and one report kind.</summary>
public sealed record Timing(string StationId, string Kind, Speed Acknowledge, Speed Resolve);

/// <summary>
/// The admin's dashboard for a period (local days <see cref="From"/> to <see cref="To"/>, both included) and optionally
/// one station, composed from roll-up rows only (<see cref="Compose"/>): no report is read.
/// </summary>
public sealed record Dashboard(
    string From,
    string To,
    string? Station,
    PeopleReunited PeopleReunited,
    long ItemsReturned,
    long QuestionsAnswered,
    IReadOnlyDictionary<string, long> QuestionsByTopic,
    long TipsPassed,
    long HazardsFixed,
    long InspectionsDone,
    long RectificationsClosed,
    long RectificationsOverdue,
    long DisputesMediated,
    long ReportsRouted,
    IReadOnlyDictionary<string, long> ReportsByKind,
    FeedbackScore Feedback,
    IReadOnlyList<MonthFigures> ByMonth,
    IReadOnlyList<StationFigures> ByStation,
    IReadOnlyList<Timing> Timings)
{
    /// <summary>The dashboard from the roll-up rows of the period (rows of other stations are left out when <paramref name="station"/> is set).</summary>
    public static Dashboard Compose(DateOnly from, DateOnly to, string? station, IEnumerable<RollupRow> rows)
    {
        var kept = rows.Where(r => station is null || string.Equals(r.StationId, station, StringComparison.Ordinal)).ToList();
        var total = Sum(kept);
        var counts = CountsOf(total);
        var months = new List<MonthFigures>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            var name = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            months.Add(new MonthFigures(name, CountsOf(Sum(kept.Where(r => r.Month == name)))));
        }

        var byStation = kept.GroupBy(r => r.StationId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Counts: Sum(g))).ToList();
        return new Dashboard(
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            station,
            new PeopleReunited(counts.PeopleReunited, counts.ChildrenReunited, counts.EldersReunited, ByDimension(total, FigureMetrics.PeopleReunited)),
            counts.ItemsReturned,
            counts.QuestionsAnswered,
            ByDimension(total, FigureMetrics.QuestionsAnswered),
            counts.TipsPassed,
            counts.HazardsFixed,
            counts.InspectionsDone,
            counts.RectificationsClosed,
            counts.RectificationsOverdue,
            counts.DisputesMediated,
            counts.ReportsRouted,
            ByDimension(total, FigureMetrics.ReportsRouted),
            counts.Feedback,
            months,
            byStation.Select(s => new StationFigures(s.Id, CountsOf(s.Counts))).ToList(),
            byStation.SelectMany(s => TimingsOf(s.Id, s.Counts)).ToList());
    }

    private static Dictionary<string, double> Sum(IEnumerable<RollupRow> rows)
    {
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            FigureRollup.AddAll(sum, row.Counts);
        }

        return sum;
    }

    /// <summary>The counts of a metric in total, its own and every dimension's (the histogram and sum keys left out).</summary>
    private static long Count(IReadOnlyDictionary<string, double> counts, string metric) =>
        (long)counts.Where(c => !c.Key.Contains('~', StringComparison.Ordinal) && FigureMetrics.BaseOf(c.Key) == metric).Sum(c => c.Value);

    private static Dictionary<string, long> ByDimension(IReadOnlyDictionary<string, double> counts, string metric) =>
        counts.Where(c => !c.Key.Contains('~', StringComparison.Ordinal) && FigureMetrics.BaseOf(c.Key) == metric && FigureMetrics.DimensionOf(c.Key) is not null)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => FigureMetrics.DimensionOf(c.Key)!, c => (long)c.Value, StringComparer.Ordinal);

    private static double Value(IReadOnlyDictionary<string, double> counts, string key) => counts.TryGetValue(key, out var v) ? v : 0;

    private static FigureCounts CountsOf(IReadOnlyDictionary<string, double> c)
    {
        var bands = ByDimension(c, FigureMetrics.PeopleReunited);
        var feedback = (long)Value(c, FigureMetrics.Feedback);
        return new FigureCounts(
            Count(c, FigureMetrics.PeopleReunited),
            bands.Where(b => AgeBands.Children.Contains(b.Key)).Sum(b => b.Value),
            bands.TryGetValue(AgeBands.Elders, out var elders) ? elders : 0,
            Count(c, FigureMetrics.ItemsReturned),
            Count(c, FigureMetrics.QuestionsAnswered),
            (long)Value(c, FigureMetrics.With(FigureMetrics.ReportsRouted, "tip")),
            Count(c, FigureMetrics.HazardsFixed),
            Count(c, FigureMetrics.InspectionsDone),
            Count(c, FigureMetrics.RectificationsClosed),
            Count(c, FigureMetrics.RectificationsOverdue),
            Count(c, FigureMetrics.DisputesMediated),
            Count(c, FigureMetrics.ReportsRouted),
            new FeedbackScore(feedback, feedback == 0 ? null : Math.Round(Value(c, FigureMetrics.Feedback + FigureRollup.SumSuffix) / feedback, 2)));
    }

    private static IEnumerable<Timing> TimingsOf(string stationId, IReadOnlyDictionary<string, double> c)
    {
        var kinds = c.Keys.Where(k => !k.Contains('~', StringComparison.Ordinal) && FigureMetrics.IsTimed(k) && FigureMetrics.DimensionOf(k) is not null)
            .Select(k => FigureMetrics.DimensionOf(k)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            yield return new Timing(stationId, kind,
                SpeedOf(c, FigureMetrics.With(FigureMetrics.MinutesToAcknowledge, kind)),
                SpeedOf(c, FigureMetrics.With(FigureMetrics.MinutesToResolve, kind)));
        }
    }

    private static Speed SpeedOf(IReadOnlyDictionary<string, double> c, string metric)
    {
        var prefix = metric + FigureRollup.BucketInfix;
        var buckets = c.Where(x => x.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(x => int.Parse(x.Key.AsSpan(prefix.Length), CultureInfo.InvariantCulture), x => (long)x.Value);
        return new Speed((long)Value(c, metric), MinuteBuckets.Percentile(buckets, 0.5), MinuteBuckets.Percentile(buckets, 0.9));
    }
}
