using GridAid.Core.Directory;
using GridAid.Core.Inspections;
using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Core.Text;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Directory;

/// <summary>What an admin sends to replace their own access code (<c>POST admin/access-code</c>): <c>{"confirm": true}</c>.</summary>
public sealed record AdminCodeInput(bool? Confirm);

/// <summary>
/// An area admin renames the area, changes its duty station, replaces their own access code, and changes the area's stations, grid cells, QR points and station access codes. Every change is
/// checked by <see cref="DirectoryRules"/> against the directory read fresh from the table (not the cache), then
/// written, then this instance's <see cref="DirectoryCache"/> is cleared so routing and sign-in here see it at once;
/// other instances see it within <see cref="DirectoryCache.Ttl"/> (30 s), a replaced access code included.
/// Deleting a grid cell removes it from the neighbour lists of the cells around it (one transaction).
/// Two admins changing the same area at the same instant are not serialized: the last write wins.
/// </summary>
public sealed class DirectoryAdmin(DirectoryStore store, DirectoryCache cache, AlertStore alerts)
{
    public Task<DirectoryResult> GetAsync(string areaId, CancellationToken ct) =>
        WithAreaAsync(areaId, area => Task.FromResult(new DirectoryResult(DirectoryOutcome.Read, new
        {
            area = area.Area,
            stations = area.Stations.OrderBy(s => s.Id, StringComparer.Ordinal).ToList(),
            cells = area.Cells.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(),
            points = area.Points.OrderBy(p => p.Code, StringComparer.Ordinal).ToList(),
            venues = area.Venues.OrderBy(v => v.Id, StringComparer.Ordinal).ToList(),
            venueTypes = Enum.GetValues<VenueType>().Select(t => new
            {
                type = t,
                name = VenueTypes.NameOf(t),
                checklist = area.ChecklistFor(t),
                edited = area.EditedChecklists.Any(c => c.Type == t),
            }).ToList(),
        })), ct);

    public Task<DirectoryResult> PutVenueAsync(string areaId, string id, VenueInput input, CancellationToken ct) =>
        PutAsync(areaId, area => VenueRules.Venue(area, id, input), area => area.FindVenue(id) is not null, async venue =>
        {
            await store.UpsertVenueAsync(venue, ct);
            return null;
        }, ct);

    /// <summary>Deletes a venue from the directory; its inspections and rectifications stay on record.</summary>
    public Task<DirectoryResult> DeleteVenueAsync(string areaId, string id, CancellationToken ct) =>
        WithAreaAsync(areaId, async area =>
        {
            if (area.FindVenue(id) is null)
            {
                return new DirectoryResult(DirectoryOutcome.VenueNotFound);
            }

            await store.DeleteVenueAsync(areaId, id, ct);
            return Changed(DirectoryOutcome.Deleted);
        }, ct);

    /// <summary>Replaces the checklist of one venue type (<see cref="VenueRules.Checklist"/>); inspections already recorded keep the items they were checked against.</summary>
    public Task<DirectoryResult> PutChecklistAsync(string areaId, string venueType, ChecklistInput input, CancellationToken ct) =>
        PutAsync(areaId, _ => VenueRules.Checklist(venueType, input), area => area.EditedChecklists.Any(c => VenueTypes.Wire(c.Type) == venueType), async checklist =>
        {
            await store.UpsertChecklistAsync(areaId, checklist, ct);
            return null;
        }, ct);

    public Task<DirectoryResult> PutStationAsync(string areaId, string id, StationInput input, CancellationToken ct) =>
        PutAsync(areaId, area => DirectoryRules.Station(area, id, input), area => area.FindStation(id) is not null, async station =>
        {
            await store.UpsertStationAsync(station, ct);
            return null;
        }, ct);

    public Task<DirectoryResult> DeleteStationAsync(string areaId, string id, CancellationToken ct) =>
        WithAreaAsync(areaId, async area =>
        {
            if (area.FindStation(id) is null)
            {
                return new DirectoryResult(DirectoryOutcome.StationNotFound);
            }

            switch (DirectoryRules.StationInUse(area, id))
            {
                case "default":
                    return new DirectoryResult(DirectoryOutcome.StationOnDuty);
                case "venues":
                    return new DirectoryResult(DirectoryOutcome.StationHasVenues);
                case not null:
                    return new DirectoryResult(DirectoryOutcome.StationInCells);
            }

            var inbox = await alerts.ListForStationAsync(areaId, id, 1000, ct);
            if (inbox.Any(a => a.Status < ReportStatus.Resolved))
            {
                return new DirectoryResult(DirectoryOutcome.StationHasOpenAlerts);
            }

            await store.DeleteStationAsync(areaId, id, ct);
            return Changed(DirectoryOutcome.Deleted);
        }, ct);

    public Task<DirectoryResult> PutCellAsync(string areaId, string id, CellInput input, CancellationToken ct) =>
        PutAsync(areaId, area => DirectoryRules.Cell(area, id, input), area => area.FindCell(id) is not null, async cell =>
        {
            await store.UpsertCellAsync(cell, ct);
            return null;
        }, ct);

