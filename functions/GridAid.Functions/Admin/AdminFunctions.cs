using GridAid.Core.Reports;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Admin;

/// <summary>The area admin's view of every report, filtered by kind, status and station, one page at a time.</summary>
public sealed class AdminFunctions(ReportStore reports, AlertStore alerts, DirectoryCache directory, ResolvedReportRedaction redaction)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Function(nameof(ListReports))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports")] HttpRequest req, CancellationToken ct)
    {
        if (!req.ReadReportQuery().TryGet(out var query, out var problem))
        {
            return problem;
        }

        var paging = req.ReadPaging(DefaultPageSize, MaxPageSize);
        var page = await reports.ListAsync(req.Caller().AreaId, new ReportFilter(query.Kind, query.Status, query.StationId), paging.PageSize, paging.Continuation, ct);
        return ApiResults.Json(new { items = page.Items, continuationToken = page.ContinuationToken });
    }

    /// <summary>
    /// One report as the admin needs it on its detail page: everything it holds (personal data included, hence
    /// audited: who looked, and when), its timeline with station names, and every alerted station's own state.
    /// </summary>
    [Function(nameof(GetReport))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> GetReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/reports/{trackingCode}")] HttpRequest req,
        string trackingCode, CancellationToken ct)
    {
        var areaId = req.Caller().AreaId;
        if (TrackingCode.Normalize(trackingCode) is not { } code || await reports.FindByCodeAsync(code, ct) is not { } stored || stored.Report.AreaId != areaId)
        {
            return ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noReport", null);
        }

        var area = await directory.GetAsync(areaId, ct);
        var states = new List<object>();
        foreach (var stationId in stored.Report.StationIds)
        {
            var alert = (await alerts.GetAsync(areaId, stationId, stored.Key, ct))?.Alert;
            states.Add(new
            {
                stationId,
                station = area?.FindStation(stationId)?.Name,
                status = alert?.Status,
                reason = alert?.Reason,
                alert?.RoutedAt,
                alert?.AcknowledgedAt,
                alert?.ResolvedAt,
                alert?.TransferredTo,
                alert?.TransferredFrom,
            });
        }

        var r = stored.Report;
        return ApiResults.Json(new
        {
            report = r with { HandoverHash = null }, // the hand-over code's hash is for the check alone
            point = r.PointCode is null ? null : area?.FindPoint(r.PointCode)?.Name,
            redacted = Redaction.IsRedacted(r),
            photos = Core.Photos.PhotoRules.ForAdmin(r.TrackingCode, r.PhotoCount),
            timeline = r.Timeline.Select(t => new { view = Reports.TimelineView.From(t, area), text = t.Text }).ToList(),
            alerts = states,
        });
    }

    /// <summary>Removes a report's personal data now, when the person asks a station to delete it sooner.</summary>
    [Function(nameof(RedactReport))]
    [CallableBy(Callers.AreaAdmin)]
    [Audited]
    public async Task<IActionResult> RedactReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/reports/{trackingCode}/redact")] HttpRequest req,
        string trackingCode, CancellationToken ct) =>
        TrackingCode.Normalize(trackingCode) is { } code && await redaction.RedactNowAsync(req.Caller().AreaId, code, ct)
            ? new NoContentResult()
            : ApiResults.ProblemOf(StatusCodes.Status404NotFound, "problem.noReport", null);
}
