using System.Threading.RateLimiting;

namespace GridAid.Functions.Limits;

/// <summary>
/// One token bucket per key (a client address, a point), bounded in memory: System.Threading.RateLimiting's partitioned
/// limiter drops a key's bucket once it has been full and unused for a while (10 s), and this caps how many keys hold
/// a bucket at once. Past <c>maxPartitions</c> keys, every newcomer shares one <see cref="Overflow"/> bucket until old
/// keys are dropped, so made-up addresses cost one bucket in total, not one each.
/// </summary>
public sealed class BoundedTokenBuckets : IDisposable
{
    /// <summary>The key newcomers share while the limiter is full.</summary>
    public const string Overflow = "*";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly int _maxPartitions;
    private readonly TokenBucketRateLimiterOptions _bucket;

    // Buckets alive per key (a dropped bucket may still be disposing when its key comes back, so a count, not a set).
    private readonly Dictionary<string, int> _live = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public BoundedTokenBuckets(RateLimit limit, int maxPartitions)
    {
        _maxPartitions = maxPartitions;
        _bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.PermitLimit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = limit.PermitEvery,
            QueueLimit = 0,
            // The partitioned limiter's own timer replenishes its buckets (no timer per bucket).
            AutoReplenishment = false,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.Get(Admit(key), k => new TrackedBucket(this, k, new TokenBucketRateLimiter(_bucket))),
            StringComparer.Ordinal);
    }

    /// <summary>How many keys hold a bucket now (at most the cap, plus the overflow bucket and a few being created at once).</summary>
    public int Partitions
    {
        get
        {
            lock (_lock)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>Takes a permit from the key's bucket, if it has one; a refused lease says when to come back.</summary>
    public RateLimitLease Acquire(string key) => _limiter.AttemptAcquire(key);

    /// <summary>
    /// Whether the key's bucket holds a whole permit, taking nothing. (Not <c>AttemptAcquire(key, 0)</c>: a bucket
    /// refills continuously, and that succeeds as soon as any fraction of a permit is back.)
    /// </summary>
    public bool HasPermit(string key) => _limiter.GetStatistics(key)?.CurrentAvailablePermits >= 1;

    public void Dispose() => _limiter.Dispose();

    private string Admit(string key)
    {
        lock (_lock)
        {
            return _live.ContainsKey(key) || _live.Count < _maxPartitions ? key : Overflow;
        }
    }

    private void Created(string key)
    {
        lock (_lock)
        {
            _live[key] = _live.GetValueOrDefault(key) + 1;
        }
    }

    private void Dropped(string key)
    {
        lock (_lock)
        {
            if (_live.TryGetValue(key, out var n) && n > 1)
            {
                _live[key] = n - 1;
            }
            else
            {
                _live.Remove(key);
            }
        }
    }

    /// <summary>A bucket that tells its owner when the partitioned limiter creates and drops it.</summary>
    private sealed class TrackedBucket : ReplenishingRateLimiter
    {
        private readonly BoundedTokenBuckets _owner;
        private readonly string _key;
        private readonly TokenBucketRateLimiter _inner;
        private int _disposed;

        public TrackedBucket(BoundedTokenBuckets owner, string key, TokenBucketRateLimiter inner)
        {
            (_owner, _key, _inner) = (owner, key, inner);
            owner.Created(key);
        }

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override bool IsAutoReplenishing => _inner.IsAutoReplenishing;

        public override TimeSpan ReplenishmentPeriod => _inner.ReplenishmentPeriod;

        public override bool TryReplenish() => _inner.TryReplenish();

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            _inner.AcquireAsync(permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _inner.Dispose();
                _owner.Dropped(_key);
            }

            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await _inner.DisposeAsync();
                _owner.Dropped(_key);
            }

            await base.DisposeAsyncCore();
        }
    }
}
