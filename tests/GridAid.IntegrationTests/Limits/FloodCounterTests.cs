using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests.Limits;

/// <summary>
/// The flood counter of a point's window counts every lost-person report once, in order, when two instances count
/// into the same window: each remembers the counter it wrote last, and the other's write makes that memory fail and be
/// read again, never count a place twice.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class FloodCounterTests(GridAidFixture f)
{
    [Fact]
    public async Task Two_instances_counting_into_one_window_give_every_report_its_own_place_once()
    {
        var storage = f.Host.Services.GetRequiredService<StorageClients>();
        FloodStore[] instances = [new(storage), new(storage)];
        var window = FloodKeys.Partition("taishan", "p-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow);

        var places = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            // Alternating instances, then a few at once, then repeats of reports already counted.
            places.Add((await instances[i % 2].CountAsync(window, $"R{i:D3}", $"key-{i}", 5, CancellationToken.None)).Ordinal);
        }

        var together = await Task.WhenAll(Enumerable.Range(12, 8).Select(i => instances[i % 2].CountAsync(window, $"R{i:D3}", $"key-{i}", 5, CancellationToken.None)));
        places.AddRange(together.Select(p => p.Ordinal));
        var again = await instances[1].CountAsync(window, "R000", "key-0", 5, CancellationToken.None);
        var summary = await instances[0].CountAsync(window, "R020", "key-20", 5, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), places.Order());
        Assert.Equal(1, again.Ordinal);
        Assert.Equal(21, summary.Ordinal);
        Assert.Equal("key-4", summary.SummaryReportKey); // the fifth report counted became the window's summary
        Assert.Equal(21, await instances[1].HighestAsync(window, CancellationToken.None));
    }
}
