namespace GridAid.Core.Figures;

/// <summary>
/// The histogram the roll-ups keep of minutes (to acknowledge, to resolve): a count per bucket, so a median or a 90th
/// percentile over any set of roll-up rows is read from the summed buckets without the raw values. A percentile is the
/// upper bound of the bucket that holds the nearest-rank value: "90 % answered within 5 minutes" is exact to the bucket.
/// </summary>
public static class MinuteBuckets
{
    /// <summary>Upper bounds in minutes (inclusive); a value above the last one counts in the last bucket.</summary>
    public static readonly IReadOnlyList<double> Bounds =
        [0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1080, 1440, 2880, 4320, 7200, 10080, 20160, 43200];

    /// <summary>The index of the bucket <paramref name="minutes"/> falls into.</summary>
    public static int IndexOf(double minutes)
    {
        for (var i = 0; i < Bounds.Count; i++)
        {
            if (minutes <= Bounds[i])
            {
                return i;
            }
        }

        return Bounds.Count - 1;
    }

    /// <summary>
    /// The nearest-rank <paramref name="p"/> percentile (0 &lt; p ≤ 1) of the values counted in <paramref name="counts"/>
    /// (index → count), as its bucket's upper bound; null when nothing is counted.
    /// </summary>
    public static double? Percentile(IReadOnlyDictionary<int, long> counts, double p)
    {
        var total = counts.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        foreach (var (index, count) in counts.Where(c => c.Value > 0).OrderBy(c => c.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return Bounds[Math.Clamp(index, 0, Bounds.Count - 1)];
            }
        }

        return Bounds[^1];
    }
}
