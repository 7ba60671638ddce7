using System.Globalization;
using System.Text;

namespace GridAid.Benchmarks;

/// <summary>Renders a run as markdown: one section per mode, then the targets.</summary>
public static class MarkdownReport
{
    public static readonly IReadOnlyList<string> Sections =
        ["## Machine", "## Storage ceiling", "## Intake", "## Tap to station", "## Storage operations per report", "## Cold start", "## Page weight", "## Cost per million reports", "## Targets"];

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
