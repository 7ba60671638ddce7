using Microsoft.Extensions.DependencyInjection;
using GridAid.Core.Figures;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests.Figures;

/// <summary>A figure fact counts once however often it is recorded, and is read back by the span it happened in.</summary>
[Collection(SharedGridAid.Name)]
public sealed class FigureStoreTests(GridAidFixture f)
{
    [Fact]
    public async Task A_fact_recorded_twice_is_one_row_and_reads_back_within_its_span_only()
    {
        var store = f.Host.Services.GetRequiredService<FigureStore>();
        var area = "fig" + Guid.NewGuid().ToString("N")[..8];
        var at = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);
        var fact = new FigureFact(area, FigureMetrics.QuestionsAnswered, "q-1", "ts-south-gate", at, 1);

        await store.RecordAsync(fact, CancellationToken.None);
        await store.RecordAsync(fact, CancellationToken.None);
        await store.RecordAsync(fact with { FactId = "q-2", At = at.AddHours(1) }, CancellationToken.None);

        var march = await store.ListAsync(area, at.AddDays(-30), at.AddMinutes(1), CancellationToken.None).ToListAsync();
        Assert.Equal([fact], march);
        var both = await store.ListAsync(area, at.AddDays(-30), at.AddDays(30), CancellationToken.None).ToListAsync();
        Assert.Equal(["q-1", "q-2"], both.Select(x => x.FactId).Order());
    }
}
