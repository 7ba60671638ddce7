using GridAid.Core.Reports;
using GridAid.Core.Text;
using GridAid.Functions.Limits;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Reports;

/// <summary>
/// A tourist submits a report and follows it by its tracking code. A valid report is taken by <see cref="ReportAcceptance"/>
/// (the limits, then the intake), as an Open311 request is: a report other than a lost person counts against its client
/// address and its QR point and past either limit gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class ReportFunctions(
    ReportAcceptance acceptance,
    ReportStore reports,
    DirectoryCache directory,
    Figures.Feedbacks feedbacks,
    IOptions<GridAidOptions> options)
{
    [Function(nameof(SubmitReport))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> SubmitReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports")] HttpRequest req, CancellationToken ct)
    {
        // No-JavaScript form posts get HTML pages back; JSON stays the API, alone or as the multipart part "report" with photos.
        var jsonPart = await ReportForm.JsonPartAsync(req, ct);
        if (ReportForm.IsFormPost(req) && jsonPart is null)
        {
            return await SubmitFormAsync(req, ct);
        }

        var read = jsonPart is null ? await req.ReadJsonAsync<ReportSubmission>(ct) : req.ParseJson<ReportSubmission>(jsonPart);
        if (!read.TryGet(out var submission, out var problem))
        {
            return problem;
        }

        var (valid, errors) = ReportValidator.Validate(submission);
        if (valid is null)
        {
            return ApiResults.ValidationProblem(errors, submission.Lang);
        }

        // Photos are checked before anything is stored: one that does not decode refuses the report.
        var (photos, photoErrors) = await ReportForm.PhotosAsync(req, ct);
        if (!photoErrors.IsValid)
        {
            return ApiResults.ValidationProblem(photoErrors, valid.Lang);
        }

        var taken = await acceptance.AcceptAsync(req, valid, ct, photos);
        return taken.Outcome switch
        {
            // The hand-over code (a lost person only) is in this answer, which only the reporter's phone gets, and nowhere else.
            AcceptanceOutcome.Accepted => ApiResults.Json(
                new { trackingCode = taken.Result!.TrackingCode, status = taken.Result.Status, statusUrl = $"/s/{taken.Result.TrackingCode}", handoverCode = taken.Result.HandoverCode },
                StatusCodes.Status202Accepted),
            AcceptanceOutcome.Limited => LimitAnswers.TooManyReports(taken.Wait!.Value, valid.Lang),
            AcceptanceOutcome.RequestIdOverused => ApiResults.Problem(StatusCodes.Status409Conflict,
                Texts.Of("problem.thisFormHasSentToo"), valid.Lang),
            AcceptanceOutcome.StorageBusy => ApiResults.Unavailable(
                Texts.Of("problem.busyRightNowYourReport"), valid.Lang),
            _ => ApiResults.Unavailable(
                Texts.Of("problem.reportsCannotBeTakenRight"), valid.Lang, retryAfterSeconds: 30),
        };
    }

    private async Task<IActionResult> SubmitFormAsync(HttpRequest req, CancellationToken ct)
    {
        var submission = await ReportForm.ReadAsync(req, ct);
        var (valid, errors) = ReportValidator.Validate(submission);
        if (valid is null)
        {
            return ReportFormPages.Errors(errors, submission.Lang, ReportForm.BackPath(req));
        }

        var (photos, photoErrors) = await ReportForm.PhotosAsync(req, ct);
        if (!photoErrors.IsValid)
        {
            return ReportFormPages.Errors(photoErrors, valid.Lang, ReportForm.BackPath(req));
        }

        // A request id reused for many reports (only a hand-made post does that), storage that refused, or no area:
        // the busy page, which offers to start again.
        var taken = await acceptance.AcceptAsync(req, valid, ct, photos);
        return taken.Outcome switch
        {
            AcceptanceOutcome.Accepted => ReceiptOf(req, taken.Result!, valid, await ReceivingStation.NameAsync(directory, valid, options.Value.DefaultArea, ct)),
            AcceptanceOutcome.Limited => LimitAnswers.TooManyReportsPage(taken.Wait!.Value, valid.Lang, ReportForm.BackPath(req)),
            _ => ReportFormPages.Busy(valid.Lang, ReportForm.BackPath(req)),
        };
    }

    /// <summary>The no-JS receipt; for a lost person it shows the hand-over code and leaves it in this phone's cookie for the status page.</summary>
    private static IActionResult ReceiptOf(HttpRequest req, Intake.IntakeResult result, ValidReport valid, Core.Directory.LocalizedText? station)
    {
        if (result.HandoverCode is { } code)
        {
            HandoverCookie.Set(req, result.TrackingCode, code);
        }

        return ReportFormPages.Receipt(result.TrackingCode, valid.Kind, station, valid.Lang, result.HandoverCode);
    }

    /// <summary>
    /// Every check <see cref="ReportValidator"/> makes, as data, with its bilingual messages: the form runs the same
    /// rules before sending (web/js/form.js), so the two cannot drift apart. ETag-revalidated: the rules change only
    /// with a deployment.
    /// </summary>
    [Function(nameof(GetReportRules))]
    [CallableBy(Callers.Anyone)]
    public IActionResult GetReportRules(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "report-rules")] HttpRequest req) =>
        new RevalidatedJsonResult(RulesDocument);

    private static readonly ReportRulesDocument RulesDocument = ReportRules.Document();

    [Function(nameof(GetReportStatus))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetReportStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{trackingCode}")] HttpRequest req, string trackingCode, CancellationToken ct)
    {
        // A duplicate merged into another report answers that report's status, under its own code (and says so).
        if (TrackingCode.Normalize(trackingCode) is not { } code || await reports.FindFollowingMergesAsync(code, ct) is not var (asked, shown))
        {
            return ApiResults.NotFound(Texts.Of("problem.noReport"));
        }

        var area = await directory.GetAsync(shown.Report.AreaId, ct);
        return new RevalidatedJsonResult(ReportStatusView.From(
            shown.Report, area, await FeedbackAsync(shown.Report, ct), askedCode: asked == shown ? null : asked.Report.TrackingCode));
    }

    /// <summary>The status page without JavaScript: the receipt of the no-JS form links here.</summary>
    [Function(nameof(StatusPage))]
    [CallableBy(Callers.Anyone)]
    public Task<IActionResult> StatusPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "s/{trackingCode}")] HttpRequest req, string trackingCode, CancellationToken ct) =>
        StatusPageAsync(req, trackingCode, ct);

    /// <summary>
    /// The look-up form of the status page without JavaScript (<c>?code=</c>), and where <c>/s/{code}</c> sends a browser
    /// without JavaScript (its <c>noscript</c> link): the code then comes from the <c>Referer</c>.
    /// </summary>
    [Function(nameof(StatusLookupPage))]
    [CallableBy(Callers.Anyone)]
    public Task<IActionResult> StatusLookupPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "s")] HttpRequest req, CancellationToken ct) =>
        StatusPageAsync(req, req.Query["code"].FirstOrDefault() ?? CodeFromReferer(req), ct);

    private async Task<IActionResult> StatusPageAsync(HttpRequest req, string? raw, CancellationToken ct)
    {
        var lang = req.Language();
        if (TrackingCode.Normalize(raw) is not { } code || await reports.FindFollowingMergesAsync(code, ct) is not var (asked, shown))
        {
            return StatusPages.Lookup(raw, lang);
        }

        var area = await directory.GetAsync(shown.Report.AreaId, ct);
        return StatusPages.Status(
            ReportStatusView.From(shown.Report, area, await FeedbackAsync(shown.Report, ct), askedCode: asked == shown ? null : asked.Report.TrackingCode),
            lang,
            options.Value.AreaTimeZone(),
            HandoverCookie.Read(req, asked.Report),
            req.Query["feedback"].ToString());
    }

    private async Task<FeedbackView?> FeedbackAsync(Report report, CancellationToken ct) =>
        await feedbacks.GivenAsync(report, ct) is { } given ? new FeedbackView(given.Stars, given.At) : null;

    /// <summary>The code of <c>/s/{code}</c> or <c>/s/?code=</c> (the page's own look-up form), from the Referer.</summary>
    private static string? CodeFromReferer(HttpRequest req)
    {
        if (!Uri.TryCreate(req.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            return null;
        }

        return referer.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
        {
            ["s", var code] => Uri.UnescapeDataString(code),
            ["s"] => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(referer.Query).TryGetValue("code", out var q) ? q.FirstOrDefault() : null,
            _ => null,
        };
    }
}
