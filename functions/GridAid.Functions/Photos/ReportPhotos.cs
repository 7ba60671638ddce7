using GridAid.Core.Photos;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Blobs;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Photos;

/// <summary>
/// Who may see a report's photos: a station that holds an alert for it (or the area's admin reading that station's
/// inbox), and the area's admin. A redacted report or alert has none. Null means "no such photo for this caller" (404).
/// </summary>
public sealed class ReportPhotos(ReportStore reports, AlertStore alerts, PhotoStore photos)
{
    public async Task<byte[]?> ForStationAsync(Caller caller, string stationId, string trackingCode, string n, bool thumbnail, CancellationToken ct)
    {
        if (await ReportOfAreaAsync(caller, trackingCode, ct) is not { } stored
            || await alerts.GetAsync(caller.AreaId, stationId, stored.Key, ct) is not { } alert
            || PhotoRules.Number(n, alert.Alert.PhotoCount) is not { } number)
        {
            return null;
        }

        return await photos.GetAsync(caller.AreaId, stored.Report.TrackingCode, number, thumbnail, ct);
    }

    public async Task<byte[]?> ForAdminAsync(Caller caller, string trackingCode, string n, bool thumbnail, CancellationToken ct) =>
        await ReportOfAreaAsync(caller, trackingCode, ct) is { } stored && PhotoRules.Number(n, stored.Report.PhotoCount) is { } number
            ? await photos.GetAsync(caller.AreaId, stored.Report.TrackingCode, number, thumbnail, ct)
            : null;

    private async Task<StoredReport?> ReportOfAreaAsync(Caller caller, string trackingCode, CancellationToken ct) =>
        TrackingCode.Normalize(trackingCode) is { } code && await reports.FindByCodeAsync(code, ct) is { } stored && stored.Report.AreaId == caller.AreaId
            ? stored
            : null;
}
