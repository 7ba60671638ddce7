namespace GridAid.LocalHost.Functions;

/// <summary>
/// What the local host's queue and timer listeners share about stopping, as the Functions host drains: no new work
/// once the app starts stopping (<see cref="IHostApplicationLifetime.ApplicationStopping"/> fires before any hosted
/// service is stopped, so no listener keeps taking work while another one drains), work in flight runs to its end,
/// and its cancellation token fires only when the host's shutdown timeout (<see cref="HostOptions.ShutdownTimeout"/>)
/// runs out.
/// </summary>
public abstract class TriggerListener(IHostApplicationLifetime? lifetime) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    /// <summary>
    /// Runs the listener. <paramref name="stopping"/>: take no new work; <paramref name="abort"/>: the shutdown timeout
    /// ran out, cancel what still runs (the token given to functions and to storage calls).
    /// </summary>
    protected abstract Task ListenAsync(CancellationToken stopping, CancellationToken abort);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime?.ApplicationStopping ?? CancellationToken.None);
        await ListenAsync(stopping.Token, _abort.Token);
    }

    /// <summary>Stops taking work and waits for work in flight; <paramref name="cancellationToken"/> (the shutdown timeout) cancels it.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var abortOnTimeout = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            // base.StopAsync returns from its own callback on the token, which may run before the one above.
            await _abort.CancelAsync();
        }
    }

    public override void Dispose()
    {
        // Cancelled, not disposed: work that outlived the shutdown timeout may still read the token.
        _abort.Cancel();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
