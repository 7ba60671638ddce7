using System.Diagnostics;
using GridAid.TestSupport;
using Xunit.Abstractions;

namespace GridAid.FaultTests;

/// <summary>
/// An accepted report reaches its stations within 30 seconds whatever fails. Azurite and the local host run as
/// processes; a burst of reports from concurrent clients (each retrying with its request id until it gets a 202)
/// meets a host killed twice, or storage frozen and then restarted. Afterwards every tracking code that got a 202 is
/// routed within <see cref="FaultScenario.RoutedWithin"/> of the host or storage coming back (or of its 202, if
/// later), has one alert at each of its stations and none elsewhere, lists no station twice, and no client saw a 500.
/// </summary>
public class FaultTests(ITestOutputHelper output)
{
    private const int Reports = 640;
    private const int Clients = 16;

    /// <summary>The longest a burst may take, outages included, before the test gives up on it.</summary>
    private static readonly TimeSpan BurstTimeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reports_sent_while_the_host_is_killed_twice_are_each_routed_once_within_30_seconds_of_its_restart()
    {
        var clock = Stopwatch.StartNew();
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(HostEnvironment(azurite));
        var burst = new ReportBurst(host.BaseAddress, Reports, Clients, clock);
        using var cancel = new CancellationTokenSource(BurstTimeout);
        var run = burst.RunAsync(cancel.Token);

        var backAt = TimeSpan.Zero;
        foreach (var accepted in new[] { Reports / 4, Reports * 2 / 3 })
        {
            await WaitAcceptedAsync(burst, accepted, run);
            var killedAt = clock.Elapsed;
            await host.KillAsync();
            await host.StartAgainAsync();
            backAt = clock.Elapsed;
            output.WriteLine($"SIGKILL at {killedAt.TotalSeconds:0.0} s ({burst.AcceptedCount} accepted); healthy again at {backAt.TotalSeconds:0.0} s");
        }

        await run;
        await AssertEveryReportRoutedOnceAsync(host, burst, backAt, clock);
    }

