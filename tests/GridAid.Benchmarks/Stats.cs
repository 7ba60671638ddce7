namespace GridAid.Benchmarks;

/// <summary>Latency percentiles (nearest rank) of one sample, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Round(At(0.50)), Round(At(0.95)), Round(At(0.99)), Round(sorted[^1]));
    }

    private static double Round(double v) => Math.Round(v, 1);
}
