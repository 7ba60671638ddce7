using System.Diagnostics;

namespace GridAid.Benchmarks;

/// <summary>Plain progress lines: a line per phase, and a ticker that prints the running count once a second.</summary>
public sealed class Progress(TextWriter writer)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Line(string text)
    {
        lock (_gate)
        {
            writer.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {text}");
            writer.Flush();
        }
    }

    public IDisposable Ticker(string phase, Func<string> status)
    {
        Line(phase + " …");
        var timer = new Timer(_ => Line($"  {phase}: {status()}"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return timer;
    }
}
