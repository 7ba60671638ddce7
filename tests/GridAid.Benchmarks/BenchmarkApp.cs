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
                host = await BenchHost.StartAsync(connection, sink.Endpoint);
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

            // Quiet modes first; the saturating intake next; the ceiling last, once the intake backlog has drained:
            // Azurite answers slowly for a while after the ceiling's bulk writes, which would distort any later mode.
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
            await Mode("intake", async () => results.Intake = await IntakeMode.RunAsync(workload, o, results.Ceiling, log, ct));
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
            await Mode("cost", () =>
            {
                if (results.Ops is null)
                {
                    results.Notes.Add("Mode cost needs the ops mode's counts: run --modes ops,cost.");
                    return Task.CompletedTask;
                }

                var intakeMs = results.Intake?.OpenLoop.OrderBy(r => Math.Abs(r.OfferedPerSecond - 20)).FirstOrDefault()?.LatencyMs.P50 ?? 50;
                var seconds = (double.IsNaN(intakeMs) ? 50 : intakeMs) / 1000;
                results.Cost = CostModel.Compute(results.Ops, seconds, seconds);
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
