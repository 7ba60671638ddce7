using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests.Figures;

/// <summary>Which station's roll-ups counted a fact recorded during a test (today or yesterday, local time).</summary>
public static class CountedFacts
{
    /// <summary>The stations whose roll-ups of today or yesterday counted the fact: one when it was counted once.</summary>
    public static async Task<List<string>> StationsCountingLatelyAsync(this FigureStore store, string areaId, string metric, string factId)
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(store.LocalOffset).DateTime);
        return [.. await store.StationsCountingAsync(areaId, metric, factId, today, CancellationToken.None),
            .. await store.StationsCountingAsync(areaId, metric, factId, today.AddDays(-1), CancellationToken.None)];
    }
}
