using GridAid.Core.Inspections;
using GridAid.Core.Photos;
using GridAid.Core.Text;
using GridAid.Functions.Photos;

namespace GridAid.Functions.Inspections;

/// <summary>
/// Venue inspections (docs/inspections.md): a station reads the venues it covers and records inspections of them; a
/// failed item may get a photo; the station (or its admin) reads a venue's history and the open rectifications, a police
/// post those escalated to it too.
/// </summary>
public sealed class InspectionFunctions(VenueInspections inspections)
{
    [Function(nameof(ListStationVenues))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationVenues(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/venues")] HttpRequest req, string stationId, CancellationToken ct) =>
        WorkResults.ToHttp(await inspections.VenuesAsync(req.Caller(), stationId, ct), req.Language());

    [Function(nameof(GetStationVenue))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> GetStationVenue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/venues/{venueId}")] HttpRequest req,
        string stationId, string venueId, CancellationToken ct) =>
        WorkResults.ToHttp(await inspections.VenueAsync(req.Caller(), stationId, venueId, ct), req.Language());

    [Function(nameof(ListStationRectifications))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> ListStationRectifications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/rectifications")] HttpRequest req, string stationId, CancellationToken ct) =>
        WorkResults.ToHttp(await inspections.RectificationsAsync(req.Caller(), stationId, ct), req.Language());

    [Function(nameof(RecordInspection))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> RecordInspection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/inspections")] HttpRequest req, string stationId, CancellationToken ct) =>
        (await req.ReadJsonAsync<InspectionInput>(ct)).TryGet(out var body, out var problem)
            ? WorkResults.ToHttp(await inspections.RecordAsync(req.Caller().AreaId, stationId, body, ct), req.Language())
            : problem;

    /// <summary>The photo as the request body (<c>image/jpeg</c>, <c>image/png</c> or <c>image/webp</c>, at most <see cref="PhotoRules.MaxBytes"/>).</summary>
    [Function(nameof(PutInspectionPhoto))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> PutInspectionPhoto(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "stations/{stationId}/inspections/{inspectionId}/photos/{itemId}")] HttpRequest req,
        string stationId, string inspectionId, string itemId, CancellationToken ct)
    {
        if (await ReadPhotoAsync(req, ct) is not { } file)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, Texts.Of("problem.thePhotoMustBeAt"), req.Language());
        }

        return WorkResults.ToHttp(await inspections.PutPhotoAsync(req.Caller().AreaId, stationId, inspectionId, itemId, file, ct), req.Language());
    }

    [Function(nameof(GetInspectionPhoto))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> GetInspectionPhoto(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/inspections/{inspectionId}/photos/{itemId}")] HttpRequest req,
        string stationId, string inspectionId, string itemId, CancellationToken ct) =>
        await inspections.GetPhotoAsync(req.Caller(), stationId, inspectionId, itemId, ct) is { } jpeg
            ? new PhotoResult(jpeg)
            : ApiResults.NotFound(Texts.Of("problem.noPhoto"));

    /// <summary>The body, or null when it is longer than a photo may be.</summary>
    private static async Task<byte[]?> ReadPhotoAsync(HttpRequest req, CancellationToken ct)
    {
        if (req.ContentLength > PhotoRules.MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > PhotoRules.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
