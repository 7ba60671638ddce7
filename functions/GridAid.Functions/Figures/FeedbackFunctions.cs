using System.Globalization;
using GridAid.Core.Figures;
using GridAid.Core.Text;
using GridAid.Functions.Reports;

namespace GridAid.Functions.Figures;

/// <summary>Stars (1–5) and an optional comment on a resolved report.</summary>
public sealed record FeedbackRequest(int? Stars, string? Comment);

/// <summary>
/// The reporter rates a resolved report from its status page: JSON from <c>/s/{code}</c> (web/js/status.js), a form
/// post from the page without JavaScript (<see cref="StatusPages"/>), answered with that page again (303). Once per
/// report: a second submit is answered 409 with the first one.
/// </summary>
public sealed class FeedbackFunctions(Feedbacks feedbacks)
{
    [Function(nameof(GiveFeedback))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GiveFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{trackingCode}/feedback")] HttpRequest req, string trackingCode, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<FeedbackRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var lang = req.Language();
        var result = await feedbacks.GiveAsync(trackingCode, body.Stars, body.Comment, lang, ct);
        return result.Outcome switch
        {
            FeedbackOutcome.Saved => ApiResults.Json(View(result), StatusCodes.Status201Created),
            FeedbackOutcome.AlreadyGiven => ApiResults.Json(View(result), StatusCodes.Status409Conflict),
            FeedbackOutcome.NotFound => ApiResults.NotFound(Texts.Of("problem.noReport")),
            FeedbackOutcome.NotResolved => ApiResults.Problem(StatusCodes.Status409Conflict, Texts.Of("problem.feedbackIsTakenOnceThe"), lang),
            _ => ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.chooseStarsACommentOf", ("maxComment", FeedbackRules.MaxComment)), lang),
        };
    }

    /// <summary>The status page's feedback form without JavaScript: back to the page, which thanks the reporter or says why not.</summary>
    [Function(nameof(GiveFeedbackForm))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GiveFeedbackForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "s/{trackingCode}/feedback")] HttpRequest req, string trackingCode, CancellationToken ct)
    {
        IFormCollection? form = ReportForm.IsFormPost(req) ? await req.ReadFormAsync(ct) : null;
        var lang = form?["lang"].ToString() is { Length: > 0 } l ? l : req.Language();
        int? stars = int.TryParse(form?["stars"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var result = await feedbacks.GiveAsync(trackingCode, stars, form?["comment"].ToString(), lang, ct);
        if (result.Outcome == FeedbackOutcome.NotFound)
        {
            return StatusPages.Lookup(trackingCode, lang);
        }

        var said = result.Outcome switch
        {
            FeedbackOutcome.Saved => "thanks",
            FeedbackOutcome.AlreadyGiven => "already",
            FeedbackOutcome.NotResolved => "unresolved",
            _ => "invalid",
        };
        return new RedirectResult(StatusPages.PathOf(trackingCode) + "?lang=" + Core.Directory.Language.Normalize(lang) + "&feedback=" + said + "#fb");
    }

    private static object View(FeedbackResult r) => new { stars = r.Feedback!.Stars, comment = r.Feedback.Comment, at = r.Feedback.At };
}
