using System.Net;
using GridAid.Core.Directory;
using GridAid.Core.Text;
using GridAid.Functions.Reports;

namespace GridAid.Functions.Limits;

/// <summary>
/// The 429 answers: a bilingual problem for the API and an HTML page for the no-JavaScript form, each with
/// <c>Retry-After</c> in whole seconds. Each says that a lost-person report always goes through.
/// </summary>
public static class LimitAnswers
{
    public static IActionResult TooManyReports(TimeSpan retryAfter, string? lang)
    {
        var s = Seconds(retryAfter);
        return ApiResults.RetryAfter(
            ApiResults.ProblemOf(StatusCodes.Status429TooManyRequests, "limit.reports", lang, ("s", s)),
            s);
    }

    public static IActionResult TooManySignIns(TimeSpan retryAfter, string? lang)
    {
        var s = Seconds(retryAfter);
        return ApiResults.RetryAfter(
            ApiResults.ProblemOf(StatusCodes.Status429TooManyRequests, "limit.signIns", lang, ("s", s)),
            s);
    }

    /// <summary>The no-JavaScript form's page: the person's language first, a way back, and when to send again.</summary>
    public static IActionResult TooManyReportsPage(TimeSpan retryAfter, string? lang, string backPath)
    {
        var s = Seconds(retryAfter);
        var title = Texts.Of("limit.pageTitle");
        var body =
            "<section class=\"card\" aria-labelledby=\"tm-h\"><h1 id=\"tm-h\">" + ReportFormPages.Both(title, lang) + "</h1>" +
            ReportFormPages.Paragraphs(Texts.Of("limit.pageText", ("s", s)), lang) +
            "<p><a class=\"primary btn\" href=\"" + Enc(backPath) + "\">" + Enc(Texts.Get(Language.Normalize(lang), "back")) + "</a></p></section>";
        return ApiResults.RetryAfter(ReportFormPages.Page(lang, title.For(Language.Normalize(lang)), body, StatusCodes.Status429TooManyRequests), s);
    }

    /// <summary>Whole seconds, rounded up, at least 1 (RFC 9110's <c>delay-seconds</c>).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
