using System.Net;
using System.Threading.RateLimiting;
using GridAid.Functions.Limits;
using GridAid.TestSupport;
using Microsoft.AspNetCore.Http;

namespace GridAid.IntegrationTests.Limits;

/// <summary>The limiters' own rules, without a host: bounded partitions, Retry-After, and whose address counts.</summary>
public sealed class BoundedLimiterTests
{
    private static readonly RateLimit OnePerTenMinutes = new() { PermitLimit = 1, Window = TimeSpan.FromMinutes(10) };

    [Fact]
    public void Made_up_addresses_past_the_cap_share_one_bucket_instead_of_growing_memory()
    {
        using var buckets = new BoundedTokenBuckets(OnePerTenMinutes, maxPartitions: 100);

        var admitted = Enumerable.Range(0, 10_000).Count(i =>
        {
            using var lease = buckets.Acquire("10.0." + (i / 250) + "." + (i % 250));
            return lease.IsAcquired;
        });

        Assert.InRange(buckets.Partitions, 100, 101);
        // 100 keys with a bucket each, then the newcomers' shared bucket: one permit for all of them.
        Assert.Equal(101, admitted);
    }

    [Fact]
    public async Task A_bucket_full_again_and_unused_is_dropped_so_its_memory_comes_back()
    {
        using var buckets = new BoundedTokenBuckets(new RateLimit { PermitLimit = 1, Window = TimeSpan.FromMilliseconds(50) }, maxPartitions: 1_000);
        for (var i = 0; i < 500; i++)
        {
            using var _ = buckets.Acquire("key-" + i);
        }

        Assert.Equal(500, buckets.Partitions);
        // The partitioned limiter drops a bucket 10 s after it is full again.
        await Eventually.Get<object>(async () =>
        {
            await Task.Yield();
            return buckets.Partitions == 0 ? new object() : null;
        }, TimeSpan.FromSeconds(60), "idle buckets to be dropped");
    }

    [Fact]
    public void A_refusal_says_when_to_come_back_and_asking_takes_nothing()
    {
        using var buckets = new BoundedTokenBuckets(new RateLimit { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) }, 10);

        Assert.True(buckets.HasPermit("a"));
        Assert.True(buckets.HasPermit("a"));
        Assert.True(buckets.Acquire("a").IsAcquired);
        Assert.True(buckets.Acquire("a").IsAcquired);
        using var refused = buckets.Acquire("a");
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.False(buckets.HasPermit("a"));
        Assert.True(buckets.Acquire("b").IsAcquired);
    }

    [Fact]
    public async Task A_fraction_of_a_permit_back_is_no_permit()
    {
        using var buckets = new BoundedTokenBuckets(new RateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(30) }, 10);
        using (buckets.Acquire("a"))
        {
        }

        // The bucket refills continuously; the partitioned limiter tops it up every 100 ms.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.False(buckets.HasPermit("a"));
        using var lease = buckets.Acquire("a");
        Assert.False(lease.IsAcquired);
    }

    [Theory]
    [InlineData(false, "203.0.113.9", "127.0.0.1")]
    [InlineData(true, "203.0.113.9", "203.0.113.9")]
    [InlineData(true, "1.2.3.4, 203.0.113.9", "203.0.113.9")]
    [InlineData(true, "1.2.3.4,203.0.113.9:50432", "203.0.113.9")]
    [InlineData(true, "[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64")]
    [InlineData(true, "2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData(true, "not an address", "127.0.0.1")]
    [InlineData(true, null, "127.0.0.1")]
    public void The_client_is_the_connection_unless_a_proxy_is_trusted_and_then_the_entry_it_added(bool trusted, string? header, string expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        if (header is not null)
        {
            http.Request.Headers["X-Forwarded-For"] = header;
        }

        Assert.Equal(expected, ClientAddress.Of(http.Request, new RateLimitOptions { TrustForwardedFor = trusted }));
    }

    [Fact]
    public void An_ipv4_mapped_connection_counts_as_ipv4_and_an_unknown_one_as_one_client()
    {
        var http = new DefaultHttpContext();
        Assert.Equal(ClientAddress.Unknown, ClientAddress.Of(http.Request, new RateLimitOptions()));

        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9").MapToIPv6();
        Assert.Equal("203.0.113.9", ClientAddress.Of(http.Request, new RateLimitOptions()));
    }

    [Fact]
    public void Settings_no_limiter_can_be_built_from_are_refused_by_name()
    {
        var options = new RateLimitOptions { ReportsPerPoint = new RateLimit { PermitLimit = 0, Window = TimeSpan.FromMinutes(1) } };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("ReportsPerPoint", error.Message, StringComparison.Ordinal);
    }
}
