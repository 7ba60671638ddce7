namespace GridAid.Functions.Photos;

/// <summary>
/// A report's photos, never public: the alerted station (or its admin, reading its inbox) and the area's admin fetch
/// them with their credential. The alert JSON and the admin's report detail list them as <c>photos: [{url, thumbnailUrl}]</c>.
/// </summary>
public sealed class PhotoFunctions(ReportPhotos photos)
{
    [Function(nameof(GetAlertPhoto))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> GetAlertPhoto(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts/{trackingCode}/photos/{n}")] HttpRequest req,
        string stationId, string trackingCode, string n, CancellationToken ct) =>
        Answer(await photos.ForStationAsync(req.Caller(), stationId, trackingCode, n, thumbnail: false, ct));

    [Function(nameof(GetAlertPhotoThumbnail))]
    [CallableBy(Callers.RouteStationOrAdmin)]
    public async Task<IActionResult> GetAlertPhotoThumbnail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/alerts/{trackingCode}/photos/{n}/thumb")] HttpRequest req,
        string stationId, string trackingCode, string n, CancellationToken ct) =>
        Answer(await photos.ForStationAsync(req.Caller(), stationId, trackingCode, n, thumbnail: true, ct));

    /// <summary>Personal data, as the report detail is: audited.</summary>
    [Function(nameof(GetReportPhoto))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> GetReportPhoto(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports/{trackingCode}/photos/{n}")] HttpRequest req,
        string trackingCode, string n, CancellationToken ct) =>
        Answer(await photos.ForAdminAsync(req.Caller(), trackingCode, n, thumbnail: false, ct));

    [Function(nameof(GetReportPhotoThumbnail))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> GetReportPhotoThumbnail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports/{trackingCode}/photos/{n}/thumb")] HttpRequest req,
        string trackingCode, string n, CancellationToken ct) =>
        Answer(await photos.ForAdminAsync(req.Caller(), trackingCode, n, thumbnail: true, ct));

    private static IActionResult Answer(byte[]? jpeg) =>
        jpeg is null ? ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noPhoto", null) : new PhotoResult(jpeg);
}
