using GridAid.Core.Figures;
using GridAid.Core.Matching;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests.Figures;

/// <summary>The roll-up arithmetic: percentiles from buckets, age bands, a pair counted once, sums by month and station.</summary>
public class FigureRollupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "0_2")]
    [InlineData(2, "0_2")]
    [InlineData(3, "3_6")]
    [InlineData(6, "3_6")]
    [InlineData(12, "7_12")]
    [InlineData(17, "13_17")]
    [InlineData(18, "18_59")]
    [InlineData(59, "18_59")]
    [InlineData(60, "60_plus")]
    [InlineData(101, "60_plus")]
    public void Ages_fall_into_the_found_person_forms_bands(int age, string band) => Assert.Equal(band, AgeBands.Of(age));

    [Fact]
    public void Every_band_of_an_age_is_one_the_found_person_form_offers() =>
        Assert.All(Enumerable.Range(0, 121), a => Assert.Contains(AgeBands.Of(a), ReportDetailFields.AgeBands));

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void A_percentile_from_buckets_is_the_upper_bound_of_the_bucket_holding_the_exact_nearest_rank_value(double p)
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var values = Enumerable.Range(0, random.Next(1, 400)).Select(_ => Math.Round(Math.Exp(random.NextDouble() * 9) - 1, 2)).ToList();
            var counts = new Dictionary<string, double>();
            foreach (var v in values)
            {
                FigureRollup.Add(counts, new FigureFact("a", FigureMetrics.With(FigureMetrics.MinutesToResolve, "hazard"), "x", "s", T0, v));
            }

            var sorted = values.Order().ToList();
            var exact = sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
            var row = new RollupRow("s", "2026-05", counts);
            var timing = Dashboard.Compose(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), null, [row]).Timings.Single();
            var got = p == 0.5 ? timing.Resolve.MedianMinutes : timing.Resolve.P90Minutes;
            Assert.Equal(MinuteBuckets.Bounds[MinuteBuckets.IndexOf(exact)], got);
            Assert.True(got >= exact || exact > MinuteBuckets.Bounds[^1]);
            Assert.Equal(values.Count, timing.Resolve.Count);
        }
    }

    [Fact]
    public void No_values_no_percentile() =>
        Assert.Null(MinuteBuckets.Percentile(new Dictionary<int, long>(), 0.5));

    [Fact]
    public void Bucket_bounds_are_inclusive_and_a_value_past_the_last_counts_in_the_last()
    {
        Assert.Equal(0, MinuteBuckets.IndexOf(0));
        Assert.Equal(4, MinuteBuckets.IndexOf(5));
        Assert.Equal(5, MinuteBuckets.IndexOf(5.01));
        Assert.Equal(MinuteBuckets.Bounds.Count - 1, MinuteBuckets.IndexOf(1e9));
    }

    private static Report Resolved(ReportKind kind, Dictionary<string, string> details, string? matchWith = null, HandoverRecord? handover = null) => new()
    {
        AreaId = "taishan",
        TrackingCode = TrackingCode.Random(),
        Kind = kind,
        SubmittedAt = T0,
        Status = ReportStatus.Resolved,
        StationIds = ["p1", "g1"],
        Details = details,
        Match = matchWith is null ? null : new ReportMatch(matchWith, "p1", T0.AddMinutes(3), new LocalizedNote("派出所", "Police post")),
        Handover = handover,
        Timeline =
        [
            new(T0, ReportStatus.Received),
            new(T0.AddSeconds(2), ReportStatus.Routed),
            new(T0.AddMinutes(1.5), ReportStatus.Acknowledged, "g1"),
            new(T0.AddMinutes(2), ReportStatus.Routed, Note: TimelineNotes.Escalated),
            new(T0.AddMinutes(40), ReportStatus.Resolved, "p1", TimelineNotes.HandedOver),
        ],
    };

    [Fact]
    public void A_matched_child_counts_once_on_the_parents_report_with_its_age_band_and_both_times()
    {
        var lost = Resolved(ReportKind.LostPerson, new() { ["age"] = "5", ["clothing"] = "红" });
        var found = Resolved(ReportKind.FoundPerson, new() { ["ageBand"] = "7_12", ["clothing"] = "红", ["whereNow"] = "at_station" }, lost.TrackingCode);
        var facts = ReportFacts.Of(lost).Concat(ReportFacts.Of(found)).ToList();

        var people = facts.Where(x => FigureMetrics.BaseOf(x.Metric) == FigureMetrics.PeopleReunited).ToList();
        Assert.Equal([FigureMetrics.With(FigureMetrics.PeopleReunited, "3_6")], people.Select(x => x.Metric));
        Assert.Equal(lost.TrackingCode, people[0].FactId);
        Assert.Equal("p1", people[0].StationId);
        var ack = facts.Single(x => x.Metric == "minutesToAcknowledge.lost_person");
        Assert.Equal(("g1", 1.5), (ack.StationId, ack.Value!.Value));
        Assert.Equal(40, facts.Single(x => x.Metric == "minutesToResolve.lost_person").Value);
        Assert.Equal("p1", facts.Single(x => x.Metric == "reportsRouted.lost_person").StationId);
    }

    [Fact]
    public void An_item_is_returned_only_by_a_recorded_hand_over_and_a_pair_counts_once()
    {
        var handover = new HandoverRecord("王", "1234", "p1", T0.AddMinutes(50));
        var lost = Resolved(ReportKind.LostItem, new() { ["category"] = "bag" }, "FOUND", handover);
        var found = Resolved(ReportKind.FoundItem, new() { ["category"] = "bag" }, lost.TrackingCode);
        var resolvedWithoutHandover = Resolved(ReportKind.LostItem, new() { ["category"] = "phone" });

        var returned = new[] { lost, found, resolvedWithoutHandover }.SelectMany(ReportFacts.Of).Where(x => x.Metric == FigureMetrics.ItemsReturned).ToList();

        var one = Assert.Single(returned);
        Assert.Equal((lost.TrackingCode, "p1", handover.At), (one.FactId, one.StationId, one.At));
    }

    [Fact]
    public void A_step_records_only_the_facts_it_added_and_an_open_report_holds_no_resolution()
    {
        var done = Resolved(ReportKind.Hazard, new() { ["hazardType"] = "fire" });
        var open = done with { Status = ReportStatus.Acknowledged, Timeline = done.Timeline.Take(3).ToList() };

        Assert.DoesNotContain(ReportFacts.Of(open), x => x.Metric == FigureMetrics.HazardsFixed || x.Metric.StartsWith(FigureMetrics.MinutesToResolve, StringComparison.Ordinal));
        Assert.Equal([FigureMetrics.With(FigureMetrics.MinutesToResolve, "hazard"), FigureMetrics.HazardsFixed], ReportFacts.New(open, done).Select(x => x.Metric));
    }

    [Fact]
    public void A_redacted_report_keeps_its_resolver_and_resolution_time()
    {
        var done = Resolved(ReportKind.Hazard, new() { ["hazardType"] = "fire" });
        var redacted = done with { Timeline = [.. done.Timeline, new TimelineEntry(T0.AddDays(90), ReportStatus.Resolved, Note: TimelineNotes.Redacted)] };

        Assert.Equal(("p1", T0.AddMinutes(40)), ReportFacts.ResolutionOf(redacted));
        Assert.Equal(ReportFacts.Of(done), ReportFacts.Of(redacted));
    }

    [Fact]
    public void The_dashboard_sums_rows_by_month_and_station_and_filters_one_station()
    {
        RollupRow Row(string station, string month, params FigureFact[] facts)
        {
            var c = new Dictionary<string, double>();
            foreach (var x in facts)
            {
                FigureRollup.Add(c, x);
            }

            return new RollupRow(station, month, c);
        }

        FigureFact F(string metric, double? value = null) => new("a", metric, Guid.NewGuid().ToString(), "s", T0, value);
        var rows = new[]
        {
            Row("summit", "2026-01", F("peopleReunited.3_6"), F("peopleReunited.60_plus"), F("questionsAnswered.directions"), F("feedback", 5)),
            Row("summit", "2026-03", F("peopleReunited.0_2"), F("questionsAnswered.weather"), F("questionsAnswered.directions"), F("feedback", 2), F(FigureMetrics.InspectionsDone)),
            Row("gate", "2026-03", F("peopleReunited.18_59"), F("reportsRouted.tip"), F("reportsRouted.hazard"), F(FigureMetrics.RectificationsOverdue)),
        };

        var all = Dashboard.Compose(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, rows);
        var summit = Dashboard.Compose(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "summit", rows);

        Assert.Equal((4L, 2L, 1L), (all.PeopleReunited.Total, all.PeopleReunited.Children, all.PeopleReunited.Elders));
        Assert.Equal(3, all.QuestionsAnswered);
        Assert.Equal(2, all.QuestionsByTopic["directions"]);
        Assert.Equal((1L, 2L, 1L, 1L), (all.TipsPassed, all.ReportsRouted, all.InspectionsDone, all.RectificationsOverdue));
        Assert.Equal(new FeedbackScore(2, 3.5), all.Feedback);
        Assert.Equal(12, all.ByMonth.Count);
        Assert.Equal([2L, 0L, 2L], all.ByMonth.Take(3).Select(m => m.Figures.PeopleReunited));
        Assert.Equal(["gate", "summit"], all.ByStation.Select(s => s.StationId));
        Assert.Equal((3L, 2L), (summit.PeopleReunited.Total, summit.PeopleReunited.Children));
        Assert.Equal(0, summit.TipsPassed);
    }
}
