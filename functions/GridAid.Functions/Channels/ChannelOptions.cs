namespace GridAid.Functions.Channels;

/// <summary>How notices reach the stations' channels (<c>GridAid:Channels:…</c>; docs/channels.md).</summary>
public sealed class ChannelOptions
{
    /// <summary>
    /// Allows http and loopback or private addresses as channel targets: local runs (scripts/run-local.sh) and tests only.
    /// Off (the default), a channel must be https to a public address, checked when it is set and again on every post.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one post may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Posts per delivery before it is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's wait; each further one waits twice as long, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a worker's claim on a delivery lasts; a redelivered message waits it out rather than post twice.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the retry after <paramref name="attempt"/> (0-based) failed.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
