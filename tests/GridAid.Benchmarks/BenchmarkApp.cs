using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Functions;
using GridAid.TestSupport;
using Microsoft.Extensions.Options;

namespace GridAid.Benchmarks;

/// <summary>The benchmark program: starts Azurite, the event sink and the host (or uses <c>--target</c>), runs the chosen modes, writes JSON and markdown.</summary>
public static class BenchmarkApp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs the benchmark; progress goes to <paramref name="progress"/>, the markdown table to <paramref name="output"/>. Returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        BenchmarkOptions o;
        try
        {
            o = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await progress.WriteLineAsync(e.Message);
            return 2;
        }

        var (results, ok) = await MeasureAsync(o, string.Join(' ', ["dotnet run -c Release --project tests/GridAid.Benchmarks --", .. args]), new Progress(progress), ct);
        var markdown = MarkdownReport.Render(results);
        var jsonPath = Resolve(o.OutputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(results, Json), ct);
        var mdPath = o.MarkdownPath is null ? Path.ChangeExtension(jsonPath, ".md") : Resolve(o.MarkdownPath);
        await File.WriteAllTextAsync(mdPath, markdown, ct);
        await output.WriteLineAsync(markdown);
        await progress.WriteLineAsync($"Wrote {jsonPath} and {mdPath}");
        return ok ? 0 : 1;
    }

    private static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(RepoPaths.Root, path);

    public static async Task<(BenchmarkResults Results, bool Ok)> MeasureAsync(BenchmarkOptions o, string command, Progress log, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var results = new BenchmarkResults
        {
            Machine = Machine(),
            Command = command,
            StartedAt = DateTimeOffset.UtcNow,
            Quick = o.Quick,
            Modes = BenchmarkOptions.AllModes.Where(o.Runs).ToList(),
            Target = o.Target?.ToString(),
        };
        var ok = true;

        AzuriteInstance? azurite = null;
        EventSink? sink = null;
        BenchHost? host = null;
        try
        {
            string? connection = o.Storage;
            Uri baseAddress;
            StorageClients? storage = null;
            if (o.Target is null)
            {
                log.Line("Starting Azurite, the Event Grid sink and the local host …");
                azurite = await AzuriteInstance.StartAsync();
                connection = azurite.ConnectionString;
                sink = await EventSink.StartAsync();
                host = await BenchHost.StartAsync(connection, sink.Endpoint, shutdownTimeout: TimeSpan.FromSeconds(5));
                baseAddress = host.BaseAddress;
                storage = host.Storage;
                log.Line($"Host at {baseAddress}, events at {sink.Endpoint}");
            }
            else
            {
                baseAddress = o.Target;
                if (connection is not null)
                {
                    storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = connection }));
                }

                results.Notes.Add("Target mode: storage operations are not counted and Event Grid timing is not measured (they need the in-process host).");
            }

            using var http = Workload.CreateClient(baseAddress);
            var workload = new Workload(http);

            // Warm up: JIT, connections, and the directory cache for every point (it keeps a point 30 s).
            var kinds = GridAid.Core.Reports.ReportKinds.All;
            var points = GridAid.Core.Demo.TaishanDemo.Seed.Points;
            await Task.WhenAll(points.Select((p, n) => workload.SubmitAsync(Workload.Plan(kinds[n % kinds.Count], p.Code), ct: ct)));
            await Task.Delay(TimeSpan.FromSeconds(1), ct);

            async Task Mode(string name, Func<Task> run)
            {
                if (!o.Runs(name))
                {
                    return;
                }

                try
                {
                    await run();
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    ok = false;
                    results.Notes.Add($"Mode {name} failed: {e.GetType().Name}: {e.Message}");
                    log.Line($"{name} FAILED: {e}");
                }
            }

            // Quiet modes first; the saturating intake next, all within two minutes of the warm-up, before the first
            // escalation checks (2 min after a lost-person report) come due; the ceiling once the intake backlog has
            // drained (Azurite answers slowly for a while after its bulk writes: a sweeper window placed just after it
            // saw no request answered in 60 s). Then the run's Azurite and host stop, and the flood, the restart and
            // the sweeper each run on an Azurite and a host of their own.
            await Mode("ops", async () =>
            {
                if (host is null || sink is null)
                {
                    results.Notes.Add("Mode ops skipped: it counts requests on the in-process host's clients.");
                    return;
                }

                results.Ops = await OpsMode.RunAsync(host, workload, sink, o, log, ct);
            });
            await Mode("tap", async () => results.Tap = await TapMode.RunAsync(workload, http, storage, sink, o, log, ct));
            await Mode("cold", async () =>
            {
                if (connection is null)
                {
                    results.Notes.Add("Mode cold skipped: give --storage with --target.");
                    return;
                }

                results.ColdStart = await ColdStartMode.RunAsync(connection, o, log, ct);
            });
            await Mode("weight", async () => results.Weight = await WeightMode.RunAsync(baseAddress, o.PointCode, log, ct));
            await Mode("intake", async () => results.Intake = await IntakeMode.RunAsync(workload, storage, o, results.Ceiling, log, ct));
            await Mode("ceiling", async () =>
            {
                if (storage is null)
                {
                    results.Notes.Add("Mode ceiling skipped: give --storage with --target.");
                    return;
                }

                await DrainAsync(storage, log, ct);
                results.Ceiling = await CeilingMode.RunAsync(storage, o, log, ct);
                if (results.Intake is { } intake)
                {
                    results.Intake = IntakeMode.WithRatios(intake, results.Ceiling);
                }
            });
            if (!o.Quick && host is not null && azurite is not null)
            {
                // The modes left bring their own Azurite and host: the run's own, busy for a while after the ceiling's
                // bulk writes and ever busier polling past the messages its earlier modes left, would share the cores.
                await host.DisposeAsync();
                host = null;
                await azurite.DisposeAsync();
                azurite = null;
            }

            await Mode("flood", async () =>
            {
                if (sink is null)
                {
                    results.Notes.Add("Mode flood skipped: it times lost persons by their Event Grid events, which need the in-process host.");
                    return;
                }

                results.Flood = await FloodMode.RunAsync(sink, o, log, ct);
            });
            await Mode("areas", async () =>
            {
                if (sink is null)
                {
                    results.Notes.Add("Mode areas skipped: it times lost persons by their Event Grid events, which need the in-process host.");
                    return;
                }

                results.Areas = await AreasMode.RunAsync(sink, o, log, ct);
            });
            await Mode("restart", async () => results.Restart = await RestartMode.RunAsync(sink, o, log, ct));
            await Mode("sweeper", async () =>
            {
                if (sink is null)
                {
                    results.Notes.Add("Mode sweeper skipped: it counts requests on an in-process host's clients.");
                    return;
                }

                // Full runs on a fresh Azurite and host of its own, idle; a quick run counts on the run's host instead.
                results.Sweeper = await SweeperMode.RunAsync(o.Quick ? host : null, sink, o, log, ct);
            });
            await Mode("dashboard", async () =>
            {
                if (sink is null)
                {
                    results.Notes.Add("Mode dashboard skipped: it seeds an Azurite and a host of its own (not with --target).");
                    return;
                }

                results.Dashboard = await DashboardMode.RunAsync(sink, o, log, ct);
            });
            await Mode("emulator", async () => results.Emulator = await EmulatorProbe.RunAsync(o, log, ct));
            await Mode("channel", async () =>
            {
                if (sink is null)
                {
                    results.Notes.Add("Mode channel skipped: it sets channels on an in-process host of its own.");
                    return;
                }

                results.Channel = await ChannelMode.RunAsync(sink, o, log, ct);
            });
            await Mode("cost", () =>
            {
                if (results.Ops is null)
                {
                    results.Notes.Add("Mode cost needs the ops mode's counts: run --modes ops,cost.");
                    return Task.CompletedTask;
                }

                var intakeMs = results.Intake?.OpenLoop.OrderBy(r => Math.Abs(r.OfferedPerSecond - 20)).FirstOrDefault()?.LatencyMs.P50 ?? 50;
                var seconds = (double.IsNaN(intakeMs) ? 50 : intakeMs) / 1000;
                var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
                var interval = File.Exists(hostJson) ? HostSettings.Load(hostJson).Queues.MaxPollingInterval : TimeSpan.FromSeconds(5);
                results.Cost = CostModel.Compute(results.Ops, seconds, seconds, interval);
                return Task.CompletedTask;
            });
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            if (sink is not null)
            {
                await sink.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }

        Targets(results);
        results.TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1);
        return (results, ok);
    }

    private static void Targets(BenchmarkResults r)
    {
        static string Ms(double v) => double.IsNaN(v) ? "–" : v.ToString("F0", CultureInfo.InvariantCulture) + " ms";
        if (r.Channel is { } c)
        {
            r.Targets.Add(new TargetResult(
                $"Tap to channel delivered p99 ≤ 1 s at {c.RatePerSecond:F0} reports/s (every channel of every target station, signatures verified)",
                $"{Ms(c.DeliveredMs.P99)}{(c.MissingReports > 0 ? $", {c.MissingReports} reports missing a delivery" : string.Empty)}{(c.RefusedPosts > 0 ? $", {c.RefusedPosts} posts refused" : string.Empty)}",
                c.DeliveredMs.Count == 0 ? null : c.DeliveredMs.P99 <= 1000 && c.MissingReports == 0 && c.RefusedPosts == 0,
                $"{(c.DeliveredP99ToFloorP99 is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–")}× the floor's p99 ({Ms(c.Floor.LatencyMs.P99)}); lost_person p99 {Ms(c.LostPersonMs.P99)}"));
        }

        if (r.Dashboard is { } d)
        {
            var worst = d.Queries.Count == 0 ? double.NaN : d.Queries.Max(q => q.LatencyMs.P95);
            r.Targets.Add(new TargetResult(
                $"Dashboard API p95 < 1 s with {d.Reports:N0} reports in the area",
                Ms(worst) + " (the slowest query's p95)",
                d.Queries.Count == 0 ? null : worst < 1000,
                $"{d.RollupRowsForTheYear} roll-up rows for the year; seeded in bulk in {d.SeedSeconds:F0} s"));
        }

        if (r.Tap is { } t)
        {
            // The router writes the alerts, then the report, then publishes: an event's arrival is an upper bound on the
            // alert's visibility in the inbox, measured without polling. The inbox probe adds its own interval.
            var missing = t.ByKind.Sum(k => k.MissingInbox + k.MissingEvents);
            var useEvent = t.EventMs.Count > 0;
            var p99 = useEvent ? t.EventMs.P99 : t.InboxMs.P99;
            var ratio = useEvent ? t.EventP99ToFloorP99 : t.InboxP99ToFloorP99;
            var lostPerson = t.ByKind.FirstOrDefault(k => k.Kind == "lost_person");
            r.Targets.Add(new TargetResult(
                $"Tap to station p99 ≤ 300 ms at {t.RatePerSecond:F0} reports/s (every target station)",
                $"{Ms(p99)} ({(useEvent ? "event" : "inbox")}; inbox probed every {t.InboxProbeIntervalMs:F0} ms: {Ms(t.InboxMs.P99)}){(missing > 0 ? $", {missing} missing" : string.Empty)}",
                (useEvent ? t.EventMs.Count : t.InboxMs.Count) == 0 ? null : p99 <= 300 && missing == 0,
                $"lost_person p99 {Ms(useEvent ? lostPerson?.EventMs.P99 ?? double.NaN : lostPerson?.InboxMs.P99 ?? double.NaN)}; event arrival bounds inbox visibility (alerts are written before the publish)"));
            var lostPersonRatio = lostPerson is { } lp && t.Floor.LatencyMs.P99 > 0 && (useEvent ? lp.EventMs.Count : lp.InboxMs.Count) > 0
                ? Math.Round((useEvent ? lp.EventMs.P99 : lp.InboxMs.P99) / t.Floor.LatencyMs.P99, 2)
                : (double?)null;
            r.Targets.Add(new TargetResult(
                "Lost person: tap → station p99 within 2× the polled-queue floor's p99 (same run; routed on the intake path)",
                $"{(lostPersonRatio is { } lr ? lr.ToString("0.00", CultureInfo.InvariantCulture) : "–")}× ({Ms(useEvent ? lostPerson?.EventMs.P99 ?? double.NaN : lostPerson?.InboxMs.P99 ?? double.NaN)} vs floor p99 {Ms(t.Floor.LatencyMs.P99)})",
                lostPersonRatio is { } lr2 ? lr2 <= 2 : null,
                $"the floor polls every {t.Floor.PollIntervalMs:F0} ms; the app's listeners back off to host.json's maxPollingInterval"));
            r.Targets.Add(new TargetResult(
                "Tap p99 within 2× the pipeline floor's p99 (same run)",
                $"{(ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–")}× (floor p99 {Ms(t.Floor.LatencyMs.P99)})",
                ratio is { } rr ? rr <= 2 : null,
                $"inbox as probed: {(t.InboxP99ToFloorP99 is { } y ? y.ToString("0.00", CultureInfo.InvariantCulture) : "–")}×"));
        }

        if (r.Intake is { } i)
        {
            r.Targets.Add(new TargetResult(
                "Intake throughput ≥ 50 % of the queue-send ceiling",
                $"{i.ClosedLoop.AcceptedPerSecond:F0}/s = {(i.RatioToQueueSendCeiling is { } q ? (q * 100).ToString("F0", CultureInfo.InvariantCulture) + " %" : "–")} of {r.Ceiling?.QueueSendsPerSecond:F0}/s",
                i.RatioToQueueSendCeiling is { } ratio ? ratio >= 0.5 : null,
                $"{(i.RatioToIntakeSequenceCeiling is { } s ? (s * 100).ToString("F0", CultureInfo.InvariantCulture) + " %" : "–")} of the same three storage calls without HTTP; the router shares the one Azurite"));
        }

        if (r.Ops is { } o)
        {
            r.Targets.Add(new TargetResult(
                "≤ 8 storage operations per report, submit to routed",
                $"{o.StorageOpsPerReport:F2} ({string.Join(" + ", o.PerReportByStep.Select(kv => $"{kv.Key} {kv.Value:F2}"))})",
                o.StorageOpsPerReport <= 8,
                $"plus {o.IdlePollsPerSecond:F1} idle receives/s while the queue is empty"));
        }

        if (r.Flood is { } f)
        {
            static string X(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";
            var missing = f.Idle.Missing + f.Flood.Missing;
            r.Targets.Add(new TargetResult(
                $"Lost person during a tip flood ({f.Clients} clients): tap → routed within 2× idle, p50 and max (same run)",
                $"p50 {Ms(f.Flood.RoutedMs.P50)} vs {Ms(f.Idle.RoutedMs.P50)} idle = {X(f.RoutedP50Ratio)}; max {Ms(f.Flood.RoutedMs.Max)} vs {Ms(f.Idle.RoutedMs.Max)} = {X(f.RoutedMaxRatio)}; " +
                $"{f.TipsAcceptedPerSecond:F0} tips/s{(missing > 0 ? $", {missing} missing" : string.Empty)}",
                f.RoutedP50Ratio is { } p && f.RoutedMaxRatio is { } m && missing == 0 ? p <= 2 && m <= 2 : null,
                $"202 → routed (the lane alone): p50 {X(f.AfterAcceptP50Ratio)}, max {X(f.AfterAcceptMaxRatio)}; tap → 202 p50 {Ms(f.Flood.AcceptedMs.P50)} under the flood vs {Ms(f.Idle.AcceptedMs.P50)} idle"));
        }

        if (r.Sweeper is { Idle: true } sw)
        {
            r.Targets.Add(new TargetResult(
                "Idle storage polling ≤ USD 2 a month per running instance (list prices)",
                $"${sw.IdleStorageUsdPerMonth.ToString("0.00", CultureInfo.InvariantCulture)} a month: {sw.IdleStorageRequestsPerHour.ToString("N0", CultureInfo.InvariantCulture)} requests an hour",
                sw.IdleStorageUsdPerMonth <= 2,
                $"queue listeners' receives {sw.IdlePollsPerHour.ToString("N0", CultureInfo.InvariantCulture)}/h at maxPollingInterval {sw.MaxPollingIntervalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s + the sweeper's {sw.OpsPerHour.ToString("N0", CultureInfo.InvariantCulture)}/h (poison queues included); {sw.WindowSeconds:F0} s idle window"));
        }

        if (r.Areas is { } ar)
        {
            static string X2(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";
            var missing = ar.Alone.Missing + ar.DuringFlood.Missing;
            r.Targets.Add(new TargetResult(
                $"Another area's lost person while {ar.FloodedArea} is flooded ({ar.Clients} clients): tap → routed within 2× alone, p50 and p99 (same run)",
                $"p50 {Ms(ar.DuringFlood.RoutedMs.P50)} vs {Ms(ar.Alone.RoutedMs.P50)} alone = {X2(ar.RoutedP50Ratio)}; p99 {Ms(ar.DuringFlood.RoutedMs.P99)} vs {Ms(ar.Alone.RoutedMs.P99)} = {X2(ar.RoutedP99Ratio)}; " +
                $"{ar.TipsAcceptedPerSecond:F0} tips/s{(missing > 0 ? $", {missing} missing" : string.Empty)}",
                ar.RoutedP50Ratio is { } p && ar.RoutedP99Ratio is { } q && missing == 0 ? p <= 2 && q <= 2 : null,
                $"{ar.Areas} areas on one host and one Azurite; {ar.Alone.Reports} lost persons per phase in {string.Join(", ", ar.OtherAreas)}"));
        }

        if (r.Restart is { } rs)
        {
            r.Targets.Add(new TargetResult(
                "Every accepted report routed within 30 s of a hard restart (the fault tests' bound)",
                rs.MaxRoutedAfterRestartSeconds is { } max
                    ? $"{max.ToString("F1", CultureInfo.InvariantCulture)} s after the restart, max ({rs.StrandedAccepted} of {rs.AcceptedBeforeKill} accepted were stranded)"
                    : $"{rs.Unrouted} of {rs.Accepted} not routed within {RestartMode.RoutedTimeout.TotalSeconds:F0} s",
                rs.Unrouted == 0 && rs.MaxRoutedAfterRestartSeconds is { } m2 ? m2 <= 30 : rs.Unrouted > 0 ? false : null,
                $"{rs.Reports} reports from {rs.Clients} retrying clients, SIGKILL after {rs.AcceptedBeforeKill}; healthy {rs.HealthySeconds.ToString("F1", CultureInfo.InvariantCulture)} s after the restart; {rs.SweeperRedrives} sweeper re-drives"));
        }

        if (r.Weight is { } w)
        {
            r.Targets.Add(new TargetResult(
                "Form page ≤ 30 KB transferred",
                $"{w.TransferredBytes / 1024.0:F1} KB",
                w.Note is null ? w.TransferredBytes <= 30 * 1024 : null,
                w.Note ?? $"{w.Resources.Count(x => x.Status == 200)} responses"));
        }
    }

    private static MachineInfo Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        var azurite = "unknown";
        try
        {
            var package = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("node_modules", "azurite", "package.json")));
            azurite = package?["version"]?.GetValue<string>() ?? azurite;
        }
        catch (IOException)
        {
        }

        var queues = "unknown";
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (File.Exists(hostJson))
        {
            var q = HostSettings.Load(hostJson).Queues;
            queues = $"maxPollingInterval {q.MaxPollingInterval.TotalMilliseconds:F0} ms, batchSize {q.BatchSize}, newBatchThreshold {q.NewBatchThreshold}, visibilityTimeout {q.VisibilityTimeout.TotalSeconds:F0} s, maxDequeueCount {q.MaxDequeueCount}";
        }

        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            azurite,
            queues);
    }

    /// <summary>Waits (up to a minute) until the intake queue is empty, so the router's backlog does not share the ceiling's Azurite.</summary>
    private static async Task DrainAsync(StorageClients storage, Progress log, CancellationToken ct)
    {
        var queue = storage.Queue(GridAid.Infrastructure.Storage.QueueNames.Intake);
        for (var waited = 0; waited < 600; waited++)
        {
            if ((await queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount == 0)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        log.Line("ceiling: the intake backlog did not drain within a minute; measuring anyway");
    }
}
