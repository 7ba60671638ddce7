using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Figures;
using GridAid.Core.Matching;
using GridAid.Core.Reports;
using GridAid.Functions.Figures;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Figures;

/// <summary>
/// The dashboard's figures equal figures computed here, independently, from the raw rows of a seeded year. The year is
/// 2031 (no other test writes there), in Taishan with its real stations. Report facts go through the real recording path
/// (<see cref="ReportFigures"/> → the figure store's roll-ups), each report twice (a retry counts nothing); the other
/// figures (inspections …) are recorded as facts directly, as the venue work does, some twice.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class DashboardTests(GridAidFixture f)
{
    private const int Year = 2031;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly string[] Stations = ["ts-daiding-police", "ts-zhongtianmen-police", "ts-tianjie-grid", "ts-yuanbao-hotel"];
    private static readonly ReportKind[] Kinds = [ReportKind.LostPerson, ReportKind.FoundPerson, ReportKind.LostItem, ReportKind.Hazard, ReportKind.Tip, ReportKind.Help];

    private sealed record Seeded(List<Report> Reports, List<FigureFact> Facts);

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Seeded? seeded;

    /// <summary>The year's raw rows, seeded once for the tests of this class.</summary>
    private async Task<Seeded> SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (seeded is not null)
            {
                return seeded;
            }

            var random = new Random(2031);
            var reports = new List<Report>();
            for (var i = 0; i < 160; i++)
            {
                reports.Add(MakeReport(random, i));
            }

            // Pairs: a found person matched to a lost one, a found item handed over with a lost one.
            for (var i = 0; i + 1 < reports.Count; i++)
            {
                if (reports[i] is { Kind: ReportKind.LostItem, Status: ReportStatus.Resolved } lost && i / 6 % 2 == 0)
                {
                    var at = lost.Timeline[^1].At;
                    reports[i] = lost with { Handover = new HandoverRecord("某", "1234", lost.Timeline[^1].StationId!, at), Match = new ReportMatch("F" + i, "x", at, new LocalizedNote("z", "e")) };
                }
            }

            var matchedFound = reports.Where(r => r is { Kind: ReportKind.FoundPerson, Status: ReportStatus.Resolved }).Take(5).ToList();
            foreach (var found in matchedFound)
            {
                reports[reports.IndexOf(found)] = found with { Match = new ReportMatch("LOST" + found.TrackingCode, "x", found.SubmittedAt, new LocalizedNote("z", "e")) };
            }

            var figures = f.Host.Services.GetRequiredService<ReportFigures>();
            foreach (var r in reports)
            {
                var received = r with { Status = ReportStatus.Received, Timeline = [r.Timeline[0]], StationIds = [], Handover = null };
                await figures.RecordAsync(received, r, changed: true, CancellationToken.None);
                await figures.RecordAsync(received, r, changed: false, CancellationToken.None); // a retried message
            }

            var recorder = f.Host.Services.GetRequiredService<IFigureRecorder>();
            var facts = new List<FigureFact>();
            string[] other = [FigureMetrics.InspectionsDone, FigureMetrics.RectificationsClosed, FigureMetrics.RectificationsOverdue, FigureMetrics.DisputesMediated,
                FigureMetrics.With(FigureMetrics.QuestionsAnswered, "directions"), FigureMetrics.With(FigureMetrics.QuestionsAnswered, "cable_car")];
            for (var i = 0; i < 120; i++)
            {
                var fact = new FigureFact("taishan", other[i % other.Length], "dash-" + i, Stations[random.Next(Stations.Length)], Instant(random));
                facts.Add(fact);
                await recorder.RecordAsync(fact, CancellationToken.None);
                if (i % 4 == 0)
                {
                    await recorder.RecordAsync(fact, CancellationToken.None);
                }
            }

            // Month edges in local time: 31 March 20:00 UTC is already 1 April in Taishan.
            var edge = new FigureFact("taishan", FigureMetrics.InspectionsDone, "dash-edge", Stations[0], new DateTimeOffset(Year, 3, 31, 20, 0, 0, TimeSpan.Zero));
            facts.Add(edge);
            await recorder.RecordAsync(edge, CancellationToken.None);
            return seeded = new Seeded(reports, facts);
        }
        finally
        {
            Once.Release();
        }
    }

    private static DateTimeOffset Instant(Random random) =>
        new DateTimeOffset(Year, 1, 1, 0, 0, 0, China).AddMinutes(random.Next(0, 364 * 24 * 60));

    private static Report MakeReport(Random random, int i)
    {
        var kind = Kinds[i % Kinds.Length];
        var at = Instant(random);
        var first = Stations[random.Next(Stations.Length)];
        var answerer = Stations[random.Next(Stations.Length)];
        var resolver = Stations[random.Next(Stations.Length)];
        var details = kind switch
        {
            ReportKind.LostPerson => new Dictionary<string, string> { ["age"] = random.Next(0, 90).ToString(System.Globalization.CultureInfo.InvariantCulture), ["clothing"] = "红" },
            ReportKind.FoundPerson => new Dictionary<string, string> { ["ageBand"] = ReportDetailFields.AgeBands[random.Next(6)], ["clothing"] = "红", ["whereNow"] = "at_station" },
            _ => new Dictionary<string, string>(),
        };
        var timeline = new List<TimelineEntry> { new(at, ReportStatus.Received), new(at.AddSeconds(3), ReportStatus.Routed) };
        var status = ReportStatus.Routed;
        if (i % 5 != 4)
        {
            timeline.Add(new TimelineEntry(at.AddMinutes(random.NextDouble() * 30), ReportStatus.Acknowledged, answerer));
            status = ReportStatus.Acknowledged;
            if (i % 5 != 3)
            {
                timeline.Add(new TimelineEntry(at.AddMinutes(30 + (random.NextDouble() * 2000)), ReportStatus.Resolved, resolver));
                status = ReportStatus.Resolved;
            }
        }

        return new Report
        {
            AreaId = "taishan",
            TrackingCode = "D31" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(),
            Kind = kind,
            SubmittedAt = at,
            Status = status,
            StationIds = [first, answerer, resolver],
            Details = details,
            Timeline = timeline,
        };
    }

    // ---- the independent computation, from the raw reports and facts ----
    private static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(China).DateTime);

    private static string Band(Report r)
    {
        if (r.Kind == ReportKind.FoundPerson)
        {
            return r.Details["ageBand"];
        }

        var age = int.Parse(r.Details["age"], System.Globalization.CultureInfo.InvariantCulture);
        return age < 3 ? "0_2" : age < 7 ? "3_6" : age < 13 ? "7_12" : age < 18 ? "13_17" : age < 60 ? "18_59" : "60_plus";
    }

    private static TimelineEntry? Resolution(Report r) => r.Status == ReportStatus.Resolved ? r.Timeline.Last(t => t.Status == ReportStatus.Resolved) : null;

    private static double? BucketedPercentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var exact = sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
        return MinuteBuckets.Bounds.FirstOrDefault(b => exact <= b, MinuteBuckets.Bounds[^1]);
    }

    private sealed record Expected(long People, long Children, long Elders, long Items, long Tips, long Hazards, long Inspections, long Closed, long Overdue, long Disputes, long Questions);

    private static Expected Compute(Seeded s, DateOnly from, DateOnly to, string? station)
    {
        bool In(DateTimeOffset at, string by) => LocalDay(at) >= from && LocalDay(at) <= to && (station is null || by == station);
        var people = s.Reports.Where(r => Resolution(r) is { } e && In(e.At, e.StationId!)
            && (r.Kind == ReportKind.LostPerson || (r.Kind == ReportKind.FoundPerson && r.Match is null))).Select(Band).ToList();
        long Facts(string metric) => s.Facts.Count(x => FigureMetrics.BaseOf(x.Metric) == metric && In(x.At, x.StationId));
        return new Expected(
            people.Count,
            people.Count(b => b is "0_2" or "3_6" or "7_12" or "13_17"),
            people.Count(b => b == "60_plus"),
            s.Reports.Count(r => r.Kind == ReportKind.LostItem && r.Handover is { } h && In(h.At, h.StationId)),
            s.Reports.Count(r => r.Kind == ReportKind.Tip && In(r.Timeline[1].At, r.StationIds[0])),
            s.Reports.Count(r => r.Kind == ReportKind.Hazard && Resolution(r) is { } e && In(e.At, e.StationId!)),
            Facts(FigureMetrics.InspectionsDone),
            Facts(FigureMetrics.RectificationsClosed),
            Facts(FigureMetrics.RectificationsOverdue),
            Facts(FigureMetrics.DisputesMediated),
            Facts(FigureMetrics.QuestionsAnswered));
    }

    private async Task<JsonElement> DashboardAsync(DateOnly from, DateOnly to, string? station = null) =>
        await f.GetJsonAsync($"/api/admin/dashboard?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}" + (station is null ? string.Empty : "&station=" + station), GridAidFixture.TaishanAdmin);

    private static Expected Read(JsonElement d) => new(
        d.GetProperty("peopleReunited").GetProperty("total").GetInt64(),
        d.GetProperty("peopleReunited").GetProperty("children").GetInt64(),
        d.GetProperty("peopleReunited").GetProperty("elders").GetInt64(),
        d.GetProperty("itemsReturned").GetInt64(),
        d.GetProperty("tipsPassed").GetInt64(),
        d.GetProperty("hazardsFixed").GetInt64(),
        d.GetProperty("inspectionsDone").GetInt64(),
        d.GetProperty("rectificationsClosed").GetInt64(),
        d.GetProperty("rectificationsOverdue").GetInt64(),
        d.GetProperty("disputesMediated").GetInt64(),
        d.GetProperty("questionsAnswered").GetInt64());

    public static TheoryData<string, string, string?> Periods() => new()
    {
        { "2031-01-01", "2031-12-31", null },
        { "2031-01-01", "2031-12-31", "ts-daiding-police" },
        { "2031-03-15", "2031-04-10", null },
        { "2031-04-01", "2031-04-01", null },
        { "2031-02-01", "2031-06-30", "ts-tianjie-grid" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task The_dashboards_figures_equal_those_computed_from_the_raw_rows(string from, string to, string? station)
    {
        var s = await SeedAsync();
        var (f0, t0) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        var d = await DashboardAsync(f0, t0, station);

        Assert.Equal(Compute(s, f0, t0, station), Read(d));
        // The seeded year has something of each to count (a test of zeros would pass on an empty dashboard).
        if (f0.DayOfYear == 1 && t0.DayOfYear >= 365)
        {
            Assert.All(new[] { Compute(s, f0, t0, station) }, e => Assert.True(e.People > 0 && e.Items > 0 && e.Tips > 0 && e.Hazards > 0 && e.Inspections > 0, e.ToString()));
        }
    }

    [Fact]
    public async Task Months_are_local_and_each_station_and_kinds_times_match_percentiles_of_the_raw_times()
    {
        var s = await SeedAsync();
        var d = await DashboardAsync(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));

        var months = d.GetProperty("byMonth").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        for (var m = 1; m <= 12; m++)
        {
            var first = new DateOnly(Year, m, 1);
            var expected = Compute(s, first, first.AddMonths(1).AddDays(-1), null);
            var got = months[m - 1].GetProperty("figures");
            Assert.Equal($"{Year}-{m:D2}", months[m - 1].GetProperty("month").GetString());
            Assert.Equal((expected.People, expected.Inspections, expected.Questions),
                (got.GetProperty("peopleReunited").GetInt64(), got.GetProperty("inspectionsDone").GetInt64(), got.GetProperty("questionsAnswered").GetInt64()));
        }

        var timings = d.GetProperty("timings").EnumerateArray().ToList();
        foreach (var station in Stations)
        {
            foreach (var kind in Kinds)
            {
                var wire = kind.ToWire();
                var acks = s.Reports.Where(r => r.Kind == kind && r.Timeline.Count > 2 && r.Timeline[2].StationId == station)
                    .Select(r => Math.Round((r.Timeline[2].At - r.SubmittedAt).TotalMinutes, 2)).ToList();
                var resolves = s.Reports.Where(r => r.Kind == kind && Resolution(r)?.StationId == station)
                    .Select(r => Math.Round((Resolution(r)!.At - r.SubmittedAt).TotalMinutes, 2)).ToList();
                var t = timings.SingleOrDefault(x => x.GetProperty("stationId").GetString() == station && x.GetProperty("kind").GetString() == wire);
                if (acks.Count + resolves.Count == 0)
                {
                    Assert.Equal(JsonValueKind.Undefined, t.ValueKind);
                    continue;
                }

                double? Num(JsonElement e, string p) => e.GetProperty(p).ValueKind == JsonValueKind.Null ? null : e.GetProperty(p).GetDouble();
                var (a, r) = (t.GetProperty("acknowledge"), t.GetProperty("resolve"));
                Assert.Equal((acks.Count, BucketedPercentile(acks, 0.5), BucketedPercentile(acks, 0.9)), (a.GetProperty("count").GetInt32(), Num(a, "medianMinutes"), Num(a, "p90Minutes")));
                Assert.Equal((resolves.Count, BucketedPercentile(resolves, 0.5), BucketedPercentile(resolves, 0.9)), (r.GetProperty("count").GetInt32(), Num(r, "medianMinutes"), Num(r, "p90Minutes")));
            }
        }
    }

    [Fact]
    public async Task A_question_tap_retried_counts_once_and_a_new_tap_counts_again()
    {
        var station = "ts-cablecar-grid";
        var auth = GridAidFixture.Station(station);
        var tap = Guid.NewGuid().ToString();

        using var first = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/questions", auth, new { topic = "cable_car", tapId = tap });
        var one = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var retry = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/questions", auth, new { topic = "cable_car", tapId = tap });
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        using var next = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/questions", auth, new { topic = "weather", tapId = Guid.NewGuid().ToString() });
        var two = await next.Content.ReadFromJsonAsync<JsonElement>();
        using var otherStation = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/questions", GridAidFixture.Station("ts-tianjie-grid"), new { topic = "weather", tapId = Guid.NewGuid().ToString() });
        using var badTopic = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/questions", auth, new { topic = "gossip", tapId = Guid.NewGuid().ToString() });
        using var noTap = await f.SendAsync(HttpMethod.Post, $"/api/stations/{station}/questions", auth, new { topic = "weather" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(one.GetProperty("today").GetInt64(), again.GetProperty("today").GetInt64());
        Assert.Equal(one.GetProperty("today").GetInt64() + 1, two.GetProperty("today").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, otherStation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTopic.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTap.StatusCode);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(China).DateTime);
        var d = await DashboardAsync(today, today, station);
        Assert.Equal(two.GetProperty("today").GetInt64(), d.GetProperty("questionsAnswered").GetInt64());
    }

    [Fact]
    public async Task Dates_must_be_days_in_order_and_the_station_the_areas()
    {
        foreach (var (query, status) in new[]
        {
            ("from=2031-13-01", HttpStatusCode.BadRequest),
            ("from=2031-05-01&to=2031-04-01", HttpStatusCode.BadRequest),
            ("from=2020-01-01&to=2031-01-01", HttpStatusCode.BadRequest),
            ("station=nowhere", HttpStatusCode.NotFound),
            ("from=2031-05-01&to=2031-05-31", HttpStatusCode.OK),
        })
        {
            using var r = await f.SendAsync(HttpMethod.Get, "/api/admin/dashboard?" + query, GridAidFixture.TaishanAdmin);
            Assert.True(status == r.StatusCode, query + " → " + r.StatusCode);
        }
    }
}
