namespace GridAid.TestSupport;

/// <summary>
/// Polls until an asynchronous effect shows, or the timeout passes. Waits; never measures. The timeout has no
/// default: each caller derives it from what it waits for (<see cref="TestTimings"/>).
/// </summary>
public static class Eventually
{
    /// <summary>How often the probe runs.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(PollInterval);
        }
    }
}
