using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using GridAid.Core.Figures;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Benchmarks;

/// <summary>
/// The dashboard with a year of data in the area: <see cref="BenchmarkOptions.DashboardReports"/> reports (100,000 in a
/// full run) with their figure facts and roll-ups, plus questions, inspections, rectifications and disputes, on an
/// Azurite and a host of its own. Seeded in bulk, not through HTTP: report rows and facts in 100-row transactions per
/// partition, the roll-up rows summed in memory by the same <c>FigureRollup</c> the recording path uses
/// (<see cref="FigureStore.SeedAsync"/>). Then the admin's <c>GET /api/admin/dashboard</c> is timed for the whole year,
/// one station's year, and a month-straddling span (day rows and month rows), each several times, after one warm-up.
/// </summary>
public static class DashboardMode
{
    public static readonly string[] Queries =
    [
        "from={0}-01-01&to={0}-12-31",
        "from={0}-01-01&to={0}-12-31&station=ts-daiding-police",
        "from={0}-03-17&to={0}-05-09",
    ];

    public static async Task<DashboardResult> RunAsync(EventSink sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line($"dashboard: starting an Azurite and a local host of its own, then seeding {o.DashboardReports:N0} reports …");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
        var year = DateTimeOffset.UtcNow.Year - 1;
        var seeding = Stopwatch.StartNew();
        var (reports, facts) = Seed(o.DashboardReports, year);
        await host.App.Services.GetRequiredService<ReportStore>().SeedAsync(reports, ct);
        var figures = host.App.Services.GetRequiredService<FigureStore>();
        await figures.SeedAsync(facts, ct);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        var rollupRows = (await figures.RollupsAsync("taishan", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), null, ct)).Count;
        log.Line($"dashboard: seeded {reports.Count:N0} reports and {facts.Count:N0} facts in {seedSeconds:F0} s; the year reads {rollupRows} roll-up rows");

        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "taishan.admin.demo-admin");
        var rows = new List<DashboardQueryRow>();
        foreach (var q in Queries)
        {
            var url = "/api/admin/dashboard?" + string.Format(CultureInfo.InvariantCulture, q, year);
            using (var warm = await http.GetAsync(url, ct))
            {
                warm.EnsureSuccessStatusCode();
            }

            var times = new List<double>();
            for (var i = 0; i < o.DashboardRepeats; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(url, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                response.EnsureSuccessStatusCode();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            rows.Add(new DashboardQueryRow(string.Format(CultureInfo.InvariantCulture, q, year), Percentiles.Of(times)));
            log.Line($"dashboard: {url} p50 {rows[^1].LatencyMs.P50} ms, max {rows[^1].LatencyMs.Max} ms");
        }

        return new DashboardResult(reports.Count, facts.Count, rollupRows, Math.Round(seedSeconds, 1), rows);
    }

    /// <summary>A year of reports (a mix of kinds, most answered and resolved, items handed over, persons by age) and the other grid work.</summary>
    public static (List<Report> Reports, List<FigureFact> Facts) Seed(int count, int year)
    {
        var random = new Random(year);
        string[] stations = ["ts-daimiao-police", "ts-hongmen-police", "ts-zhongtianmen-police", "ts-daiding-police", "ts-taohuayu-police", "ts-tianjie-grid", "ts-yuanbao-hotel", "ts-cablecar-grid", "ts-lost-found"];
        var kinds = ReportKinds.All;
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var reports = new List<Report>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[i % kinds.Count];
            var at = start.AddSeconds(random.Next(0, 364 * 24 * 3600));
            var station = stations[random.Next(stations.Length)];
            var timeline = new List<TimelineEntry> { new(at, ReportStatus.Received), new(at.AddSeconds(2), ReportStatus.Routed) };
            var status = ReportStatus.Routed;
            if (random.NextDouble() < 0.9)
            {
                timeline.Add(new TimelineEntry(at.AddMinutes(random.NextDouble() * random.Next(1, 30)), ReportStatus.Acknowledged, station));
                status = ReportStatus.Acknowledged;
                if (random.NextDouble() < 0.8)
                {
                    timeline.Add(new TimelineEntry(at.AddMinutes(30 + (random.NextDouble() * 600)), ReportStatus.Resolved, station));
                    status = ReportStatus.Resolved;
                }
            }

            var code = "B" + i.ToString("D7", CultureInfo.InvariantCulture);
            var details = kind switch
            {
                ReportKind.LostPerson => new Dictionary<string, string> { ["age"] = random.Next(1, 90).ToString(CultureInfo.InvariantCulture), ["clothing"] = "red coat" },
                ReportKind.FoundPerson => new Dictionary<string, string> { ["ageBand"] = ReportDetailFields.AgeBands[random.Next(6)], ["clothing"] = "red coat", ["whereNow"] = "at_station" },
                ReportKind.LostItem => new Dictionary<string, string> { ["category"] = "bag" },
                ReportKind.FoundItem => new Dictionary<string, string> { ["category"] = "bag" },
                ReportKind.Hazard => new Dictionary<string, string> { ["hazardType"] = "damaged_path" },
                _ => new Dictionary<string, string>(),
            };
            var handover = kind == ReportKind.LostItem && status == ReportStatus.Resolved && random.NextDouble() < 0.5
                ? new Core.Matching.HandoverRecord("某", "1234", station, timeline[^1].At)
                : null;
            reports.Add(new Report
            {
                AreaId = "taishan",
                TrackingCode = code,
                Kind = kind,
                PointCode = "ts-nantianmen",
                SubmittedAt = at,
                UpdatedAt = timeline[^1].At,
                Status = status,
                StationIds = [station],
                Details = details,
                Timeline = timeline,
                Handover = handover,
                Description = "benchmark report " + code,
            });
        }

        var facts = reports.SelectMany(ReportFacts.Of).ToList();
        string[] other = [FigureMetrics.InspectionsDone, FigureMetrics.RectificationsOpened, FigureMetrics.RectificationsClosed, FigureMetrics.RectificationsOverdue, FigureMetrics.DisputesFiled, FigureMetrics.DisputesMediated];
        for (var i = 0; i < count / 20; i++)
        {
            var at = start.AddSeconds(random.Next(0, 364 * 24 * 3600));
            var station = stations[random.Next(stations.Length)];
            facts.Add(new FigureFact("taishan", FigureMetrics.With(FigureMetrics.QuestionsAnswered, FigureMetrics.QuestionTopics[random.Next(FigureMetrics.QuestionTopics.Count)]), "q" + i, station, at));
            facts.Add(new FigureFact("taishan", other[i % other.Length], "g" + i, station, at));
            if (i % 4 == 0)
            {
                facts.Add(new FigureFact("taishan", FigureMetrics.Feedback, "B" + i.ToString("D7", CultureInfo.InvariantCulture), station, at, random.Next(3, 6)));
            }
        }

        return (reports, facts);
    }
}
