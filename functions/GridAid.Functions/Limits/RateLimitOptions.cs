using GridAid.Core.Routing;

namespace GridAid.Functions.Limits;

/// <summary>
/// The abuse limits (section <c>GridAid:RateLimits</c>; docs/rate-limits.md). They hold per instance of the app: in
/// Azure each instance keeps its own counts, and a Front Door rule is what makes a limit global.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Off: no request is refused and no lost-person flood is collapsed (the benchmark's load runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Behind a proxy (Front Door, a Static Web App's linked backend): take the client's address from
    /// <see cref="ForwardedForHeader"/> instead of the connection. Leave off when clients reach the app directly,
    /// or anyone can claim any address.
    /// </summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>
    /// The header the proxy sets; its last entry (the one the proxy itself added) is taken. Behind Front Door,
    /// <c>X-Azure-SocketIP</c> is the address Front Door's connection came from, which a client cannot set.
    /// </summary>
    public string ForwardedForHeader { get; set; } = "X-Forwarded-For";

    /// <summary>Most clients (or points) one limiter keeps a count for; newcomers past it share one count.</summary>
    public int MaxPartitions { get; set; } = 10_000;

    /// <summary>Reports (other than lost persons) one client address may send: POST /api/reports.</summary>
    public RateLimit ReportsPerClient { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Reports (other than lost persons) for one QR point, from anyone; reports without a known point share one count.</summary>
    public RateLimit ReportsPerPoint { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Wrong access codes one client address may present before its sign-ins are refused for a while.</summary>
    public RateLimit FailedSignInsPerClient { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// Wrong hand-over codes one station may type for one report before it waits (a six-digit code is a million guesses;
    /// the report also refuses every code after <c>HandoverCode.MaxWrongCodes</c> wrong ones in all, on any instance).
    /// </summary>
    public RateLimit WrongHandoverCodes { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(10) };

    /// <summary>How many lost-person reports from one point page in full before the rest are collapsed into one alert.</summary>
    public LostPersonFloodPolicy LostPersonFlood { get; set; } = new();

    /// <summary>Refuses settings no limiter can be built from, naming the setting.</summary>
    public void Validate()
    {
        ReportsPerClient.Validate(nameof(ReportsPerClient));
        ReportsPerPoint.Validate(nameof(ReportsPerPoint));
        FailedSignInsPerClient.Validate(nameof(FailedSignInsPerClient));
        WrongHandoverCodes.Validate(nameof(WrongHandoverCodes));
        LostPersonFlood.Validate();
        if (MaxPartitions < 1 || (TrustForwardedFor && string.IsNullOrWhiteSpace(ForwardedForHeader)))
        {
            throw new InvalidOperationException("GridAid:RateLimits needs MaxPartitions >= 1, and a ForwardedForHeader when TrustForwardedFor is on.");
        }
    }
}

/// <summary>
/// A token bucket: <see cref="PermitLimit"/> at once, and one more every <see cref="Window"/> / <see cref="PermitLimit"/>,
/// so at most <see cref="PermitLimit"/> per <see cref="Window"/> in the long run.
/// </summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    /// <summary>How long one permit takes to come back.</summary>
    public TimeSpan PermitEvery => Window / PermitLimit;

    internal void Validate(string name)
    {
        if (PermitLimit < 1 || Window <= TimeSpan.Zero || PermitEvery < TimeSpan.FromMilliseconds(1))
        {
            throw new InvalidOperationException($"GridAid:RateLimits:{name} needs PermitLimit >= 1 and a Window of at least PermitLimit milliseconds.");
        }
    }
}
