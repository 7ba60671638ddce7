using GridAid.Core.Disputes;
using GridAid.Core.Figures;
using GridAid.Core.Text;
using GridAid.Functions.Inspections;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Disputes;

/// <summary>
/// Dispute early warnings (docs/inspections.md): a station files one, it goes to the police posts of the cell
/// (<see cref="DisputeRules.File"/>), one of them records the outcome. Confidential: a station that neither filed it nor
/// received it gets the same 404 as for a warning that does not exist (<see cref="DisputeRules.Sees"/>), so it cannot
/// learn that one exists. The phone makes the id, so a retried filing is the same warning, counted once.
/// </summary>
public sealed class DisputeWarnings(
    DirectoryCache directory,
    DisputeStore store,
    IFigureRecorder figures,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<DisputeWarnings> logger)
{
    private static readonly WorkResult NoDispute = WorkResult.NotFound(Texts.Of("problem.noSuchDisputeWarning"));

    public async Task<WorkResult> FileAsync(string areaId, string stationId, DisputeInput input, CancellationToken ct)
    {
        if (await directory.GetAsync(areaId, ct) is not { } area)
        {
            return WorkResult.NotFound(Texts.Of("problem.noSuchArea"));
        }

        var (dispute, errors) = DisputeRules.File(area, stationId, input, clock.GetUtcNow());
        if (dispute is null)
        {
            return WorkResult.Invalid(errors);
        }

        if (!await store.AddAsync(dispute, ct))
        {
            if (await store.GetAsync(areaId, dispute.Id, ct) is not ({ } earlier, _) || earlier.FiledBy != stationId)
            {
                return WorkResult.Refused(WorkOutcome.Conflict, Texts.Of("problem.thisIdIsTaken"));
            }

            await CountFiledAsync(earlier, ct);
            return WorkResult.Read(earlier);
        }

        await CountFiledAsync(dispute, ct);
        logger.LogInformation("Dispute warning {DisputeId} filed by {StationId} in cell {CellId}: routed to {Stations}", dispute.Id, stationId, dispute.CellId, string.Join(",", dispute.RoutedTo));
        return new WorkResult(WorkOutcome.Created, dispute);
    }

    /// <summary>The warnings a station filed or received, newest first; the admin reading a station's route sees that station's.</summary>
    public async Task<WorkResult> ListAsync(string areaId, string stationId, CancellationToken ct) =>
        WorkResult.Read((await store.ListAsync(areaId, ct)).Where(d => DisputeRules.Sees(d, stationId, isAdmin: false)).ToList());

    /// <summary>Every warning of the area, for its admin.</summary>
    public async Task<WorkResult> ListAllAsync(string areaId, CancellationToken ct) => WorkResult.Read(await store.ListAsync(areaId, ct));

    public async Task<WorkResult> GetAsync(Caller caller, string stationId, string id, CancellationToken ct) =>
        await store.GetAsync(caller.AreaId, id, ct) is ({ } d, _) && DisputeRules.Sees(d, stationId, caller.IsAdmin)
            ? WorkResult.Read(d)
            : NoDispute;

    /// <summary>The outcome, recorded by a police post the warning went to.</summary>
    public async Task<WorkResult> CloseAsync(string areaId, string stationId, string id, DisputeOutcomeInput input, CancellationToken ct)
    {
        for (var attempt = 0; attempt < WorkResult.MaxAttempts; attempt++)
        {
            if (await store.GetAsync(areaId, id, ct) is not ({ } dispute, var etag) || !DisputeRules.Sees(dispute, stationId, isAdmin: false))
            {
                return NoDispute;
            }

            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.ToOffset(options.Value.AreaUtcOffset).DateTime);
            var (closed, errors, refusal) = DisputeRules.Close(dispute, stationId, input, today, now);
            switch (refusal)
            {
                case OutcomeRefusal.NotRoutedHere:
                    return WorkResult.Refused(WorkOutcome.Forbidden, Texts.Of("problem.onlyThePolicePostThe"));
                case OutcomeRefusal.AlreadyClosed:
                    return WorkResult.Refused(WorkOutcome.Conflict, Texts.Of("problem.thisWarningAlreadyHasAn"));
            }

            if (closed is null)
            {
                return WorkResult.Invalid(errors);
            }

            if (ReferenceEquals(closed, dispute) || await store.ReplaceAsync(closed, etag, ct))
            {
                if (closed.Outcome == DisputeOutcome.Mediated)
                {
                    await figures.RecordAsync(new FigureFact(areaId, FigureMetrics.DisputesMediated, closed.Id, stationId, closed.OutcomeAt ?? now), ct);
                }

                return WorkResult.Read(closed);
            }
        }

        throw WorkResult.KeptChanging("dispute " + id);
    }

    private Task CountFiledAsync(Dispute d, CancellationToken ct) =>
        figures.RecordAsync(new FigureFact(d.AreaId, FigureMetrics.DisputesFiled, d.Id, d.FiledBy, d.FiledAt), ct);
}