    [Fact]
    public async Task Reports_sent_while_storage_is_frozen_then_restarted_are_each_routed_once_within_30_seconds_of_its_return()
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), "gridaid-fault-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            await using var azurite = await AzuriteInstance.StartAsync(folder);
            await using var host = await LocalHostProcess.StartAsync(HostEnvironment(azurite));
            var burst = new ReportBurst(host.BaseAddress, Reports, Clients, clock);
            using var cancel = new CancellationTokenSource(BurstTimeout);
            var run = burst.RunAsync(cancel.Token);

            await WaitAcceptedAsync(burst, Reports / 4, run);
            var frozenAt = clock.Elapsed;
            azurite.Freeze();
            await Task.Delay(Freeze);
            azurite.Resume();
            output.WriteLine($"SIGSTOP at {frozenAt.TotalSeconds:0.0} s ({burst.AcceptedCount} accepted); SIGCONT at {clock.Elapsed.TotalSeconds:0.0} s");

            await WaitAcceptedAsync(burst, Reports * 2 / 3, run);
            var stoppedAt = clock.Elapsed;
            await azurite.StopAsync();
            await azurite.RestartAsync();
            var backAt = clock.Elapsed;
            output.WriteLine($"SIGTERM at {stoppedAt.TotalSeconds:0.0} s ({burst.AcceptedCount} accepted); restarted on its data folder at {backAt.TotalSeconds:0.0} s");

            await run;
            await AssertEveryReportRoutedOnceAsync(host, burst, backAt, clock);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> HostEnvironment(AzuriteInstance azurite) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["GridAid__SeedDemoData"] = "true",
        // The burst comes from one address (loopback) at one point: the abuse limits (tested in Limits/) would refuse most of it.
        ["GridAid__RateLimits__Enabled"] = "false",
        // Every alert of the burst in one inbox read.
        ["GridAid__InboxSize"] = "5000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_NOLOGO"] = "1",
    };

    private static async Task WaitAcceptedAsync(ReportBurst burst, int count, Task run)
    {
        var waited = Stopwatch.StartNew();
        while (burst.AcceptedCount < count)
        {
            if (run.IsCompleted)
            {
                await run;
                throw new InvalidOperationException($"The burst ended with {burst.AcceptedCount} accepted, before {count}.");
            }

            if (waited.Elapsed > BurstTimeout)
            {
                throw new TimeoutException($"Only {burst.AcceptedCount} of {count} reports accepted after {BurstTimeout.TotalSeconds} s.");
            }

            await Task.Delay(10);
        }
    }

    private async Task AssertEveryReportRoutedOnceAsync(LocalHostProcess host, ReportBurst burst, TimeSpan backAt, Stopwatch clock)
    {
        var accepted = burst.Accepted.ToList();
        var failures = new List<string>();
        failures.AddRange(burst.Problems.Take(20).Select(p => "client saw " + p));
        if (burst.Problems.Count > 20)
        {
            failures.Add($"… and {burst.Problems.Count - 20} more answers that break the contract");
        }

        if (accepted.Count != Reports)
        {
            failures.Add($"{accepted.Count} of {Reports} reports got a 202");
        }

        if (accepted.Select(a => a.TrackingCode).Distinct().Count() != accepted.Count)
        {
            failures.Add("two submissions got the same tracking code");
        }

        TimeSpan Deadline(AcceptedReport a) => (a.At > backAt ? a.At : backAt) + FaultScenario.RoutedWithin;
        var audit = new RoutingAudit(host.BaseAddress, clock);
        await audit.WaitRoutedAsync([.. accepted.Select(a => a.TrackingCode)], accepted.Count == 0 ? clock.Elapsed : accepted.Max(Deadline) + TimeSpan.FromSeconds(1));
        var routedAt = clock.Elapsed;

        var unrouted = accepted.Where(a => !audit.Routed.ContainsKey(a.TrackingCode)).ToList();
        if (unrouted.Count > 0)
        {
            failures.Add($"{unrouted.Count} accepted reports still 'received' {FaultScenario.RoutedWithin.TotalSeconds} s after the last recovery, e.g. "
                + string.Join(", ", unrouted.Take(5).Select(a => $"{a.TrackingCode} (202 at {a.At.TotalSeconds:0.0} s)")));
        }

        var late = accepted.Where(a => audit.Routed.TryGetValue(a.TrackingCode, out var r) && r.At > Deadline(a)).ToList();
        if (late.Count > 0)
        {
            failures.Add($"{late.Count} reports routed later than {FaultScenario.RoutedWithin.TotalSeconds} s after the last recovery");
        }

        var targets = FaultScenario.Targets.Order(StringComparer.Ordinal).ToList();
        var wrongStations = audit.Routed.Where(r => r.Value.Stations.Length != r.Value.Stations.Distinct().Count()
            || !r.Value.Stations.Order(StringComparer.Ordinal).SequenceEqual(targets)).ToList();
        if (wrongStations.Count > 0)
        {
            failures.Add($"{wrongStations.Count} reports list other stations than [{string.Join(", ", targets)}] or one twice, e.g. "
                + string.Join("; ", wrongStations.Take(3).Select(w => $"{w.Key}: [{string.Join(", ", w.Value.Stations)}]")));
        }

        var alerts = await audit.AlertsByStationAsync();
        foreach (var (station, byCode) in alerts)
        {
            var expected = targets.Contains(station) ? 1 : 0;
            var wrong = accepted.Where(a => byCode.GetValueOrDefault(a.TrackingCode) != expected).ToList();
            if (wrong.Count > 0)
            {
                failures.Add($"{station}: {wrong.Count} reports without exactly {expected} alert there, e.g. "
                    + string.Join(", ", wrong.Take(5).Select(a => $"{a.TrackingCode} ({byCode.GetValueOrDefault(a.TrackingCode)})")));
            }
        }

        var slowest = audit.Routed.Values.Select(r => r.At).DefaultIfEmpty().Max();
        output.WriteLine($"{accepted.Count} accepted by {accepted.Select(a => a.At).DefaultIfEmpty().Max().TotalSeconds:0.0} s; answers {burst.StatusSummary}; "
            + $"{burst.TransportFailures} refused or timed-out requests retried; last report seen routed at {slowest.TotalSeconds:0.0} s "
            + $"({(slowest - backAt).TotalSeconds:0.0} s after the last recovery); audit done at {routedAt.TotalSeconds:0.0} s");
        if (failures.Count > 0)
        {
            output.WriteLine("Host log tail:" + Environment.NewLine + host.LogTail());
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
