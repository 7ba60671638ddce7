using System.Globalization;

namespace GridAid.Benchmarks;

/// <summary>Command-line options. Every duration and rate shrinks under <c>--quick</c>, so a smoke test takes seconds.</summary>
public sealed record BenchmarkOptions
{
    public static readonly IReadOnlyList<string> AllModes = ["ceiling", "intake", "tap", "ops", "cold", "weight", "cost"];

    public IReadOnlySet<string> Modes { get; init; } = new HashSet<string>(AllModes, StringComparer.OrdinalIgnoreCase);

    public bool Quick { get; init; }

    /// <summary>A running host to measure instead of starting one (ops counting and Event Grid timing need the in-process host).</summary>
    public Uri? Target { get; init; }

    /// <summary>The storage connection string of <see cref="Target"/>, for the ceiling; without it the ceiling is skipped.</summary>
    public string? Storage { get; init; }

    public string OutputPath { get; init; } = Path.Combine("benchmark-results", "latest.json");

    public string? MarkdownPath { get; init; }

    public string PointCode { get; init; } = "ts-nantianmen";

    /// <summary>Concurrency of the closed-loop intake and of the ceiling, so both see the same client load.</summary>
    public int Concurrency { get; init; } = 16;

    public double TapRate { get; init; } = 20;

    /// <summary>Pause between two inbox requests of one station while the tap mode waits for its alerts.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan CeilingDuration => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    public IReadOnlyList<double> OpenLoopRates => Quick ? [10, 50] : [10, 20, 50, 100];

    public TimeSpan OpenLoopDuration => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(6);

    public TimeSpan ClosedLoopDuration => Quick ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromSeconds(10);

    public TimeSpan TapDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);

    public TimeSpan FloorDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);

    public int OpsReports => Quick ? 6 : 60;

    public int ColdStartRuns => Quick ? 1 : 3;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick":
                    o = o with { Quick = true };
                    break;
                case "--modes":
                    var modes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = modes.Where(m => !AllModes.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"Unknown mode(s) {string.Join(", ", unknown)}; choose from {string.Join(",", AllModes)}.");
                    }

                    o = o with { Modes = new HashSet<string>(modes, StringComparer.OrdinalIgnoreCase) };
                    break;
                case "--target":
                    o = o with { Target = new Uri(Next().TrimEnd('/') + "/") };
                    break;
                case "--storage":
                    o = o with { Storage = Next() };
                    break;
                case "--out":
                    o = o with { OutputPath = Next() };
                    break;
                case "--markdown":
                    o = o with { MarkdownPath = Next() };
                    break;
                case "--probe-ms":
                    o = o with { ProbeInterval = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--point":
                    o = o with { PointCode = Next() };
                    break;
                case "--concurrency":
                    o = o with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--tap-rate":
                    o = o with { TapRate = double.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "-h" or "--help":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
            }
        }

        return o;
    }

    public const string Usage =
        "Usage: dotnet run -c Release --project tests/GridAid.Benchmarks -- [--quick] [--modes ceiling,intake,tap,ops,cold,weight,cost]\n" +
        "       [--target http://host:port --storage <connection string>] [--out benchmark-results/latest.json] [--markdown file.md]\n" +
        "       [--concurrency 16] [--tap-rate 20] [--probe-ms 250] [--point ts-nantianmen]";

    public bool Runs(string mode) => Modes.Contains(mode);
}
