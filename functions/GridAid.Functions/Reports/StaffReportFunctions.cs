using System.Text.Json;
using System.Text.Json.Nodes;
using GridAid.Core.Custody;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Core.Text;
using GridAid.Functions.Custody;
using GridAid.Functions.Limits;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Reports;

/// <summary>
/// A station enters a report for a caller or a walk-in: the same body as <c>POST /api/reports</c> (JSON, or multipart
/// with the part <c>report</c> and <c>photo</c> files), validated by the same rules and taken by the same
/// <see cref="ReportAcceptance"/> (limits, intake, queue, router). The report is marked as entered by the station (its
/// first timeline entry, its alerts), which the router also gives it; a found item handed in at the desk goes straight
/// into the station's custody (<c>custody: {storage}</c>, required for a found item).
/// </summary>
public sealed class StaffReportFunctions(ReportAcceptance acceptance, CustodyActions custody, DirectoryCache directory)
{
    [Function(nameof(EnterStationReport))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> EnterStationReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/reports")] HttpRequest req, string stationId, CancellationToken ct)
    {
        var jsonPart = await ReportForm.JsonPartAsync(req, ct);
        var read = jsonPart is null ? await req.ReadJsonAsync<JsonObject>(ct) : req.ParseJson<JsonObject>(jsonPart);
        if (!read.TryGet(out var body, out var problem))
        {
            return problem;
        }

        var lang = req.Language();
        var areaId = req.Caller().AreaId;
        ReportSubmission? submission;
        StaffExtras? extras;
        try
        {
            submission = body.Deserialize<ReportSubmission>(GridAidJson.Options);
            extras = body.Deserialize<StaffExtras>(GridAidJson.Options);
        }
        catch (JsonException)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.unreadable"), lang);
        }

        if (submission is null)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.unreadable"), lang);
        }

        submission.Area = areaId;
        var (valid, errors) = ReportValidator.Validate(submission);
        if (valid is null)
        {
            return ApiResults.ValidationProblem(errors, submission.Lang ?? lang);
        }

        if (valid.PointCode is { } point && await directory.AreaOfPointAsync(point, ct) is { } pointArea && pointArea != areaId)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.thatPointIsNotIn"), valid.Lang);
        }

        var storage = CustodyRules.CleanStorage(extras?.Custody?.Storage);
        if (valid.Kind == ReportKind.FoundItem && storage is null)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest,
                Texts.Of("problem.sayWhereTheItemIs", ("maxStorageLength", CustodyRules.MaxStorageLength)), valid.Lang);
        }

        var (photos, photoErrors) = await ReportForm.PhotosAsync(req, ct);
        if (!photoErrors.IsValid)
        {
            return ApiResults.ValidationProblem(photoErrors, valid.Lang);
        }

        // The station's own request ids: a desk's retry is one report, and never meets a tourist's code.
        var entered = valid with { EnteredBy = stationId, ClientRequestId = $"desk:{stationId}:{valid.ClientRequestId ?? Guid.NewGuid().ToString("N")}" };
        var taken = await acceptance.AcceptAsync(req, entered, ct, photos);
        if (taken.Outcome != AcceptanceOutcome.Accepted)
        {
            return taken.Outcome == AcceptanceOutcome.Limited
                ? LimitAnswers.TooManyReports(taken.Wait!.Value, valid.Lang)
                : ApiResults.Unavailable(Texts.Of("problem.busyRightNowSendIt"), valid.Lang);
        }

        var code = taken.Result!.TrackingCode;
        var held = valid.Kind == ReportKind.FoundItem ? await custody.TakeAsync(areaId, stationId, code, storage, null, ct) : null;
        return ApiResults.Json(
            new { trackingCode = code, status = taken.Result.Status, statusUrl = $"/s/{code}", enteredBy = stationId, custody = held?.Item, handoverCode = taken.Result.HandoverCode },
            StatusCodes.Status202Accepted);
    }
}

/// <summary>What a station's report carries beyond a tourist's: for a found item, where it is kept.</summary>
public sealed class StaffExtras
{
    public CustodyRequest? Custody { get; set; }
}
