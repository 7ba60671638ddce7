using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests.Limits;

/// <summary>
/// Look-ups that find nothing are cached, but only up to a cap, and never at the expense of what was found: a stream
/// of made-up codes cannot push a real point out and turn its look-ups into storage reads.
/// </summary>
[Collection(LimitedGridAid.Name)]
public sealed class DirectoryCacheBoundTests(LimitsFixture f)
{
    [Fact]
    public async Task Made_up_codes_past_the_miss_cap_never_push_out_a_real_point()
    {
        // A cache of its own on the host's store, on a stopped clock: nothing expires while the flood runs.
        var cache = new DirectoryCache(f.Get<DirectoryStore>(), f.Get<DeviceStore>(), new StoppedClock(DateTimeOffset.UtcNow));
        const string real = "ts-riguan-peak";
        Assert.Equal("taishan", await cache.AreaOfPointAsync(real, CancellationToken.None));
        var readsOfReal = f.TableRequestsMentioning(real);

        var run = "yy" + Guid.NewGuid().ToString("N")[..10];
        var made = DirectoryCache.MaxMisses + (DirectoryCache.MaxMisses / 5);
        for (var start = 0; start < made; start += 50)
        {
            await Task.WhenAll(Enumerable.Range(start, 50).Select(i => cache.AreaOfPointAsync($"{run}-{i}", CancellationToken.None)));
        }

        Assert.InRange(cache.MissCounts.Points, 1, DirectoryCache.MaxMisses);
        Assert.Equal("taishan", await cache.AreaOfPointAsync(real, CancellationToken.None));
        Assert.Equal(readsOfReal, f.TableRequestsMentioning(real));

        // A miss still cached costs no read either.
        var last = $"{run}-{made - 1}";
        var readsOfLast = f.TableRequestsMentioning(last);
        Assert.Null(await cache.AreaOfPointAsync(last, CancellationToken.None));
        Assert.Equal(readsOfLast, f.TableRequestsMentioning(last));
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
