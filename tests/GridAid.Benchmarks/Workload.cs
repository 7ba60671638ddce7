using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Demo;
using GridAid.Core.Reports;
using GridAid.Core.Routing;

namespace GridAid.Benchmarks;

/// <summary>One report to submit, and the stations <see cref="ReportRouter"/> says must hear it.</summary>
public sealed record PlannedReport(ReportKind Kind, string Point, object Body, IReadOnlyList<string> Stations);

/// <summary>The outcome of one submission.</summary>
public readonly record struct Submission(PlannedReport Plan, long StartedAt, long EndedAt, HttpStatusCode? Status, string? TrackingCode)
{
    public bool Accepted => Status == HttpStatusCode.Accepted && TrackingCode is not null;

    public double LatencyMs => Stopwatch.GetElapsedTime(StartedAt, EndedAt).TotalMilliseconds;
}

/// <summary>Valid reports of every kind at the Taishan demo points, and the HTTP calls that submit them.</summary>
public sealed class Workload(HttpClient http)
{
    private static readonly AreaSeed Demo = TaishanDemo.Seed;
    private static readonly Core.Directory.AreaDirectory Directory = Demo.ToDirectory();
    private long _next;

    public static IReadOnlyList<string> StationIds => Demo.Stations.Select(s => s.Id).ToList();

    public static string Credential(string stationId) => $"{TaishanDemo.AreaId}.{stationId}.demo-{stationId}";

    /// <summary>The next report: kinds in turn, points in turn (a prime stride, so every kind meets every point).</summary>
    public PlannedReport Next(ReportKind? kind = null, string? point = null)
    {
        var n = Interlocked.Increment(ref _next);
        var k = kind ?? ReportKinds.All[(int)(n % ReportKinds.All.Count)];
        var p = point ?? Demo.Points[(int)(n * 7 % Demo.Points.Count)].Code;
        return Plan(k, p);
    }

    public static PlannedReport Plan(ReportKind kind, string point) => Plan(kind, point, Directory);

    /// <summary>A report at a point of <paramref name="directory"/>'s area, with the stations the router names there.</summary>
    public static PlannedReport Plan(ReportKind kind, string point, Core.Directory.AreaDirectory directory)
    {
        Dictionary<string, string> details = kind switch
        {
            ReportKind.LostItem => new() { ["category"] = "bag", ["colour"] = "black" },
            ReportKind.FoundItem => new() { ["category"] = "phone" },
            ReportKind.LostPerson => new() { ["age"] = "6", ["clothing"] = "red coat" },
            ReportKind.FoundPerson => new() { ["ageBand"] = "3_6", ["clothing"] = "red coat", ["whereNow"] = "at_station" },
            ReportKind.Hazard => new() { ["hazardType"] = "fire" },
            _ => [],
        };
        var body = new
        {
            kind = kind.ToWire(),
            point,
            description = "Benchmark report: please ignore.",
            contact = new { name = "Bench", phone = "13800138000" },
            lang = "en",
            clientRequestId = Guid.NewGuid().ToString("N"),
            details,
        };
        var stations = ReportRouter.Route(kind, point, directory).StationIds;
        return new PlannedReport(kind, point, body, stations);
    }

    public async Task<Submission> SubmitAsync(PlannedReport plan, long? scheduledAt = null, CancellationToken ct = default)
    {
        var started = scheduledAt ?? Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.PostAsJsonAsync("api/reports", plan.Body, ct);
            string? code = null;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
                code = doc.RootElement.GetProperty("trackingCode").GetString();
            }

            return new Submission(plan, started, Stopwatch.GetTimestamp(), response.StatusCode, code);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new Submission(plan, started, Stopwatch.GetTimestamp(), null, null);
        }
    }

    /// <summary>Submits at a fixed rate whatever the answers (open loop); latency counts from each scheduled time.</summary>
    public async Task<List<Submission>> OpenLoopAsync(double rate, TimeSpan duration, Func<PlannedReport> next, Action<int>? progress = null, CancellationToken ct = default)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var t0 = Stopwatch.GetTimestamp();
        var tasks = new List<Task<Submission>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = t0 + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            tasks.Add(SubmitAsync(next(), due, ct));
            progress?.Invoke(i + 1);
        }

        return [.. await Task.WhenAll(tasks)];
    }

    public static HttpClient CreateClient(Uri baseAddress, bool decompress = true) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = decompress ? DecompressionMethods.All : DecompressionMethods.None,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