    public Task<DirectoryResult> DeleteCellAsync(string areaId, string id, CancellationToken ct) =>
        WithAreaAsync(areaId, async area =>
        {
            if (area.FindCell(id) is null)
            {
                return new DirectoryResult(DirectoryOutcome.CellNotFound);
            }

            if (DirectoryRules.CellHasPoints(area, id))
            {
                return new DirectoryResult(DirectoryOutcome.CellHasPoints);
            }

            return await store.DeleteCellAsync(areaId, id, ct)
                ? Changed(DirectoryOutcome.Deleted)
                : new DirectoryResult(DirectoryOutcome.CellNotFound);
        }, ct);

    public Task<DirectoryResult> PutPointAsync(string areaId, string code, PointInput input, CancellationToken ct) =>
        PutAsync(areaId, area => DirectoryRules.Point(area, code, input), area => area.FindPoint(code) is not null, async point =>
            await store.UpsertPointAsync(point, ct) ? null : DirectoryOutcome.PointOfAnotherArea, ct);

    public Task<DirectoryResult> DeletePointAsync(string areaId, string code, CancellationToken ct) =>
        WithAreaAsync(areaId, async area =>
        {
            if (area.FindPoint(code) is not { } point)
            {
                return new DirectoryResult(DirectoryOutcome.PointNotFound);
            }

            await store.DeletePointAsync(areaId, point.Code, ct);
            return Changed(DirectoryOutcome.Deleted);
        }, ct);

    /// <summary>A new random access code for a station: only its hash is stored, the code is answered once, the old one stops working.</summary>
    public Task<DirectoryResult> NewAccessCodeAsync(string areaId, string stationId, CancellationToken ct) =>
        WithAreaAsync(areaId, async area =>
        {
            if (area.FindStation(stationId) is null)
            {
                return new DirectoryResult(DirectoryOutcome.StationNotFound);
            }

            var code = AccessCode.NewCode();
            await store.SetAccessHashAsync(areaId, stationId, AccessCode.Hash(areaId, stationId, code), ct);
            return Changed(DirectoryOutcome.CodeIssued, new { stationId, accessCode = code, credential = $"{areaId}.{stationId}.{code}" });
        }, ct);

    /// <summary>Renames the area or makes another of its stations the duty station (<see cref="DirectoryRules.Area"/>).</summary>
    public Task<DirectoryResult> PutAreaAsync(string areaId, AreaInput input, CancellationToken ct) =>
        PutAsync(areaId, area => DirectoryRules.Area(area, input), _ => true, async area =>
        {
            await store.UpdateAreaAsync(area, ct);
            return null;
        }, ct);

    /// <summary>
    /// The admin's own new access code: only its hash is stored, the code is answered once, and the old one stops at
    /// once on this instance (within <see cref="DirectoryCache.Ttl"/> on others). It locks out whoever holds the old
    /// code, the caller included until they use the new one, so it must be asked for: <c>{"confirm": true}</c>.
    /// </summary>
    public Task<DirectoryResult> NewAdminAccessCodeAsync(string areaId, AdminCodeInput input, CancellationToken ct) =>
        WithAreaAsync(areaId, async _ =>
        {
            if (input.Confirm != true)
            {
                var errors = new ValidationErrors();
                errors.Add("confirm", "confirm_required", Texts.Of("rule.theOldCodeStopsWorking"));
                return new DirectoryResult(DirectoryOutcome.Invalid, Errors: errors);
            }

            var code = AccessCode.NewCode();
            await store.SetAccessHashAsync(areaId, AccessCode.AdminPrincipal, AccessCode.Hash(areaId, AccessCode.AdminPrincipal, code), ct);
            return Changed(DirectoryOutcome.CodeIssued, new { areaId, accessCode = code, credential = $"{areaId}.{AccessCode.AdminPrincipal}.{code}" });
        }, ct);

    /// <summary>
    /// Creates or replaces one entry: <paramref name="check"/> validates it against the area, <paramref name="write"/>
    /// stores it (or names why it cannot), and the answer says whether it was new.
    /// </summary>
    private Task<DirectoryResult> PutAsync<T>(
        string areaId,
        Func<AreaDirectory, (T? Valid, ValidationErrors Errors)> check,
        Func<AreaDirectory, bool> existed,
        Func<T, Task<DirectoryOutcome?>> write,
        CancellationToken ct)
        where T : class =>
        WithAreaAsync(areaId, async area =>
        {
            var (valid, errors) = check(area);
            if (valid is null)
            {
                return new DirectoryResult(DirectoryOutcome.Invalid, Errors: errors);
            }

            return await write(valid) is { } refused
                ? new DirectoryResult(refused)
                : Changed(existed(area) ? DirectoryOutcome.Updated : DirectoryOutcome.Created, valid);
        }, ct);

    /// <summary>Loads the area fresh from the table (404 outcome when it is gone) and runs <paramref name="change"/> on it.</summary>
    private async Task<DirectoryResult> WithAreaAsync(string areaId, Func<AreaDirectory, Task<DirectoryResult>> change, CancellationToken ct) =>
        await store.LoadAsync(areaId, ct) is { } area ? await change(area) : new DirectoryResult(DirectoryOutcome.AreaNotFound);

    /// <summary>After a write: this instance forgets its cached directory, so routing and sign-in here see the change at once.</summary>
    private DirectoryResult Changed(DirectoryOutcome outcome, object? value = null)
    {
        cache.Clear();
        return new DirectoryResult(outcome, value);
    }
}
