using GridAid.Core.Photos;
using GridAid.Core.Reports;
using GridAid.Functions.Intake;
using GridAid.Functions.Limits;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Reports;

/// <summary>How taking a valid report ended; each entrance (JSON, the no-JavaScript form, Open311) answers it in its own format.</summary>
public enum AcceptanceOutcome
{
    /// <summary>Durable and queued for routing (<see cref="Acceptance.Result"/>).</summary>
    Accepted,

    /// <summary>Past the client's or the point's limit: wait <see cref="Acceptance.Wait"/>.</summary>
    Limited,

    /// <summary>One request id was sent with too many different reports.</summary>
    RequestIdOverused,

    /// <summary>Storage refused or did not answer in time: the sender should try again.</summary>
    StorageBusy,

    /// <summary>No area takes reports (the default area is not in the directory).</summary>
    Unconfigured,
}

public sealed record Acceptance(AcceptanceOutcome Outcome, IntakeResult? Result = null, TimeSpan? Wait = null);

/// <summary>
/// The one way a valid report is taken, whatever door it came in by: the abuse limits (<see cref="RateLimiters"/>; a
/// lost-person report is never refused, a flood of them is contained by the router instead), then
/// <see cref="ReportIntake"/> (tracking code, report row, routing message).
/// </summary>
public sealed class ReportAcceptance(ReportIntake intake, DirectoryCache directory, RateLimiters limits, ILogger<ReportAcceptance> logger)
{
    /// <summary>Takes the report, with its photos (already checked and re-encoded) when it carries any.</summary>
    public async Task<Acceptance> AcceptAsync(HttpRequest req, ValidReport valid, CancellationToken ct, IReadOnlyList<CleanPhoto>? photos = null)
    {
        if (await RefusedAsync(req, valid, ct) is { } wait)
        {
            return new Acceptance(AcceptanceOutcome.Limited, Wait: wait);
        }

        try
        {
            return await intake.SubmitAsync(valid, ct, photos) is { } result
                ? new Acceptance(AcceptanceOutcome.Accepted, result)
                : new Acceptance(AcceptanceOutcome.Unconfigured);
        }
        catch (RequestIdOverusedException)
        {
            return new Acceptance(AcceptanceOutcome.RequestIdOverused);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogError(e, "Storage refused a {Kind} report", valid.Kind);
            return new Acceptance(AcceptanceOutcome.StorageBusy);
        }
    }

    /// <summary>
    /// Null when the report may go ahead (always for a lost person); otherwise how long to wait. The point counts by
    /// its code when the directory knows it; every other report shares one count (they all reach a default station).
    /// </summary>
    private async Task<TimeSpan?> RefusedAsync(HttpRequest req, ValidReport valid, CancellationToken ct)
    {
        if (!limits.Enabled || valid.Kind == ReportKind.LostPerson)
        {
            return null;
        }

        // The client first: a client past its limit costs no directory look-up. Refusals are not logged one by one
        // (a flood would be a flood of log lines, and of client addresses in them).
        if (limits.RefuseReportFrom(limits.ClientOf(req)) is { } wait)
        {
            return wait;
        }

        var point = valid.PointCode is { } code && await directory.FindPointAsync(code, ct) is { } known
            ? known.Point.Code
            : Core.Routing.FloodContainment.NoPoint;
        return limits.RefuseReportAt(point);
    }
}
