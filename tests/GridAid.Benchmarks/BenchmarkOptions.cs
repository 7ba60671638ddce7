using System.Globalization;

namespace GridAid.Benchmarks;

/// <summary>
/// Command-line options. Every duration and rate shrinks under <c>--quick</c>, so a smoke test takes seconds; the
/// restart mode is left out of a quick run unless <c>--modes</c> names it (its recovery waits on the 10 s message lease
/// and the sweeper, which no option shortens).
/// </summary>
public sealed record BenchmarkOptions
{
    public static readonly IReadOnlyList<string> AllModes = ["ceiling", "intake", "tap", "ops", "cold", "weight", "cost", "flood", "restart", "sweeper", "emulator", "channel", "areas", "dashboard"];

    /// <summary>Modes a quick run leaves out unless <c>--modes</c> names them.</summary>
    public static readonly IReadOnlyList<string> NotInQuickRuns = ["restart"];

    public IReadOnlySet<string> Modes { get; init; } = new HashSet<string>(AllModes, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <c>--modes</c> chose the modes (then a quick run runs exactly those).</summary>
    public bool ModesGiven { get; init; }

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

    /// <summary><c>--dashboard-reports</c>: reports seeded for the dashboard mode.</summary>
    public int? DashboardReportsGiven { get; init; }

    /// <summary>Reports seeded for the dashboard mode (a year's worth in the area): 100,000, 1,000 in a quick run.</summary>
    public int DashboardReports => DashboardReportsGiven ?? (Quick ? 1_000 : 100_000);

    /// <summary>Timed requests per dashboard query (after one warm-up).</summary>
    public int DashboardRepeats => Quick ? 3 : 20;

    public int ColdStartRuns => Quick ? 1 : 3;

    /// <summary>Concurrent clients sending tips, as fast as the intake answers them, in the flood mode.</summary>
    public int FloodClients { get; init; } = 64;

    /// <summary>Lost-person reports measured idle, then as many during the flood.</summary>
    public int FloodUrgentReports { get; init; } = 10;

    public int UrgentReports => Quick ? Math.Min(2, FloodUrgentReports) : FloodUrgentReports;

    /// <summary>Between two lost-person reports during the flood.</summary>
    public TimeSpan FloodUrgentInterval => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(1);

    /// <summary>The flood runs this long before the first lost-person report, so that its backlog is there.</summary>
    public TimeSpan FloodWarmup => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);

    /// <summary>Pause between two idle lost-person reports (each is sent once the previous one is routed).</summary>
    public TimeSpan UrgentIdleGap => Quick ? TimeSpan.FromSeconds(0.2) : TimeSpan.FromSeconds(0.5);

    /// <summary>Areas of the areas mode: the demo area (flooded) and this many − 1 small ones (their lost persons timed).</summary>
    public int Areas { get; init; } = 4;

    /// <summary>Lost persons of the other areas timed alone, then as many during the flood of the demo area.</summary>
    public int AreasReports => Quick ? 2 : 20;

    /// <summary>Reports of the restart mode's burst, and its clients (each retrying its report until a 202).</summary>
    public int RestartReports { get; init; } = 300;

    public int RestartClients { get; init; } = 16;

    /// <summary>The sweeper mode's idle window (a quick run counts the sweeps since the host started instead of waiting).</summary>
    public TimeSpan SweeperWindow { get; init; } = TimeSpan.FromSeconds(60);

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
                case "--areas":
                    o = o with { Areas = Math.Max(2, int.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--modes":
                    var modes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = modes.Where(m => !AllModes.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"Unknown mode(s) {string.Join(", ", unknown)}; choose from {string.Join(",", AllModes)}.");
                    }

                    o = o with { Modes = new HashSet<string>(modes, StringComparer.OrdinalIgnoreCase), ModesGiven = true };
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
                case "--flood-clients":
                    o = o with { FloodClients = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--flood-urgent":
                    o = o with { FloodUrgentReports = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--restart-reports":
                    o = o with { RestartReports = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--restart-clients":
                    o = o with { RestartClients = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--sweeper-seconds":
                    o = o with { SweeperWindow = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--dashboard-reports":
                    o = o with { DashboardReportsGiven = int.Parse(Next(), CultureInfo.InvariantCulture) };
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
        "Usage: dotnet run -c Release --project tests/GridAid.Benchmarks -- [--quick] [--modes ceiling,intake,tap,ops,cold,weight,cost,flood,restart,sweeper,emulator,channel,areas,dashboard] [--areas 4]\n" +
        "       [--target http://host:port --storage <connection string>] [--out benchmark-results/latest.json] [--markdown file.md]\n" +
        "       [--concurrency 16] [--tap-rate 20] [--probe-ms 250] [--point ts-nantianmen]\n" +
        "       [--flood-clients 64] [--flood-urgent 10] [--restart-reports 300] [--restart-clients 16] [--sweeper-seconds 60] [--dashboard-reports 100000]";

    public bool Runs(string mode) => Modes.Contains(mode) && (ModesGiven || !Quick || !NotInQuickRuns.Contains(mode, StringComparer.OrdinalIgnoreCase));
}
