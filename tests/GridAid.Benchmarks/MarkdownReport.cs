using System.Globalization;
using System.Text;

namespace GridAid.Benchmarks;

/// <summary>Renders a run as markdown: one section per mode, then the targets.</summary>
public static class MarkdownReport
{
    public static readonly IReadOnlyList<string> Sections =
        [
            "## Machine", "## Storage ceiling", "## Intake", "## Tap to station", "## Storage operations per report", "## Cold start", "## Page weight",
            "## Cost per million reports", "## Urgent lane under a flood", "## Areas: one area's flood, another's lost child", "## Restart after a kill", "## Sweeper at idle", "## Dashboard with a year of reports", "## Emulator: held messages", "## Tap to channel", "## Targets",
        ];

    public static string Render(BenchmarkResults r)
    {
        var s = new StringBuilder();
        void L(string line = "") => s.AppendLine(line);
        static string F(double v, string format = "F1") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
        static string P(Percentiles p) => $"{F(p.P50)} | {F(p.P95)} | {F(p.P99)}";
        static string X(double? ratio) => ratio is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

        L($"# GridAid benchmark — {r.StartedAt:yyyy-MM-dd HH:mm} UTC{(r.Quick ? " (quick)" : string.Empty)}");
        L();
        L("## Machine");
        L();
        L($"{r.Machine.Cores} cores ({r.Machine.Cpu}), {F(r.Machine.MemoryGb)} GB, {r.Machine.Os}, {r.Machine.Dotnet}, Azurite {r.Machine.Azurite}; host.json queues: {r.Machine.HostJsonQueues}.");
        L($"Command: `{r.Command}` — {F(r.TotalSeconds, "F0")} s{(r.Target is null ? string.Empty : $", target {r.Target}")}.");
        L();

        L("## Storage ceiling");
        L();
        if (r.Ceiling is { } c)
        {
            L($"Same SDK clients as the host, {c.Concurrency} concurrent callers, {F(c.DurationSeconds, "F0")} s each{(c.Errors > 0 ? $", {c.Errors} errors" : string.Empty)}.");
            L();
            L("| Operation | per second |");
            L("|---|---:|");
            L($"| Queue sends (1.2 KB) | {F(c.QueueSendsPerSecond, "F0")} |");
            L($"| Table upserts (one partition) | {F(c.TableUpsertsPerSecond, "F0")} |");
            L($"| Intake sequence without HTTP (insert, insert, send) | {F(c.IntakeSequencesPerSecond, "F0")} |");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Intake");
        L();
        if (r.Intake is { } i)
        {
            L("| Load | accepted/s | p50 ms | p95 ms | p99 ms | errors |");
            L("|---|---:|---:|---:|---:|---:|");
            foreach (var row in i.OpenLoop)
            {
                L($"| open loop {F(row.OfferedPerSecond, "F0")}/s ({row.Sent} sent) | {F(row.AcceptedPerSecond)} | {P(row.LatencyMs)} | {row.Errors} |");
            }

            var cl = i.ClosedLoop;
            L($"| closed loop, {cl.Concurrency} clients, {F(cl.DurationSeconds, "F0")} s | **{F(cl.AcceptedPerSecond)}** | {P(cl.LatencyMs)} | {cl.Errors} |");
            L();
            L($"Saturation ÷ queue-send ceiling: **{X(i.RatioToQueueSendCeiling)}**; ÷ intake-sequence ceiling (the same three storage calls without HTTP): {X(i.RatioToIntakeSequenceCeiling)}.");
            if (i.EmulatorAtClosedLoop is { } e)
            {
                L();
                L($"When the closed loop started, the app's queues held {e.MessagesHeld} messages in Azurite (escalation and redaction checks, routing messages), " +
                  $"and a receive on an empty queue took p50 {F(e.EmptyReceiveMs.P50)} ms{(r.Flood is { } fl ? $" (on the flood mode's fresh Azurite, holding {fl.EmulatorAtFlood.MessagesHeld}: {F(fl.EmulatorAtFlood.EmptyReceiveMs.P50)} ms)" : string.Empty)}.");
            }
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Tap to station");
        L();
        if (r.Tap is { } t)
        {
            L($"{F(t.RatePerSecond, "F0")} reports/s for {F(t.DurationSeconds, "F0")} s: {t.Accepted}/{t.Submitted} accepted, {t.ExpectedAlerts} alerts expected. " +
              $"Latency from the scheduled submit until **every** target station has the report (ReportRouter's list): in its inbox API " +
              $"(probed every {F(t.InboxProbeIntervalMs, "F0")} ms per station, counted when the response arrives), and as an Event Grid event at the local endpoint.");
            L();
            L("| Kind | reports | stations/report | inbox p50 | p95 | p99 | event p50 | p95 | p99 | missing |");
            L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var k in t.ByKind)
            {
                L($"| {k.Kind} | {k.Reports} | {F(k.Reports == 0 ? 0 : (double)k.ExpectedAlerts / k.Reports)} | {P(k.InboxMs)} | {P(k.EventMs)} | {k.MissingInbox + k.MissingEvents} |");
            }

            L($"| **all** | {t.Accepted} | {F(t.Accepted == 0 ? 0 : (double)t.ExpectedAlerts / t.Accepted)} | {P(t.InboxMs)} | {P(t.EventMs)} | {t.ByKind.Sum(k => k.MissingInbox + k.MissingEvents)} |");
            L($"| pipeline floor (send, poll every {F(t.Floor.PollIntervalMs, "F0")} ms, {t.Floor.TableWrites} table writes) | {t.Floor.LatencyMs.Count} | – | {P(t.Floor.LatencyMs)} | | | | |");
            L();
            L($"Tap p99 ÷ floor p99: inbox **{X(t.InboxP99ToFloorP99)}**, event {X(t.EventP99ToFloorP99)}.");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Storage operations per report");
        L();
        if (r.Ops is { } o)
        {
            L($"{o.Reports} reports (every kind in turn) at {F(o.RatePerSecond, "F0")}/s, counted on the host's SDK clients until each message was deleted.");
            L();
            L("| Step | Storage request | count | per report |");
            L("|---|---|---:|---:|");
            foreach (var row in o.Rows.Where(x => x.Step is "intake" or StorageOpCounter.Router))
            {
                L($"| {row.Step} | {row.Operation} | {row.Count} | {F(row.PerReport, "F2")} |");
            }

            L($"| **total** | | | **{F(o.StorageOpsPerReport, "F2")}** |");
            L();
            L($"By step: {string.Join(", ", o.PerReportByStep.Select(kv => $"{kv.Key} {F(kv.Value, "F2")}"))}. Event Grid events per report: {F(o.EventGridEventsPerReport, "F2")} " +
              $"(stations per report by kind: {string.Join(", ", o.RouterStationsPerKind.Select(kv => $"{kv.Key} {F(kv.Value, "F0")}"))}). " +
              $"Idle polling with every queue empty: {F(o.IdlePollsPerSecond)} receives/s ({string.Join(", ", o.IdlePollsPerSecondByQueue.Select(kv => $"{kv.Key} {F(kv.Value)}/s"))}).");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Cold start");
        L();
        if (r.ColdStart is { } cs)
        {
            L($"`{cs.Command}` with `AzureWebJobsStorage` and `GridAid__SeedDemoData=true`: process start → first HTTP answer / first 202.");
            L();
            L("| Run | first answer ms | first 202 ms |");
            L("|---:|---:|---:|");
            for (var n = 0; n < cs.First202Ms.Count; n++)
            {
                L($"| {n + 1} | {F(cs.FirstResponseMs[n], "F0")} | {F(cs.First202Ms[n], "F0")} |");
            }

            L($"| median | | **{F(cs.MedianFirst202Ms, "F0")}** |");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Page weight");
        L();
        if (r.Weight is { } w)
        {
            L($"`{w.Page}` and what it loads, `Accept-Encoding: br, gzip`, bytes of the response bodies as transferred.{(w.Note is null ? string.Empty : " " + w.Note)}");
            L();
            L("| Resource | status | type | encoding | transferred | decoded |");
            L("|---|---:|---|---|---:|---:|");
            foreach (var row in w.Resources)
            {
                L($"| {row.Url} | {row.Status} | {row.ContentType} | {row.ContentEncoding ?? "identity"} | {row.TransferredBytes} | {row.DecodedBytes} |");
            }

            L($"| **total** | | | | **{w.TransferredBytes}** ({F(w.TransferredBytes / 1024.0)} KB) | {w.DecodedBytes} |");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Cost per million reports");
        L();
        if (r.Cost is { } cost)
        {
            L($"USD, {cost.PriceDate}.");
            L();
            L("| Item | per report | unit | USD per million reports |");
            L("|---|---:|---|---:|");
            foreach (var line in cost.Lines)
            {
                L($"| {line.Item} | {F(line.QuantityPerReport, "0.####")} | {line.Unit} | {F(line.UsdPerMillionReports, "F3")} |");
            }

            L($"| **total** | | | **{F(cost.UsdPerMillionReports, "F2")}** |");
            L();
            L("| Fixed cost, whatever the reports | per month | unit | USD per month |");
            L("|---|---:|---|---:|");
            foreach (var line in cost.Idle)
            {
                L($"| {line.Item} | {F(line.QuantityPerMonth, "N0")} | {line.Unit} | {F(line.UsdPerMonth, "0.###")} |");
            }

            L();
            L("| Price | USD | unit | source |");
            L("|---|---:|---|---|");
            foreach (var p in cost.Prices)
            {
                L($"| {p.Item} | {p.Usd.ToString("0.######", CultureInfo.InvariantCulture)} | {p.Unit} | {p.Source} |");
            }

            L();
            L(cost.Assumptions);
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Urgent lane under a flood");
        L();
        if (r.Flood is { } f)
        {
            L($"Lost-person reports at the demo points in turn, {f.Idle.Reports} with the app idle (each sent once the previous one was routed), then {f.Flood.Reports} " +
              $"every {F(f.UrgentIntervalSeconds)} s while {f.Clients} clients sent tips as fast as the intake answered them (closed loop): " +
              $"**{F(f.TipsAcceptedPerSecond, "F0")} tips/s** accepted over {F(f.FloodSeconds, "F0")} s (answers: {string.Join(", ", f.TipAnswers.Select(kv => $"{kv.Key} × {kv.Value}"))}; " +
              $"tip p50 {F(f.TipAcceptedMs.P50, "F0")} ms, p99 {F(f.TipAcceptedMs.P99, "F0")} ms). Routed = the Event Grid event of **every** target station has arrived " +
              $"(the alerts and the report's routed status are written before the publish). The tips' queue still held {f.IntakeBacklogAtEnd} messages when the flood stopped (the router's backlog of tips). " +
              "The mode runs on an Azurite and a host of its own, started fresh for it.");
            L();
            L("| Lost person | reports | missing | tap → 202 p50 | max | tap → routed p50 | p95 | **max** | 202 → routed p50 | max |");
            L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            void Row(string name, UrgentLatency u) =>
                L($"| {name} | {u.Reports} | {u.Missing} | {F(u.AcceptedMs.P50)} | {F(u.AcceptedMs.Max)} | {F(u.RoutedMs.P50)} | {F(u.RoutedMs.P95)} | **{F(u.RoutedMs.Max)}** | {F(u.AfterAcceptMs.P50)} | {F(u.AfterAcceptMs.Max)} |");
            Row("idle", f.Idle);
            Row($"during the flood ({F(f.TipsAcceptedPerSecond, "F0")} tips/s)", f.Flood);
            L($"| **flood ÷ idle** | | | | | **{X(f.RoutedP50Ratio)}** | | **{X(f.RoutedMaxRatio)}** | {X(f.AfterAcceptP50Ratio)} | {X(f.AfterAcceptMaxRatio)} |");
            L();
            L($"One storage call (a table point read, every 100 ms) took p50 {F(f.StorageCallIdleMs.P50)} ms / p99 {F(f.StorageCallIdleMs.P99)} ms idle and " +
              $"p50 {F(f.StorageCallFloodMs.P50)} ms / p99 {F(f.StorageCallFloodMs.P99)} ms during the flood ({X(f.StorageCallIdleMs.P50 > 0 && !double.IsNaN(f.StorageCallFloodMs.P50) ? Math.Round(f.StorageCallFloodMs.P50 / f.StorageCallIdleMs.P50, 2) : null)} at p50): both lanes share the one storage emulator" +
              $"{(f.StorageCallsFailed > 0 ? $"; {f.StorageCallsFailed} of these calls failed (the SDK's tries timed out), counted at the time they took" : string.Empty)}." +
              (f.SweeperRedrives > 0 ? $" The sweeper re-drove {f.SweeperRedrives} reports of the backlog during the flood (still `received` past `GridAid:Sweeper:StrandedAfter`)." : string.Empty));
            L();
            L($"Each report during the flood (tap → routed ms): {string.Join(", ", f.FloodSamples.Select(x => x.RoutedMs is { } v ? F(v, "F0") : "missing"))}; idle: {string.Join(", ", f.IdleSamples.Select(x => x.RoutedMs is { } v ? F(v, "F0") : "missing"))}.");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Areas: one area's flood, another's lost child");
        L();
        if (r.Areas is { } ar)
        {
            L($"{ar.Areas} areas on one host and one Azurite: {ar.FloodedArea} (the demo) and {string.Join(", ", ar.OtherAreas)} (seeded through the directory, a police post and a grid member each). " +
              $"Lost persons in the other areas, first alone (one after another), then while {ar.Clients} clients flood {ar.FloodedArea} with tips for {F(ar.FloodSeconds)} s " +
              $"(**{F(ar.TipsAcceptedPerSecond, "F0")} tips/s** accepted, {ar.TipsAccepted} in all). Routed = the event of every station of the report's own area has arrived.");
            L();
            L("| Lost person in another area | reports | missing | tap → 202 p50 | tap → routed p50 | p95 | **p99** | max |");
            L("|---|---:|---:|---:|---:|---:|---:|---:|");
            L($"| alone | {ar.Alone.Reports} | {ar.Alone.Missing} | {F(ar.Alone.AcceptedMs.P50)} | {F(ar.Alone.RoutedMs.P50)} | {F(ar.Alone.RoutedMs.P95)} | **{F(ar.Alone.RoutedMs.P99)}** | {F(ar.Alone.RoutedMs.Max)} |");
            L($"| while {ar.FloodedArea} is flooded | {ar.DuringFlood.Reports} | {ar.DuringFlood.Missing} | {F(ar.DuringFlood.AcceptedMs.P50)} | {F(ar.DuringFlood.RoutedMs.P50)} | {F(ar.DuringFlood.RoutedMs.P95)} | **{F(ar.DuringFlood.RoutedMs.P99)}** | {F(ar.DuringFlood.RoutedMs.Max)} |");
            L($"| **flooded ÷ alone** | | | | **{X(ar.RoutedP50Ratio)}** | | **{X(ar.RoutedP99Ratio)}** | |");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Restart after a kill");
        L();
        if (r.Restart is { } rs)
        {
            L($"A fresh Azurite and `{rs.Command}` as a child process; {rs.Reports} reports of every kind from {rs.Clients} clients, each retrying its report " +
              $"(same `clientRequestId`) until a 202; **SIGKILL** at {F(rs.KillAtSeconds)} s with {rs.AcceptedBeforeKill} accepted; started again {F(rs.DownSeconds, "F2")} s later, " +
              $"healthy {F(rs.HealthySeconds, "F2")} s after that. Routed = the report's status, read from storage for each pending code every {F(rs.PollIntervalMs, "F0")} ms, is past `received`.");
            L();
            L("| Figure | value |");
            L("|---|---:|");
            L($"| accepted before the kill | {rs.AcceptedBeforeKill} |");
            L($"| of them **stranded** (still `received` when the host restarted, read from storage while it was down) | **{rs.StrandedAccepted}** |");
            L($"| reports still `received` in storage then (also those whose 202 the kill cut off) | {rs.StrandedInStorage} |");
            L($"| accepted in all (every 202'd tracking code) | {rs.Accepted} |");
            L($"| **restart → every accepted report routed (max)** | **{(rs.MaxRoutedAfterRestartSeconds is { } m ? F(m, "F2") + " s" : $"{rs.Unrouted} never routed")}** |");
            L($"| healthy → every accepted report routed (max) | {(rs.MaxRoutedAfterHealthySeconds is { } h ? F(h, "F2") + " s" : "–")} |");
            L($"| restart → stranded report routed: p50 / max | {F(rs.StrandedRoutedAfterRestartMs.P50 / 1000, "F2")} s / {F(rs.StrandedRoutedAfterRestartMs.Max / 1000, "F2")} s |");
            L($"| stranded reports routed … | {string.Join("; ", rs.StrandedRoutedWithin.Select(kv => $"{kv.Key}: {kv.Value}"))} |");
            L($"| sweeper re-drives (host log) | {rs.SweeperRedrives} |");
            L($"| answers | {rs.Answers}; {rs.TransportRetries} refused or cut-off requests sent again |");
            if (rs.Problems.Count > 0)
            {
                L($"| problems | {string.Join("; ", rs.Problems)} |");
            }
        }
        else if (r.Quick && !r.Modes.Contains("restart"))
        {
            L("Skipped: a quick run leaves it out (its recovery waits on the 10 s message lease and the sweeper). Run it with `--modes restart`.");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Sweeper at idle");
        L();
        if (r.Sweeper is { } sw)
        {
            L(sw.Idle
                ? $"The app idle for {F(sw.WindowSeconds, "F0")} s (whole sweep periods, starting half-way between two runs): {sw.Sweeps} sweeps, {sw.Ops} storage requests tagged as the sweeper's, " +
                  $"{sw.Areas} area(s) in the directory. Scaled to an hour: × {F(3600 / sw.WindowSeconds, "F0")}."
                : $"Quick run: every sweep since the host started ({F(sw.WindowSeconds, "F0")} s, not idle): {sw.Sweeps} sweeps, {sw.Ops} storage requests, {sw.Areas} area(s); " +
                  $"per hour = per sweep × {F(sw.SweepsPerHour, "F0")} runs (the schedule).");
            L();
            L("| Sweeper storage request | count | per sweep | per hour |");
            L("|---|---:|---:|---:|");
            foreach (var row in sw.Rows)
            {
                L($"| {row.Operation} | {row.Count} | {F(row.PerSweep, "F2")} | {F(row.PerHour, "N0")} |");
            }

            L($"| **total** | {sw.Ops} | {F(sw.OpsPerSweep, "F2")} | **{F(sw.OpsPerHour, "N0")}** |");
            L();
            L($"Storage time per sweep (first request sent → last answered): p50 {F(sw.SweepStorageMs.P50)} ms, max {F(sw.SweepStorageMs.Max)} ms. " +
              $"Not the sweeper, same window: idle queue polls {F(sw.IdlePollsPerHour, "N0")} per hour ({string.Join(", ", sw.IdlePollsPerHourByQueue.Select(kv => $"{kv.Key} {F(kv.Value, "N0")}"))}).");
            L();
            L("| Per month (30 days) | quantity | unit | USD per month |");
            L("|---|---:|---|---:|");
            foreach (var line in sw.Monthly)
            {
                L($"| {line.Item} | {F(line.QuantityPerMonth, "N0")} | {line.Unit} | {F(line.UsdPerMonth, "0.###")} |");
            }

            L($"| **the sweeper, on demand, 2 GB** | | | **{F(sw.SweeperUsdPerMonth, "0.###")}** |");
            L();
            L($"**Idle storage, all of it** (the queue listeners' receives, backing off to maxPollingInterval {F(sw.MaxPollingIntervalSeconds, "0.###")} s, and the sweeper's requests, its poison-queue receives included): " +
              $"{F(sw.IdleStorageRequestsPerHour, "N0")} requests an hour = **USD {F(sw.IdleStorageUsdPerMonth, "0.00")} a month** per running instance (goal ≤ 2).");
            L();
            L(sw.Assumptions);
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Dashboard with a year of reports");
        L();
        if (r.Dashboard is { } db)
        {
            L($"{db.Reports:N0} reports and {db.Facts:N0} figure facts in the area, seeded in bulk (100-row transactions per partition, roll-ups summed in memory by the recording path's arithmetic) in {F(db.SeedSeconds, "F0")} s, " +
              $"on an Azurite and a host of their own; the year's dashboard reads {db.RollupRowsForTheYear} roll-up rows. `GET /api/admin/dashboard`, after one warm-up:");
            L();
            L("| Query | requests | p50 ms | p95 ms | p99 ms | max ms |");
            L("|---|---:|---:|---:|---:|---:|");
            foreach (var q in db.Queries)
            {
                L($"| `{q.Query}` | {q.LatencyMs.Count} | {P(q.LatencyMs)} | {F(q.LatencyMs.Max)} |");
            }
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Emulator: held messages");
        L();
        if (r.Emulator is { } em)
        {
            L("A fresh Azurite, no host: a receive on an empty queue (20 of them), while another queue holds messages sent invisible for a day (as a delayed check is).");
            L();
            L("| invisible messages held elsewhere | empty receive p50 ms | p95 | max |");
            L("|---:|---:|---:|---:|");
            foreach (var step in em.Steps)
            {
                L($"| {step.InvisibleMessages} | {F(step.EmptyReceiveMs.P50)} | {F(step.EmptyReceiveMs.P95)} | {F(step.EmptyReceiveMs.Max)} |");
            }
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Tap to channel");
        L();
        if (r.Channel is { } ch)
        {
            L($"{F(ch.RatePerSecond, "F0")} reports/s for {F(ch.DurationSeconds, "F0")} s on an Azurite and a host of its own: {ch.Accepted}/{ch.Submitted} accepted, {ch.ExpectedDeliveries} deliveries expected " +
              "(every demo station has a signed webhook and a DingTalk 加签 channel at a local receiver that checks both signatures). " +
              "Latency from the scheduled submit until **every** channel of every target station has received its signed alert (the `deliveries` queue, then the post).");
            L();
            L("| | count | p50 ms | p95 | p99 |");
            L("|---|---:|---:|---:|---:|");
            L($"| all kinds | {ch.DeliveredMs.Count} | {P(ch.DeliveredMs)} |");
            L($"| lost_person | {ch.LostPersonMs.Count} | {P(ch.LostPersonMs)} |");
            L($"| pipeline floor (send, poll every {F(ch.Floor.PollIntervalMs, "F0")} ms, {ch.Floor.TableWrites} table writes) | {ch.Floor.LatencyMs.Count} | {P(ch.Floor.LatencyMs)} |");
            L();
            L($"Verified posts {ch.VerifiedPosts}, refused {ch.RefusedPosts}, reports missing a delivery {ch.MissingReports}. Delivered p99 ÷ floor p99: **{X(ch.DeliveredP99ToFloorP99)}**.");
        }
        else
        {
            L("Not run.");
        }

        L();
        L("## Targets");
        L();
        L("| Target | measured | met | comment |");
        L("|---|---|---|---|");
        foreach (var target in r.Targets)
        {
            L($"| {target.Target} | {target.Measured} | {(target.Met is null ? "not measured" : target.Met.Value ? "yes" : "**no**")} | {target.Comment} |");
        }

        if (r.Notes.Count > 0)
        {
            L();
            foreach (var note in r.Notes)
            {
                L($"- {note}");
            }
        }

        return s.ToString();
    }
}
