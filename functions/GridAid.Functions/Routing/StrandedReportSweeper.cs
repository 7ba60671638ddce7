using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Routing;

/// <summary>Settings of the sweeper (section <c>GridAid:Sweeper</c>).</summary>
public sealed class SweeperOptions
{
    public const string Section = "GridAid:Sweeper";

    /// <summary>A report still <c>received</c> this long after it was accepted (or last re-driven) is sent to the router again.</summary>
    public TimeSpan StrandedAfter { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Finds reports accepted but never routed — the process died between writing the report and queueing it, or the
/// routing message was lost — through the "still received" index written with each report, and sends them to the
/// router again (which is idempotent). Reads one index range per area, never the reports table as a whole.
/// A report that is only waiting its turn is left alone: while its lane still holds a message queued before it was
/// accepted (or last re-driven), its own message is most likely behind that one, so a backlog — a flood of tips the
/// router takes more slowly than the intake accepts them — is not sent again, and again, every sweep (<see cref="Waiting"/>).
/// </summary>
public sealed class StrandedReportSweeper(
    DirectoryStore directory,
    ReportStore reports,
    IntakeQueueSender queue,
    IOptions<SweeperOptions> options,
    TimeProvider clock,
    ILogger<StrandedReportSweeper> logger)
{
    /// <summary>One sweep of every area; returns how many reports it sent to the router again.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var redriven = 0;
        foreach (var areaId in await directory.ListAreaIdsAsync(ct))
        {
            redriven += await SweepAreaAsync(areaId, ct);
        }

        return redriven;
    }

    /// <summary>One sweep of one area's "still received" index; returns how many reports it sent to the router again.</summary>
    public async Task<int> SweepAreaAsync(string areaId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = now - options.Value.StrandedAfter;
        var redriven = 0;
        var backlog = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        await foreach (var entry in reports.ListReceivedAsync(areaId, ct))
        {
            var sentAt = entry.RedrivenAt ?? ReportKeys.SubmittedAt(entry.ReportKey);
            if (sentAt > due)
            {
                continue;
            }

            if (await reports.GetAsync(areaId, entry.ReportKey, ct) is not { } stored || stored.Report.Status != Core.Reports.ReportStatus.Received)
            {
                // Routed already (the entry outlived a crash after routing), or no report: nothing is waiting.
                await reports.ForgetReceivedAsync(areaId, entry.ReportKey, ct);
                continue;
            }

            // One peek per lane and sweep, only once a report is due.
            var lane = IntakeQueueSender.QueueFor(stored.Report.Kind);
            if (!backlog.TryGetValue(lane, out var oldest))
            {
                backlog[lane] = oldest = await queue.OldestWaitingAsync(stored.Report.Kind, ct);
            }

            if (Waiting(sentAt, oldest))
            {
                continue;
            }

            if (await reports.MarkRedrivenAsync(entry, now, ct))
            {
                await queue.SendAsync(new RoutingMessage(stored.Report, stored.Version), ct);
                redriven++;
                logger.LogWarning("Re-drove stranded report {TrackingCode} in {AreaId} (re-drive {Redrives})", entry.TrackingCode, areaId, entry.Redrives);
            }
        }

        return redriven;
    }

    /// <summary>
    /// Whether a report last sent at <paramref name="sentAt"/> is still waiting its turn: its lane holds a message queued
    /// no later than it (<paramref name="oldestWaiting"/>). A leased message is invisible, so messages held by a router are
    /// not counted: a report whose message a live router holds can still be sent twice, which the router takes calmly.
    /// </summary>
    public static bool Waiting(DateTimeOffset sentAt, DateTimeOffset? oldestWaiting) => oldestWaiting is { } oldest && oldest <= sentAt;
}
