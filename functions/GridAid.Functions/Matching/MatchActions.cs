using GridAid.Core.Alerts;
using GridAid.Core.Directory;
using GridAid.Core.Matching;
using GridAid.Core.Reports;
using GridAid.Functions.Figures;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Matching;

/// <summary>How a step on a pair ended: done, not this station's report, the other code unknown, or refused by a rule.</summary>
public enum PairOutcome
{
    Done,
    NotFound,
    OtherUnknown,
    Refused,

    /// <summary>A claim check on a pair whose owner left no hidden detail: identity alone decides.</summary>
    NoSecret,
}

/// <summary>The pair as the station sees it after a step: both codes, where the owner collects, whether a claim must be checked.</summary>
public sealed record PairView(string TrackingCode, string With, LocalizedNote Where, bool ClaimNeeded, DateTimeOffset? HandedOverAt = null);

public sealed record PairResult(PairOutcome Outcome, MatchRefusal? Refusal = null, PairView? Pair = null, bool? ClaimMatched = null);

/// <summary>
/// Confirming a lost ↔ found pair, checking a claim against the owner's hidden detail, and the hand-over that resolves
/// both (the rules: <see cref="ConfirmedMatch"/>). Reports first (ETag-conditional, each step a no-op once taken), then
/// the alerts of both reports in one transaction each with every station's inbox version, so every station holding
/// either sees the pair on its next poll. A retry finishes what a crash left half-way.
/// </summary>
public sealed class MatchActions(
    ReportStore reports,
    AlertStore alerts,
    DirectoryCache directory,
    IAlertPublisher publisher,
    ResolvedReportRedaction retention,
    Custody.CustodyActions custody,
    ReportFigures figures,
    TimeProvider clock,
    ILogger<MatchActions> logger)
{
    /// <summary>
    /// <paramref name="stationId"/>, which holds <paramref name="trackingCode"/>, confirms <paramref name="withCode"/> as
    /// its partner; <paramref name="where"/> is where the owner collects (null: the station's name).
    /// </summary>
    public async Task<PairResult> ConfirmAsync(string areaId, string stationId, string trackingCode, string withCode, LocalizedNote? where, CancellationToken ct)
    {
        if (await HeldAsync(areaId, stationId, trackingCode, ct) is not { } self)
        {
            return new PairResult(PairOutcome.NotFound);
        }

        if (TrackingCode.Normalize(withCode) is not { } otherCode || await reports.FindByCodeAsync(otherCode, ct) is not { } other || other.Report.AreaId != areaId)
        {
            return new PairResult(PairOutcome.OtherUnknown);
        }

        if (ConfirmedMatch.CheckConfirm(self.Report, other.Report) is { } refusal)
        {
            return new PairResult(PairOutcome.Refused, refusal);
        }

        var station = (await directory.GetAsync(areaId, ct))?.FindStation(stationId);
        if (MatchPairing.PolicePostOnly(self.Report.Kind) && station?.Type != StationType.PolicePost)
        {
            return new PairResult(PairOutcome.Refused, MatchRefusal.PolicePostOnly);
        }

        var place = where ?? new LocalizedNote(station?.Name.Zh ?? stationId, station?.Name.En ?? stationId);
        var now = clock.GetUtcNow();
        try
        {
            var mine = await reports.UpdateAsync(areaId, self.Key, r => ConfirmedMatch.Link(r, other.Report.TrackingCode, stationId, place, now), ct, self);
            try
            {
                await reports.UpdateAsync(areaId, other.Key, r => ConfirmedMatch.Link(r, self.Report.TrackingCode, stationId, place, now), ct, other);
            }
            catch (MatchRefusedException) when (mine is { Changed: true })
            {
                // The partner was matched elsewhere (or closed) between the check and the write: this side lets go again.
                await reports.UpdateAsync(areaId, self.Key, r => ConfirmedMatch.Unlink(r, other.Report.TrackingCode, now), ct);
                throw;
            }
        }
        catch (MatchRefusedException e)
        {
            return new PairResult(PairOutcome.Refused, e.Refusal);
        }

        return new PairResult(PairOutcome.Done, Pair: await ShowPairAsync(areaId, self.Report.TrackingCode, ct));
    }

    /// <summary>Compares <paramref name="claim"/> with the owner's hidden detail; every check is recorded on both timelines (never the text).</summary>
    public async Task<PairResult> CheckClaimAsync(string areaId, string stationId, string trackingCode, string claim, CancellationToken ct)
    {
        if (await PairAsync(areaId, stationId, trackingCode, ct) is not { } pair)
        {
            return new PairResult(PairOutcome.NotFound);
        }

        if (pair.Refusal is { } notPaired)
        {
            return new PairResult(PairOutcome.Refused, notPaired);
        }

        var (sought, found) = (pair.Sought!, pair.Found!);
        if (sought.Report.Status >= ReportStatus.Resolved || found.Report.Status >= ReportStatus.Resolved)
        {
            return new PairResult(PairOutcome.Refused, MatchRefusal.Closed);
        }

        if (MatchPairing.SecretOf(sought.Report) is not { } secret)
        {
            return new PairResult(PairOutcome.NoSecret);
        }

        if (ConfirmedMatch.WrongClaimsInARow(sought.Report) >= ConfirmedMatch.MaxWrongClaims)
        {
            return new PairResult(PairOutcome.Refused, MatchRefusal.TooManyWrongClaims);
        }

        var match = ClaimText.Same(secret, claim);
        var now = clock.GetUtcNow();
        await reports.UpdateAsync(areaId, sought.Key, r => ConfirmedMatch.ClaimChecked(r, match, stationId, now), ct, sought);
        await reports.UpdateAsync(areaId, found.Key, r => ConfirmedMatch.ClaimChecked(r, match, stationId, now), ct, found);
        logger.LogInformation("Station {StationId} checked a claim on report {TrackingCode}: {Matched}", stationId, sought.Report.TrackingCode, match);
        return new PairResult(PairOutcome.Done, ClaimMatched: match);
    }

    /// <summary>
    /// Hands the item over: the record on the sought report, both reports resolved, every station holding either stands
    /// down. Refused while the owner's hidden detail is unchecked. Repeating it changes nothing.
    /// </summary>
    public async Task<PairResult> HandOverAsync(string areaId, string stationId, string trackingCode, string claimantName, string phoneLast4, CancellationToken ct)
    {
        if (await PairAsync(areaId, stationId, trackingCode, ct) is not { } pair)
        {
            return new PairResult(PairOutcome.NotFound);
        }

        if (pair.Refusal is { } notPaired)
        {
            return new PairResult(PairOutcome.Refused, notPaired);
        }

        var (sought, found) = (pair.Sought!, pair.Found!);
        if (MatchPairing.PolicePostOnly(sought.Report.Kind)
            && (await directory.GetAsync(areaId, ct))?.FindStation(stationId)?.Type != StationType.PolicePost)
        {
            return new PairResult(PairOutcome.Refused, MatchRefusal.PolicePostOnly);
        }

        if (ConfirmedMatch.CheckHandover(sought.Report, found.Report) is { } refusal)
        {
            return new PairResult(PairOutcome.Refused, refusal);
        }

        // A repeat resolves what a crash left open with the first hand-over's time, so every retry writes the same.
        var now = sought.Report.Handover?.At ?? clock.GetUtcNow();
        var by = sought.Report.Handover?.StationId ?? stationId;
        var record = new HandoverRecord(claimantName, phoneLast4, by, now);
        try
        {
            foreach (var r in new[] { sought, found }.Where(r => r.Report.Status < ReportStatus.Resolved))
            {
                // Scheduled before the write that resolves it: a crash in between leaves a harmless check, never a missing one.
                await retention.ScheduleAsync(r.Report, r.Key, ct);
            }

            foreach (var (r, taken) in new (StoredReport R, HandoverRecord? Taken)[] { (sought, record), (found, null) })
            {
                if (await reports.UpdateAsync(areaId, r.Key, x => ConfirmedMatch.HandedOver(x, taken, by, now), ct, r) is { } update)
                {
                    await figures.RecordAsync(r.Report, update.Report, update.Changed, ct);
                }
            }
        }
        catch (MatchRefusedException e)
        {
            return new PairResult(PairOutcome.Refused, e.Refusal);
        }

        var stoodDown = new List<Alert>();
        foreach (var r in new[] { sought, found })
        {
            var after = await alerts.UpdateAllAsync(areaId, r.Key, r.Report.StationIds, all => SharedSearch.Apply(all, by, StationAction.Resolve, now), ct);
            stoodDown.AddRange(after.Where(a => a.ResolvedAt == now));
        }

        await publisher.PublishStepAsync(stoodDown, AlertStep.Resolved, ct);
        // A found item in a station's custody leaves it with its owner (nothing happens for an item nobody took in).
        await custody.ToOwnerAsync(areaId, found.Report.TrackingCode, by, now, ct);
        logger.LogInformation("Station {StationId} handed over report {TrackingCode} with {Partner}", by, sought.Report.TrackingCode, found.Report.TrackingCode);
        return new PairResult(PairOutcome.Done, Pair: await ShowPairAsync(areaId, trackingCode, ct));
    }

    /// <summary>The owner's hidden detail, for the admin (the route is audited); null when the area has no such report.</summary>
    public async Task<(bool Found, string? Secret)> SecretAsync(string areaId, string trackingCode, CancellationToken ct)
    {
        if (await reports.FindByCodeAsync(trackingCode, ct) is not { } stored || stored.Report.AreaId != areaId)
        {
            return (false, null);
        }

        return (true, MatchPairing.SecretOf(stored.Report));
    }

    /// <summary>Both reports' alerts show the pair (written once: a repeat finds them showing it); the pair as the station sees it.</summary>
    private async Task<PairView?> ShowPairAsync(string areaId, string trackingCode, CancellationToken ct)
    {
        if (await reports.FindByCodeAsync(trackingCode, ct) is not { Report.Match: { } m } self
            || await reports.FindByCodeAsync(m.With, ct) is not { } other)
        {
            return null;
        }

        var (sought, _) = MatchPairing.Order(self.Report, self.Report.Kind, other.Report);
        var claimNeeded = MatchPairing.SecretOf(sought) is not null;
        foreach (var (r, partner) in new[] { (self, other.Report.TrackingCode), (other, self.Report.TrackingCode) })
        {
            var shown = new AlertMatch(partner, m.Where, claimNeeded);
            await alerts.UpdateAllAsync(areaId, r.Key, r.Report.StationIds,
                all => all.Where(a => a.Match != shown).Select(a => a with { Match = shown }).ToList(), ct);
        }

        return new PairView(self.Report.TrackingCode, m.With, m.Where, claimNeeded, sought.Handover?.At);
    }

    /// <summary>The report if it is in the area and routed to the station.</summary>
    private async Task<StoredReport?> HeldAsync(string areaId, string stationId, string trackingCode, CancellationToken ct) =>
        await reports.FindByCodeAsync(trackingCode, ct) is { } stored && stored.Report.AreaId == areaId
            && stored.Report.StationIds.Contains(stationId, StringComparer.Ordinal)
            ? stored
            : null;

    private sealed record Pair(StoredReport? Sought, StoredReport? Found, MatchRefusal? Refusal);

    /// <summary>The confirmed pair of a report the station holds (null: it holds no such report), or why there is none.</summary>
    private async Task<Pair?> PairAsync(string areaId, string stationId, string trackingCode, CancellationToken ct)
    {
        if (await HeldAsync(areaId, stationId, trackingCode, ct) is not { } self)
        {
            return null;
        }

        if (self.Report.Match is not { } m || await reports.FindByCodeAsync(m.With, ct) is not { } other || other.Report.AreaId != areaId)
        {
            return new Pair(null, null, MatchRefusal.NotMatched);
        }

        var (sought, found) = MatchPairing.Order(self, self.Report.Kind, other);
        return new Pair(sought, found, null);
    }
}
