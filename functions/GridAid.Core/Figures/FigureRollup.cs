namespace GridAid.Core.Figures;

/// <summary>
/// One roll-up row's counts: per station and period (a local day, a local month), the sum of the facts recorded in it.
/// Keys: the fact's metric (a count), <c>{metric}~sum</c> (the sum of its values) and, for metrics in minutes,
/// <c>{metric}~h{bucket}</c> (a histogram over <see cref="MinuteBuckets"/>).
/// </summary>
public static class FigureRollup
{
    public const string SumSuffix = "~sum";
    public const string BucketInfix = "~h";

    /// <summary>Adds <paramref name="fact"/> to <paramref name="counts"/>.</summary>
    public static void Add(IDictionary<string, double> counts, FigureFact fact)
    {
        Increment(counts, fact.Metric, 1);
        if (fact.Value is { } value)
        {
            Increment(counts, fact.Metric + SumSuffix, value);
            if (FigureMetrics.IsTimed(fact.Metric))
            {
                Increment(counts, fact.Metric + BucketInfix + MinuteBuckets.IndexOf(value).ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
            }
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to <paramref name="into"/>.</summary>
    public static void AddAll(IDictionary<string, double> into, IReadOnlyDictionary<string, double> other)
    {
        foreach (var (key, value) in other)
        {
            Increment(into, key, value);
        }
    }

    private static void Increment(IDictionary<string, double> counts, string key, double by) =>
        counts[key] = (counts.TryGetValue(key, out var had) ? had : 0) + by;
}

/// <summary>A roll-up row as read: its station, the local month it lies in, and its counts.</summary>
public sealed record RollupRow(string StationId, string Month, IReadOnlyDictionary<string, double> Counts);
