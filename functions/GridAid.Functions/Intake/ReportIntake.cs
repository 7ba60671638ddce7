using System.Diagnostics;
using GridAid.Core.Photos;
using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Functions.Lanes;
using GridAid.Functions.Routing;
using GridAid.Functions.Telemetry;
using GridAid.Infrastructure.Blobs;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Intake;

/// <summary>
/// The intake's answer: the tracking code and the report's status (a repeat gets the first report's); for a lost person,
/// the one-time hand-over code, which only the reporter's receipt shows (<see cref="HandoverCode"/>).
/// </summary>
public sealed record IntakeResult(string TrackingCode, ReportStatus Status, string? HandoverCode = null);

/// <summary>
/// Makes a valid report durable and hands it to the router. It returns only once the report row is written and
/// its routing message is queued, so an accepted report cannot be lost. The tracking code is keyed from the
/// client's request id (<see cref="TrackingCodeKey"/>): a repeated submission finds its own code and creates nothing
/// new. The same request id with other content is another report: it walks on to the next code, so it is stored too,
/// and it never gets the first report's code.
/// </summary>
public sealed class ReportIntake(
    ReportStore reports,
    PhotoStore photoStore,
    TrackingCodeKey trackingKey,
    IntakeQueueSender queue,
    ReportRouting routing,
    DirectoryCache directory,
    UrgentFirst lanes,
    TimeProvider clock,
    IOptions<GridAidOptions> options,
    ILogger<ReportIntake> logger)
{
    /// <summary>Collisions are ~1 in 10^11; more attempts than this means one request id reused for many reports.</summary>
    private const int MaxCodeAttempts = 8;

    /// <summary>How long intake may take before it answers 503 and the phone retries: storage that hangs never hangs the phone.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Accepts the report; null when no area is configured to take it (the caller answers 503 and the phone retries).
    /// Throws a <see cref="TimeoutException"/> (a storage failure) when storage does not answer within <see cref="Budget"/>;
    /// a retry with the same request id then finishes whatever this attempt began.
    /// </summary>
    public async Task<IntakeResult?> SubmitAsync(ValidReport valid, CancellationToken ct, IReadOnlyList<CleanPhoto>? photos = null)
    {
        using var budget = new CancellationTokenSource(Budget);
        using var trace = GridAidTelemetry.StartIntake();
        try
        {
            return await SubmitWithinAsync(valid, photos ?? [], ct, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            throw new TimeoutException($"Storage did not take the report within {Budget.TotalSeconds} s.");
        }
    }

    private async Task<IntakeResult?> SubmitWithinAsync(ValidReport valid, IReadOnlyList<CleanPhoto> photos, CancellationToken phone, CancellationToken budget)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(phone, budget);
        var ct = linked.Token;

        // A lost person goes straight in; the other kinds take one of a few slots, waiting for it within the budget.
        using var slot = await lanes.EnterIntakeAsync(valid.Kind, ct);
        if (await ResolveAreaAsync(valid, ct) is not { } areaId)
        {
            logger.LogCritical("No area takes reports: the default area {AreaId} is not in the directory", options.Value.DefaultArea);
            return null;
        }

        var requestId = valid.ClientRequestId ?? Guid.NewGuid().ToString("N");
        var fingerprint = ReportFingerprint.Of(valid);
        var key = await trackingKey.GetAsync(ct);

        for (var attempt = 0; attempt < MaxCodeAttempts; attempt++)
        {
            var code = TrackingCode.For(key, areaId, requestId, attempt);
            var now = clock.GetUtcNow();
            var claim = await reports.ClaimCodeAsync(code, areaId, ReportKeys.For(now, code), requestId, fingerprint, ct);
            if (claim.Claimed)
            {
                // Once the code is claimed, finish even if the phone hangs up (but not past the budget): a half-accepted
                // report would wait for a retry that may never come.
                var handover = HandoverOf(valid.Kind, key, areaId, code, requestId);
                var report = WithHandover(Report.Receive(valid, areaId, code, now), handover);
                GridAidTelemetry.Tagged(Activity.Current, report);
                await StoreAndQueueAsync(report, photos, budget);
                GridAidTelemetry.CountAccepted(report);
                logger.LogInformation("Accepted {Kind} report {TrackingCode} in {AreaId}", valid.Kind, code, areaId);
                return new IntakeResult(code, ReportStatus.Received, handover);
            }

            if (claim.Entry.ClientRequestId == requestId && claim.Entry.AreaId == areaId && (claim.Entry.Fingerprint ?? fingerprint) == fingerprint)
            {
                return await ResumeAsync(valid, photos, claim.Entry, budget);
            }

            logger.LogWarning("Tracking code {TrackingCode} is taken (attempt {Attempt}): a collision, or the request id came with other content", code, attempt);
        }

        throw new RequestIdOverusedException(requestId);
    }

    /// <summary>A repeat of an accepted submission: finish whatever the first attempt may not have finished.</summary>
    private async Task<IntakeResult> ResumeAsync(ValidReport valid, IReadOnlyList<CleanPhoto> photos, TrackingCodeEntity entry, CancellationToken ct)
    {
        var stored = await reports.GetAsync(entry.AreaId, entry.ReportKey, ct);
        // The same request id gives the same hand-over code: the repeat's receipt shows what the first one would have.
        var handover = entry.ClientRequestId is { } requestId
            ? HandoverOf(valid.Kind, await trackingKey.GetAsync(ct), entry.AreaId, entry.PartitionKey, requestId)
            : null;
        if (stored is null)
        {
            var report = WithHandover(Report.Receive(valid, entry.AreaId, entry.PartitionKey, ReportKeys.SubmittedAt(entry.ReportKey)), handover);
            await StoreAndQueueAsync(report, photos, ct);
            return new IntakeResult(report.TrackingCode, ReportStatus.Received, handover);
        }

        if (stored.Report.Status == ReportStatus.Received)
        {
            // The first attempt may have failed between the write and the send; the router ignores a second message.
            await QueueAndRouteAsync(new RoutingMessage(stored.Report, stored.Version), ct);
        }

        return new IntakeResult(stored.Report.TrackingCode, stored.Report.Status, stored.Report.HandoverHash is null ? null : handover);
    }

    /// <summary>A lost person's one-time hand-over code (null for the other kinds).</summary>
    private static string? HandoverOf(ReportKind kind, byte[] key, string areaId, string trackingCode, string requestId) =>
        kind == ReportKind.LostPerson ? HandoverCode.For(key, areaId, trackingCode, requestId) : null;

    private static Report WithHandover(Report report, string? code) =>
        code is null ? report : report with { HandoverHash = HandoverCode.Hash(report.AreaId, report.TrackingCode, code) };

    /// <summary>
    /// The photos first (at fixed blob names: a retry overwrites them), so that a report a station sees never points at a
    /// photo that is not there yet; then the report row and its routing message.
    /// </summary>
    private async Task StoreAndQueueAsync(Report report, IReadOnlyList<CleanPhoto> photos, CancellationToken ct)
    {
        if (photos.Count > 0)
        {
            await photoStore.PutAllAsync(report.AreaId, report.TrackingCode, photos, ct);
            report = report with { PhotoCount = photos.Count };
        }

        var version = await reports.AddAsync(report, ct);
        await QueueAndRouteAsync(new RoutingMessage(report, version), ct);
    }

    /// <summary>
    /// Queues the report for the router; a lost or found person is then routed here too, before the 202
    /// (<see cref="ReportRouting.RoutesOnIntake"/>), its message hidden for a few seconds as the guarantee: its stations
    /// hear of it without waiting for a queue poll, however long the idle polling interval.
    /// </summary>
    private async Task QueueAndRouteAsync(RoutingMessage message, CancellationToken ct)
    {
        if (!ReportRouting.RoutesOnIntake(message.Report.Kind))
        {
            await queue.SendAsync(message, ct);
            return;
        }

        message = message with { TraceParent = message.TraceParent ?? Infrastructure.Telemetry.TraceContext.Current() };
        // The guarantee is sent while the report is routed (one wait fewer before the stations hear): an instance that
        // dies before the send is done leaves the report "received" without a message, which the stranded-report sweep
        // drives again (Routing/StrandedReportSweeper.cs); a send that fails fails the request, and the phone's retry
        // finds the report routed.
        var queuing = queue.SendAsync(message, ct, ReportRouting.OnIntakeGuardDelay);
        var routed = await routing.RouteOnIntakeAsync(message, ct);
        var queued = await queuing;
        if (routed)
        {
            // Routed: the guarantee is not needed, and taking it back saves its delivery (a receive, a read, a delete).
            // Best effort: a message left behind finds the report routed (one read) and does nothing.
            try
            {
                _ = await queue.WithdrawAsync(queued, ct);
            }
            catch (Exception e) when (StorageFailure.Is(e) || e is OperationCanceledException)
            {
                logger.LogInformation("The routing message of {TrackingCode}, routed on intake, stays queued: {Reason}", message.Report.TrackingCode, e.GetType().Name);
            }
        }
    }

    private async Task<string?> ResolveAreaAsync(ValidReport valid, CancellationToken ct)
    {
        if (valid.PointCode is { } point && await directory.AreaOfPointAsync(point, ct) is { } pointArea)
        {
            return pointArea;
        }

        if (valid.AreaId is { } area && await directory.GetAsync(area, ct) is not null)
        {
            return area;
        }

        return await directory.GetAsync(options.Value.DefaultArea, ct) is not null ? options.Value.DefaultArea : null;
    }
}

/// <summary>One request id was sent with more different contents than there are codes to try: refused (409), never a 500.</summary>
public sealed class RequestIdOverusedException(string requestId)
    : Exception($"Request id '{requestId}' was sent with too many different reports.");
