using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Demo;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.Options;

namespace GridAid.Benchmarks;

/// <summary>
/// Recovery from a hard kill. A fresh Azurite and the built local host as a child process (the in-process host would
/// route this burst, and cannot be killed); a burst of reports of every kind from concurrent clients, each retrying its
/// report with the same <c>clientRequestId</c> until it gets a 202, as the phone does; a SIGKILL once half of them are
/// accepted; then, with the host down, a count from storage of the accepted reports still <c>received</c> (stranded);
/// then the host is started again. Measured: from that restart until <b>every</b> tracking code that got a 202 is
/// past <c>received</c> — the maximum, read from storage for each pending code every <see cref="PollInterval"/>.
/// Stranded reports come back when the dead process's message leases lapse (10 s), or through the sweeper (a report
/// written but never queued: still received after <c>GridAid:Sweeper:StrandedAfter</c>, 20 s, swept every 10 s).
/// </summary>
public static class RestartMode
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long after the restart the mode waits for the last report before it counts it as unrouted.</summary>
    public static readonly TimeSpan RoutedTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan BurstTimeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan TransportRetry = TimeSpan.FromMilliseconds(250);

    public static async Task<RestartResult> RunAsync(EventSink? sink, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        log.Line("restart: starting a fresh Azurite and the local host as a child process …");
        await using var azurite = await AzuriteInstance.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["GridAid__SeedDemoData"] = "true",
            // One address sends the whole burst: no abuse limits (as in the in-process host's load runs).
            ["GridAid__RateLimits__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (sink is not null)
        {
            foreach (var (key, value) in sink.Settings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
            }
        }

        await using var host = await ChildHost.StartAsync(environment, ct);
        var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));
        var reports = new ReportStore(storage);
        using var http = Workload.CreateClient(host.BaseAddress);
        http.Timeout = TimeSpan.FromSeconds(10);
        var workload = new Workload(http);

        var clock = Stopwatch.StartNew();
        var accepted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var answers = new ConcurrentDictionary<int, int>();
        var problems = new ConcurrentQueue<string>();
        var transport = 0;
        using var burstTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        burstTimeout.CancelAfter(BurstTimeout);
        var plans = Enumerable.Range(0, o.RestartReports).Select(_ => workload.Next()).ToList();
        var burst = Task.WhenAll(Enumerable.Range(0, o.RestartClients).Select(client => Task.Run(async () =>
        {
            for (var i = client; i < plans.Count; i += o.RestartClients)
            {
                if (await SubmitUntilAcceptedAsync(http, plans[i], answers, problems, () => Interlocked.Increment(ref transport), burstTimeout.Token) is { } code)
                {
                    accepted.TryAdd(code, Stopwatch.GetTimestamp());
                }
            }
        }, burstTimeout.Token)));

        // Mid-burst: SIGKILL once half the reports are accepted.
        while (accepted.Count < o.RestartReports / 2 && !burst.IsCompleted)
        {
            await Task.Delay(5, ct);
        }

        await host.KillAsync();
        var killedAt = Stopwatch.GetTimestamp();
        var killAtSeconds = clock.Elapsed.TotalSeconds;
        var beforeKill = accepted.Keys.ToList();
        log.Line($"restart: SIGKILL at {killAtSeconds:F1} s with {beforeKill.Count} accepted; counting stranded reports in storage …");

        // Nothing changes in storage while the host is down: who is still received now is stranded at the restart.
        var routedAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var stranded = 0;
        await Parallel.ForEachAsync(beforeKill, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (code, token) =>
        {
            if (await reports.FindByCodeAsync(code, token) is { Report.Status: ReportStatus.Received })
            {
                Interlocked.Increment(ref stranded);
            }
            else
            {
                routedAt.TryAdd(code, killedAt);
            }
        });
        var strandedCodes = beforeKill.Where(c => !routedAt.ContainsKey(c)).ToHashSet(StringComparer.Ordinal);
        var strandedInStorage = 0;
        await foreach (var entry in reports.ListReceivedAsync(TaishanDemo.AreaId, ct))
        {
            if (await reports.GetAsync(TaishanDemo.AreaId, entry.ReportKey, ct) is { Report.Status: ReportStatus.Received })
            {
                strandedInStorage++;
            }
        }

        var restartedAt = Stopwatch.GetTimestamp();
        var downSeconds = Stopwatch.GetElapsedTime(killedAt, restartedAt).TotalSeconds;
        log.Line($"restart: {stranded} of {beforeKill.Count} accepted reports still received ({strandedInStorage} received reports in storage); restarting after {downSeconds:F2} s down …");

        // Watch from the restart on: every accepted code (those still to come too) until it is past received.
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watcher = WatchAsync(reports, accepted, routedAt, stopWatching.Token);
        await host.StartAgainAsync(ct);
        var healthyAt = Stopwatch.GetTimestamp();
        var healthySeconds = Stopwatch.GetElapsedTime(restartedAt, healthyAt).TotalSeconds;
        log.Line($"restart: healthy {healthySeconds:F2} s after the restart");

        using (log.Ticker("restart: waiting until every accepted report is routed", () => $"{accepted.Count} accepted, {accepted.Keys.Count(c => !routedAt.ContainsKey(c))} not routed yet"))
        {
            try
            {
                await burst;
            }
            catch (OperationCanceledException) when (burstTimeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                problems.Enqueue($"the burst did not finish within {BurstTimeout.TotalSeconds:F0} s");
            }

            while (accepted.Keys.Any(c => !routedAt.ContainsKey(c)) && Stopwatch.GetElapsedTime(restartedAt) < RoutedTimeout)
            {
                await Task.Delay(50, ct);
            }

            await stopWatching.CancelAsync();
            await watcher;
        }

        var all = accepted.Keys.ToList();
        var unrouted = all.Count(c => !routedAt.ContainsKey(c));
        var afterRestart = all.Where(routedAt.ContainsKey).Select(c => routedAt[c]).Where(at => at > restartedAt).ToList();
        double? Max(long from) => unrouted > 0 || afterRestart.Count == 0 ? null : Math.Round(Stopwatch.GetElapsedTime(from, afterRestart.Max()).TotalSeconds, 2);
        var strandedSeconds = strandedCodes.Where(routedAt.ContainsKey).Select(c => Stopwatch.GetElapsedTime(restartedAt, routedAt[c]).TotalSeconds).ToList();
        // Queued and free: routed as soon as the new host polls. Leased by the dead process: its lease (10 s from the
        // last renewal, before the kill) lapses. Later: the sweeper (still received after StrandedAfter, swept every 10 s).
        var startup = healthySeconds + 1;
        var leased = 11 - downSeconds;
        string S(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var within = new Dictionary<string, int>
        {
            [$"by healthy + 1 s ({S(startup)} s)"] = strandedSeconds.Count(s => s <= startup),
            [$"by kill + 11 s ({S(leased)} s): a lapsed lease"] = strandedSeconds.Count(s => s > startup && s <= leased),
            ["later: the sweeper"] = strandedSeconds.Count(s => s > Math.Max(startup, leased)),
            ["not routed"] = strandedCodes.Count(c => !routedAt.ContainsKey(c)),
        };
        var redrives = host.Log.Count(l => l.Contains("Re-drove stranded report", StringComparison.Ordinal));
        var result = new RestartResult(
            o.RestartReports,
            o.RestartClients,
            Math.Round(killAtSeconds, 2),
            beforeKill.Count,
            stranded,
            strandedInStorage,
            Math.Round(downSeconds, 2),
            Math.Round(healthySeconds, 2),
            all.Count,
            unrouted,
            Max(restartedAt),
            Max(healthyAt),
            Percentiles.Of(strandedSeconds.Select(s => s * 1000)),
            within,
            redrives,
            PollInterval.TotalMilliseconds,
            string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")),
            Volatile.Read(ref transport),
            [.. problems.Take(20)],
            $"dotnet {Path.GetFileName(ChildHost.DllPath)} --urls http://127.0.0.1:<free port>");
        log.Line($"restart: {all.Count} accepted, {stranded} stranded; every one routed {result.MaxRoutedAfterRestartSeconds?.ToString("F2", CultureInfo.InvariantCulture) ?? "–"} s after the restart " +
            $"({unrouted} not routed, {redrives} sweeper re-drives)");
        if (unrouted > 0)
        {
            log.Line("restart: host log tail:" + Environment.NewLine + host.LogTail());
        }

        return result;
    }

    /// <summary>Reads each accepted code not yet routed from storage, one pass every <see cref="PollInterval"/>; notes when its read first saw it routed.</summary>
    private static async Task WatchAsync(ReportStore reports, ConcurrentDictionary<string, long> accepted, ConcurrentDictionary<string, long> routedAt, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var pending = accepted.Keys.Where(c => !routedAt.ContainsKey(c)).ToList();
            try
            {
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (code, token) =>
                {
                    try
                    {
                        if (await reports.FindByCodeAsync(code, token) is { } stored && stored.Report.Status != ReportStatus.Received)
                        {
                            routedAt.TryAdd(code, Stopwatch.GetTimestamp());
                        }
                    }
                    catch (Azure.RequestFailedException)
                    {
                        // Read again on the next pass.
                    }
                });
                await Task.Delay(PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends one report until it gets a 202, as the phone does: again after a refused connection or a timeout, after a 503 or 429 once its Retry-After has passed.</summary>
    private static async Task<string?> SubmitUntilAcceptedAsync(
        HttpClient http, PlannedReport plan, ConcurrentDictionary<int, int> answers, ConcurrentQueue<string> problems, Action transportFailure, CancellationToken ct)
    {
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync("api/reports", plan.Body, ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                transportFailure();
                await Task.Delay(TransportRetry, ct);
                continue;
            }

            using (response)
            {
                answers.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    return json.GetProperty("trackingCode").GetString();
                }

                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(5), ct);
                    continue;
                }

                problems.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                if ((int)response.StatusCode < 500)
                {
                    return null;
                }

                await Task.Delay(TransportRetry, ct);
            }
        }
    }
}
