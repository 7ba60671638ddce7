using GridAid.Core.Alerts;
using GridAid.Core.Custody;
using GridAid.Core.Text;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Custody;

/// <summary>How a custody step ended.</summary>
public enum CustodyOutcome
{
    Done,

    /// <summary>No report of the area has that code, or the station neither holds its alert nor entered it.</summary>
    NoReport,

    /// <summary>The item is not in custody (release).</summary>
    NotHeld,

    Refused,
}

public sealed record CustodyResult(CustodyOutcome Outcome, CustodyItem? Item = null, CustodyRefusal? Refusal = null);

/// <summary>
/// The custody steps (<see cref="CustodyRules"/>): the item record first (ETag-conditional; the one that decides), then
/// its reminders' due rows (fixed keys), the report's timeline and the holding station's alert, each safe to repeat; a
/// retry of a step that was written finishes what the first attempt left. Leaving custody for the police or a disposal
/// resolves the report (the station's resolve: every station stands down); the owner's hand-over resolves it itself.
/// </summary>
public sealed class CustodyActions(
    CustodyStore custody,
    ReportStore reports,
    AlertStore alerts,
    Stations.AlertActions steps,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<CustodyActions> logger)
{
    private CustodyPolicy Policy => options.Value.Custody;

    /// <summary>
    /// The station takes the found item into custody, or changes where it is kept or the notice date. It must hold the
    /// report's alert, or have entered the report itself (a found item handed in at its desk, before routing).
    /// </summary>
    public async Task<CustodyResult> TakeAsync(string areaId, string stationId, string trackingCode, string? storage, DateTimeOffset? noticeAt, CancellationToken ct)
    {
        if (await reports.FindByCodeAsync(trackingCode, ct) is not { } stored || stored.Report.AreaId != areaId
            || (stored.Report.EnteredBy != stationId && await alerts.GetAsync(areaId, stationId, stored.Key, ct) is null))
        {
            return new CustodyResult(CustodyOutcome.NoReport);
        }

        var now = clock.GetUtcNow();
        var (step, item) = await custody.UpdateAsync(areaId, stored.Report.TrackingCode,
            existing => CustodyRules.Take(existing, stored.Report, stored.Key, stationId, storage, noticeAt, now, Policy), ct);
        if (step.Refusal is { } refusal)
        {
            return new CustodyResult(CustodyOutcome.Refused, item, refusal);
        }

        await FollowAsync(item!, null, now, ct);
        if (step.Item is not null)
        {
            logger.LogInformation("Station {StationId} holds found item {TrackingCode} (deadline {Deadline:O})", stationId, item!.TrackingCode, item.Deadline);
        }

        return new CustodyResult(CustodyOutcome.Done, item);
    }

    /// <summary>The holding station hands the item to the police, or disposes of it (the note says how).</summary>
    public async Task<CustodyResult> ReleaseAsync(string areaId, string stationId, string trackingCode, CustodyEnd to, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (step, item) = await custody.UpdateAsync(areaId, trackingCode,
            existing => existing is null ? CustodyStep.Unchanged : CustodyRules.Release(existing, stationId, to, note, now), ct);
        if (item is null)
        {
            return new CustodyResult(CustodyOutcome.NotHeld);
        }

        if (step.Refusal is { } refusal)
        {
            return new CustodyResult(CustodyOutcome.Refused, item, refusal);
        }

        await FollowAsync(item, to, now, ct);
        // The item is gone from the shelf: its report is resolved by the station (every station stands down), with a word for the finder.
        await steps.StepAsync(areaId, stationId, trackingCode, Core.Alerts.StationAction.Resolve, ct, to == CustodyEnd.Police
            ? Note("st.custodyPolice")
            : Note("st.custodyDisposed"));
        logger.LogInformation("Found item {TrackingCode} left custody at {StationId}: {To}", trackingCode, stationId, to);
        return new CustodyResult(CustodyOutcome.Done, item);
    }

    /// <summary>The system's word to the finder, from the language files (a timeline note keeps Chinese and English).</summary>
    private static Core.Reports.LocalizedNote Note(string key) => new(Texts.Get("zh", key), Texts.Get("en", key));

    /// <summary>The item was handed to its owner (a confirmed match's hand-over): it leaves custody, if it was in it.</summary>
    public async Task ToOwnerAsync(string areaId, string trackingCode, string byStationId, DateTimeOffset at, CancellationToken ct)
    {
        var (_, item) = await custody.UpdateAsync(areaId, trackingCode,
            existing => existing is not null && CustodyRules.ToOwner(existing, byStationId, at) is { } next ? new CustodyStep(next) : CustodyStep.Unchanged, ct);
        if (item is not null)
        {
            await alerts.UpdateAsync(areaId, item.StationId, item.ReportKey, a => WithCustody(a, item), ct);
        }
    }

    /// <summary>One station's custody list, or the area's (<paramref name="stationId"/> null): held items nearest deadline first, then released ones.</summary>
    public async Task<IReadOnlyList<CustodyView>> ListAsync(string areaId, string? stationId, CancellationToken ct) =>
        CustodyRules.Order(await custody.ListAsync(areaId, stationId, ct)).Select(i => CustodyView.Of(i, Policy)).ToList();

    /// <summary>What follows a written step: the reminders still to come, one timeline entry, the holding station's alert.</summary>
    private async Task FollowAsync(CustodyItem item, CustodyEnd? end, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (days, due) in CustodyRules.Pending(item, Policy))
        {
            await custody.ScheduleAsync(item.AreaId, item.TrackingCode, days, due, ct);
        }

        await reports.UpdateAsync(item.AreaId, item.ReportKey, r => CustodyTimeline.Noted(r, end, item.Release?.By ?? item.StationId, now), ct);
        await alerts.UpdateAsync(item.AreaId, item.StationId, item.ReportKey, a => WithCustody(a, item), ct);
    }

    /// <summary>The alert showing the item's custody as it is now; null when it shows that already.</summary>
    public static Alert? WithCustody(Alert alert, CustodyItem item) =>
        AlertCustody.Of(item) is var view && view == alert.Custody ? null : alert with { Custody = view };
}

/// <summary>One line of a custody list.</summary>
public sealed record CustodyView(
    string TrackingCode,
    string StationId,
    string Storage,
    DateTimeOffset NoticeAt,
    DateTimeOffset Deadline,
    bool Held,
    string? Category,
    string? Colour,
    string Summary,
    IReadOnlyList<int> RemindersSent,
    DateTimeOffset? NextReminderAt,
    CustodyRelease? Release)
{
    public static CustodyView Of(CustodyItem i, CustodyPolicy policy) => new(
        i.TrackingCode, i.StationId, i.Storage, i.NoticeAt, i.Deadline, i.IsHeld, i.Category, i.Colour, i.Summary, i.RemindersSent,
        CustodyRules.Pending(i, policy) is [var first, ..] ? first.Due : null, i.Release);
}
