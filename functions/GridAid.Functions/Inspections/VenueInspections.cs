using GridAid.Core.Directory;
using GridAid.Core.Figures;
using GridAid.Core.Inspections;
using GridAid.Core.Photos;
using GridAid.Core.Text;
using GridAid.Infrastructure.Blobs;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Inspections;

/// <summary>
/// A station's venues, their inspections and rectifications (docs/inspections.md). A station reads and inspects the
/// venues it covers (<see cref="VenueRules.Covers"/>: it is responsible, or its grid cell lists it); the area's admin
/// reads every venue through any station's route. Recording an inspection writes it with the rectifications it opens
/// and closes in one transaction (<see cref="InspectionStore.RecordAsync"/>); the inspection id is the phone's, so a
/// retried request answers the inspection already recorded. Every countable moment records a figure fact on a
/// deterministic id: the inspection, each rectification opened, closed or overdue.
/// </summary>
public sealed class VenueInspections(
    DirectoryCache directory,
    InspectionStore store,
    PhotoStore photos,
    IFigureRecorder figures,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<VenueInspections> logger)
{
    private static readonly WorkResult NoVenue = WorkResult.NotFound(Texts.Of("problem.noSuchVenueOrNot"));
    private static readonly WorkResult NoStation = WorkResult.NotFound(Texts.Of("problem.noStationId"));

    /// <summary>The venues a station covers (every venue for the admin), each with its checklist and how many rectifications are open.</summary>
    public async Task<WorkResult> VenuesAsync(Caller caller, string stationId, CancellationToken ct)
    {
        if (await ContextAsync(caller, stationId, ct) is not ({ } area, var station))
        {
            return NoStation;
        }

        var open = await store.ListRectificationsAsync(area.Area.Id, null, openOnly: true, ct);
        return WorkResult.Read(area.Venues
            .Where(v => station is null || VenueRules.Covers(area, station, v))
            .OrderBy(v => v.GridCellId, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)
            .Select(v => new
            {
                venue = v,
                typeName = VenueTypes.NameOf(v.Type),
                cell = area.FindCell(v.GridCellId)?.Name,
                checklist = area.ChecklistFor(v.Type),
                openRectifications = open.Count(r => r.Rectification.VenueId == v.Id),
            })
            .ToList());
    }

    /// <summary>One venue: its checklist, its inspections newest first (with links to their photos) and its rectifications.</summary>
    public async Task<WorkResult> VenueAsync(Caller caller, string stationId, string venueId, CancellationToken ct)
    {
        if (await ContextAsync(caller, stationId, ct) is not ({ } area, var station))
        {
            return NoStation;
        }

        if (area.FindVenue(venueId) is not { } venue || (station is not null && !VenueRules.Covers(area, station, venue)))
        {
            return NoVenue;
        }

        var inspections = await store.ListInspectionsAsync(area.Area.Id, venue.Id, ct);
        var rectifications = await store.ListRectificationsAsync(area.Area.Id, venue.Id, openOnly: false, ct);
        return WorkResult.Read(new
        {
            venue,
            typeName = VenueTypes.NameOf(venue.Type),
            cell = area.FindCell(venue.GridCellId)?.Name,
            station = area.FindStation(venue.StationId)?.Name,
            checklist = area.ChecklistFor(venue.Type),
            open = rectifications.Where(r => r.Rectification.IsOpen).Select(r => r.Rectification).ToList(),
            closed = rectifications.Where(r => !r.Rectification.IsOpen).Select(r => r.Rectification).OrderByDescending(r => r.ClosedAt).ToList(),
            inspections = inspections.Select(i => new
            {
                inspection = i,
                photos = i.Items.Where(x => x.Photo).ToDictionary(x => x.ItemId, x => PhotoUrl(stationId, i.Id, x.ItemId)),
            }).ToList(),
        });
    }

    /// <summary>The open rectifications a station sees: those of the venues it covers and those escalated to it (as a police post).</summary>
    public async Task<WorkResult> RectificationsAsync(Caller caller, string stationId, CancellationToken ct)
    {
        if (await ContextAsync(caller, stationId, ct) is not ({ } area, var station))
        {
            return NoStation;
        }

        var open = await store.ListRectificationsAsync(area.Area.Id, null, openOnly: true, ct);
        return WorkResult.Read(open
            .Select(x => x.Rectification)
            .Where(r => station is null || InspectionRules.Sees(area, station, area.FindVenue(r.VenueId), r))
            .OrderByDescending(r => r.Status).ThenBy(r => r.Due)
            .Select(r => new
            {
                rectification = r,
                venue = area.FindVenue(r.VenueId)?.Name,
                escalatedHere = r.EscalatedTo?.Contains(stationId, StringComparer.Ordinal) ?? false,
            })
            .ToList());
    }

    /// <summary>Records an inspection by <paramref name="stationId"/> (the caller itself: the route is <c>RouteStation</c>).</summary>
    public async Task<WorkResult> RecordAsync(string areaId, string stationId, InspectionInput input, CancellationToken ct)
    {
        if (await directory.GetAsync(areaId, ct) is not { } area || area.FindStation(stationId) is not { } station)
        {
            return NoStation;
        }

        if (input.VenueId is not { } venueId || area.FindVenue(venueId) is not { } venue || !VenueRules.Covers(area, station, venue))
        {
            var errors = new Core.Reports.ValidationErrors();
            errors.Add("venueId", "venue_unknown", Texts.Of("rule.chooseAVenueThisStation"));
            return WorkResult.Invalid(errors);
        }

        var checklist = area.ChecklistFor(venue.Type);
        var (inspection, invalid) = InspectionRules.Inspection(checklist, venue, stationId, input, clock.GetUtcNow());
        if (inspection is null)
        {
            return WorkResult.Invalid(invalid);
        }

        for (var attempt = 0; attempt < WorkResult.MaxAttempts; attempt++)
        {
            if (await store.GetInspectionAsync(areaId, inspection.Id, ct) is { } earlier)
            {
                return await AgainAsync(earlier, stationId, venue.Id, ct);
            }

            var open = await store.ListRectificationsAsync(areaId, venue.Id, openOnly: true, ct);
            var effect = InspectionRules.Apply(inspection, checklist, [.. open.Select(x => x.Rectification)], options.Value.Rectifications);
            var etags = open.ToDictionary(x => x.Rectification.Id, x => x.ETag, StringComparer.Ordinal);
            switch (await store.RecordAsync(effect, etags, ct))
            {
                case InspectionWrite.Recorded:
                    await CountAsync(effect.Inspection, effect.Opened, effect.Closed, ct);
                    logger.LogInformation("Inspection {InspectionId} of venue {VenueId} by {StationId}: {Opened} rectifications opened, {Closed} closed",
                        inspection.Id, venue.Id, stationId, effect.Opened.Count, effect.Closed.Count);
                    return new WorkResult(WorkOutcome.Created, Answer(effect.Inspection, effect.Opened, effect.Closed, stationId));
                case InspectionWrite.Exists:
                    continue;
            }
        }

        throw WorkResult.KeptChanging("venue " + venue.Id);
    }

    /// <summary>A photo of a failed item of an inspection this station recorded, re-encoded without metadata (<see cref="PhotoImage"/>).</summary>
    public async Task<WorkResult> PutPhotoAsync(string areaId, string stationId, string inspectionId, string itemId, byte[] file, CancellationToken ct)
    {
        if (await store.GetInspectionAsync(areaId, inspectionId, ct) is not { } inspection || inspection.StationId != stationId)
        {
            return WorkResult.NotFound(Texts.Of("problem.noSuchInspectionByThis"));
        }

        if (inspection.Items.FirstOrDefault(i => i.ItemId == itemId) is not { Result: ItemResult.Fail })
        {
            return WorkResult.NotFound(Texts.Of("problem.onlyAFailedItemOf"));
        }

        var (photo, refusal) = PhotoImage.Clean(file);
        if (photo is null)
        {
            var errors = new Core.Reports.ValidationErrors();
            errors.Add(PhotoCheck.Field, refusal == PhotoRefusal.TooManyPixels ? "photo_too_large" : "photo_invalid",
                Texts.Of("problem.thePhotoMustBeA"));
            return WorkResult.Invalid(errors);
        }

        await photos.PutAllAsync(areaId, PhotoKey(inspectionId, itemId), [photo], ct);
        await store.MarkPhotoAsync(areaId, inspectionId, itemId, ct);
        return new WorkResult(WorkOutcome.Created, new { url = PhotoUrl(stationId, inspectionId, itemId) });
    }

    /// <summary>The photo of an item, to a station covering the venue (or the admin).</summary>
    public async Task<byte[]?> GetPhotoAsync(Caller caller, string stationId, string inspectionId, string itemId, CancellationToken ct)
    {
        if (await ContextAsync(caller, stationId, ct) is not ({ } area, var station)
            || await store.GetInspectionAsync(area.Area.Id, inspectionId, ct) is not { } inspection
            || inspection.Items.All(i => i.ItemId != itemId || !i.Photo))
        {
            return null;
        }

        var venue = area.FindVenue(inspection.VenueId);
        if (station is not null && inspection.StationId != station.Id && (venue is null || !VenueRules.Covers(area, station, venue)))
        {
            return null;
        }

        return await photos.GetAsync(area.Area.Id, PhotoKey(inspectionId, itemId), 1, thumbnail: false, ct);
    }

    /// <summary>
    /// One sweep of an area: every open rectification past its deadline goes to the police posts of its venue's cell
    /// (a conditional write, so two sweepers or a closing inspection at the same moment never both win) and counts once as overdue,
    /// at its deadline.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(string areaId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overdue = await store.ListOverdueAsync(areaId, now, ct);
        if (overdue.Count == 0 || await directory.GetAsync(areaId, ct) is not { } area)
        {
            return 0;
        }

        var escalated = 0;
        foreach (var (r, etag) in overdue.Where(x => InspectionRules.Overdue(x.Rectification, now)))
        {
            var venue = area.FindVenue(r.VenueId);

            // Counted before the escalation is written, at its deadline (the moment it became overdue, the same on
            // every sweep): a sweeper that dies between the two counts it on the next sweep, once.
            await figures.RecordAsync(new FigureFact(areaId, FigureMetrics.RectificationsOverdue, r.Id, venue?.StationId ?? r.StationId, r.Due), ct);
            var up = InspectionRules.Escalate(r, area, venue, now);
            if (await store.ReplaceRectificationAsync(up, etag, ct))
            {
                escalated++;
                logger.LogWarning("Rectification {RectificationId} at venue {VenueId} is overdue: escalated to {Stations}", r.Id, r.VenueId, string.Join(",", up.EscalatedTo ?? []));
            }
        }

        return escalated;
    }

    public static string PhotoUrl(string stationId, string inspectionId, string itemId) =>
        $"/api/stations/{Uri.EscapeDataString(stationId)}/inspections/{inspectionId}/photos/{itemId}";

    /// <summary>The photo store's key of an item's photo: a dot cannot be in a tracking code or an id, so it never meets a report's.</summary>
    private static string PhotoKey(string inspectionId, string itemId) => $"insp.{inspectionId}.{itemId}";

    /// <summary>A retried request: the same station and venue get the inspection as recorded (its figures counted again, which changes nothing); anyone else 409.</summary>
    private async Task<WorkResult> AgainAsync(Inspection earlier, string stationId, string venueId, CancellationToken ct)
    {
        if (earlier.StationId != stationId || earlier.VenueId != venueId)
        {
            return WorkResult.Refused(WorkOutcome.Conflict, Texts.Of("problem.thisInspectionIdIsTaken"));
        }

        var all = await store.ListRectificationsAsync(earlier.AreaId, venueId, openOnly: false, ct);
        var opened = all.Select(x => x.Rectification).Where(r => earlier.Opened.Contains(r.Id, StringComparer.Ordinal)).ToList();
        var closed = all.Select(x => x.Rectification).Where(r => earlier.Closed.Contains(r.Id, StringComparer.Ordinal)).ToList();
        await CountAsync(earlier, opened, closed, ct);
        return WorkResult.Read(Answer(earlier, opened, closed, stationId));
    }

    private async Task CountAsync(Inspection inspection, IReadOnlyList<Rectification> opened, IReadOnlyList<Rectification> closed, CancellationToken ct)
    {
        await figures.RecordAsync(new FigureFact(inspection.AreaId, FigureMetrics.InspectionsDone, inspection.Id, inspection.StationId, inspection.At), ct);
        foreach (var r in opened)
        {
            await figures.RecordAsync(new FigureFact(inspection.AreaId, FigureMetrics.RectificationsOpened, r.Id, inspection.StationId, r.OpenedAt), ct);
        }

        foreach (var r in closed)
        {
            await figures.RecordAsync(new FigureFact(inspection.AreaId, FigureMetrics.RectificationsClosed, r.Id, inspection.StationId, r.ClosedAt ?? inspection.At), ct);
        }
    }

    private static object Answer(Inspection inspection, IReadOnlyList<Rectification> opened, IReadOnlyList<Rectification> closed, string stationId) => new
    {
        inspection,
        opened,
        closed,
        photoUploads = inspection.Items.Where(i => i.Result == ItemResult.Fail).ToDictionary(i => i.ItemId, i => PhotoUrl(stationId, inspection.Id, i.ItemId)),
    };

    /// <summary>The caller's area and, for a station, the station (null for the admin, who sees every venue); null area when the station is unknown.</summary>
    private async Task<(AreaDirectory Area, Station? Station)?> ContextAsync(Caller caller, string stationId, CancellationToken ct)
    {
        if (await directory.GetAsync(caller.AreaId, ct) is not { } area || area.FindStation(stationId) is not { } station)
        {
            return null;
        }

        return (area, caller.IsAdmin ? null : station);
    }
}
