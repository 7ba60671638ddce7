using Microsoft.Extensions.DependencyInjection;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests.Figures;

/// <summary>A figure fact counts once however often it is recorded, in the roll-ups of the day and month it happened in.</summary>
[Collection(SharedGridAid.Name)]
public sealed class FigureStoreTests(GridAidFixture f)
{
    [Fact]
    public async Task A_fact_recorded_twice_counts_once_in_its_own_day_and_month_only()
    {
        var store = f.Host.Services.GetRequiredService<FigureStore>();
        var area = "fig" + Guid.NewGuid().ToString("N")[..8];
        // 23:30 UTC on 31 March is 07:30 on 1 April in the area (+8 h): an April day and month, in March's partition.
        var at = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);
        var fact = new FigureFact(area, FigureMetrics.QuestionsAnswered, "q-1", "ts-south-gate", at, 1);

        await store.RecordAsync(fact, CancellationToken.None);
        await store.RecordAsync(fact, CancellationToken.None);
        await store.RecordAsync(fact with { FactId = "q-2", At = at.AddDays(1) }, CancellationToken.None);

        var april1 = new DateOnly(2026, 4, 1);
        Assert.Equal(1, Count(await store.RollupsAsync(area, april1, april1, null, CancellationToken.None)));
        Assert.Equal(0, Count(await store.RollupsAsync(area, new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 31), null, CancellationToken.None)));
        Assert.Equal(2, Count(await store.RollupsAsync(area, april1, new DateOnly(2026, 4, 30), null, CancellationToken.None)));
        Assert.Equal(0, Count(await store.RollupsAsync(area, april1, new DateOnly(2026, 4, 30), "ts-other", CancellationToken.None)));
        Assert.Equal(["ts-south-gate"], await store.StationsCountingAsync(area, FigureMetrics.QuestionsAnswered, "q-1", april1, CancellationToken.None));
        Assert.Empty(await store.StationsCountingAsync(area, FigureMetrics.QuestionsAnswered, "q-2", april1, CancellationToken.None));
        Assert.Empty(await store.StationsCountingAsync(area, FigureMetrics.QuestionsAnswered, "q-3", april1, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_facts_of_one_station_and_day_each_count_once_even_when_each_is_recorded_twice_at_once()
    {
        var store = f.Host.Services.GetRequiredService<FigureStore>();
        var area = "fig" + Guid.NewGuid().ToString("N")[..8];
        var at = new DateTimeOffset(2026, 7, 15, 2, 0, 0, TimeSpan.Zero);
        var metric = FigureMetrics.With(FigureMetrics.MinutesToResolve, "tip");
        var facts = Enumerable.Range(0, 24).Select(i => new FigureFact(area, metric, $"r-{i}", "ts-south-gate", at.AddMinutes(i), i)).ToList();

        await Task.WhenAll(facts.Concat(facts).Select(x => Task.Run(() => store.RecordAsync(x, CancellationToken.None))));

        var day = new DateOnly(2026, 7, 15);
        var rows = await store.RollupsAsync(area, day, day, null, CancellationToken.None);
        var month = await store.RollupsAsync(area, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31), "ts-south-gate", CancellationToken.None);
        Assert.Equal(24, rows.Sum(r => r.Counts.GetValueOrDefault(metric)));
        Assert.Equal(Enumerable.Range(0, 24).Sum(), rows.Sum(r => r.Counts.GetValueOrDefault(metric + FigureRollup.SumSuffix)));
        Assert.Equal(24, month.Sum(r => r.Counts.GetValueOrDefault(metric)));
        foreach (var x in facts)
        {
            Assert.Equal(["ts-south-gate"], await store.StationsCountingAsync(area, metric, x.FactId, day, CancellationToken.None));
        }
    }

    private static double Count(IReadOnlyList<RollupRow> rows) => rows.Sum(r => r.Counts.GetValueOrDefault(FigureMetrics.QuestionsAnswered));
}
