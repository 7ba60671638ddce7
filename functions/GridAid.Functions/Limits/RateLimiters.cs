using System.Threading.RateLimiting;

namespace GridAid.Functions.Limits;

/// <summary>
/// The app's limiters, one instance per app instance (see <see cref="RateLimitOptions"/>): reports per client address
/// and per QR point, and failed sign-ins per client address. Each answer is null (go ahead) or how long to wait.
/// A lost-person report is never asked about: <c>ReportAcceptance</c> lets it through whatever the counts say.
/// </summary>
public sealed class RateLimiters : IDisposable
{
    private readonly BoundedTokenBuckets? _reportsPerClient;
    private readonly BoundedTokenBuckets? _reportsPerPoint;
    private readonly BoundedTokenBuckets? _failedSignIns;
    private readonly BoundedTokenBuckets? _wrongHandoverCodes;

    public RateLimiters(IOptions<GridAidOptions> options)
    {
        Options = options.Value.RateLimits;
        if (!Options.Enabled)
        {
            return;
        }

        Options.Validate();
        _reportsPerClient = new BoundedTokenBuckets(Options.ReportsPerClient, Options.MaxPartitions);
        _reportsPerPoint = new BoundedTokenBuckets(Options.ReportsPerPoint, Options.MaxPartitions);
        _failedSignIns = new BoundedTokenBuckets(Options.FailedSignInsPerClient, Options.MaxPartitions);
        _wrongHandoverCodes = new BoundedTokenBuckets(Options.WrongHandoverCodes, Options.MaxPartitions);
    }

    public RateLimitOptions Options { get; }

    public bool Enabled => Options.Enabled;

    /// <summary>How many clients each limiter keeps a count for now (for tests and diagnostics).</summary>
    public (int ReportClients, int ReportPoints, int SignInClients) Partitions =>
        (_reportsPerClient?.Partitions ?? 0, _reportsPerPoint?.Partitions ?? 0, _failedSignIns?.Partitions ?? 0);

    /// <summary>The key the client limits count this request against.</summary>
    public string ClientOf(HttpRequest request) => ClientAddress.Of(request, Options);

    /// <summary>One report (not a lost person) from <paramref name="client"/>: null, or when to try again.</summary>
    public TimeSpan? RefuseReportFrom(string client) => _reportsPerClient is null ? null : RetryAfter(_reportsPerClient.Acquire(client));

    /// <summary>One report (not a lost person) for <paramref name="point"/>, from anyone: null, or when to try again.</summary>
    public TimeSpan? RefuseReportAt(string point) => _reportsPerPoint is null ? null : RetryAfter(_reportsPerPoint.Acquire(point));

    /// <summary>
    /// Whether <paramref name="client"/> has used up its wrong codes: null, or when to try again. Asking takes nothing;
    /// only <see cref="SignInFailed"/> does, so a station signing in correctly never uses its allowance.
    /// </summary>
    public TimeSpan? RefuseSignIn(string client)
    {
        if (_failedSignIns is null || _failedSignIns.HasPermit(client))
        {
            return null;
        }

        // Less than a whole permit left: the refused acquisition takes nothing and says when one is back. (Should one
        // come back just now, it is taken and the sign-in goes ahead: a wrong code then costs a permit twice.)
        return RetryAfter(_failedSignIns.Acquire(client));
    }

    /// <summary>Counts one wrong or malformed credential from <paramref name="client"/>.</summary>
    public void SignInFailed(string client)
    {
        using var _ = _failedSignIns?.Acquire(client);
    }

    /// <summary>Whether <paramref name="key"/> (a station and a report) has used up its wrong hand-over codes: null, or when to try again.</summary>
    public TimeSpan? RefuseHandoverCheck(string key) =>
        _wrongHandoverCodes is null || _wrongHandoverCodes.HasPermit(key) ? null : RetryAfter(_wrongHandoverCodes.Acquire(key));

    /// <summary>Counts one wrong hand-over code for <paramref name="key"/>.</summary>
    public void HandoverCodeWrong(string key)
    {
        using var _ = _wrongHandoverCodes?.Acquire(key);
    }

    public void Dispose()
    {
        _reportsPerClient?.Dispose();
        _reportsPerPoint?.Dispose();
        _failedSignIns?.Dispose();
        _wrongHandoverCodes?.Dispose();
    }

    /// <summary>Null for an acquired lease; otherwise the wait it names (at least a second).</summary>
    private static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        using (lease)
        {
            if (lease.IsAcquired)
            {
                return null;
            }

            return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        }
    }
}
