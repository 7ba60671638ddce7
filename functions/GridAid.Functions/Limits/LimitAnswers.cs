using System.Net;
using GridAid.Core.Directory;
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
            ApiResults.Problem(
                StatusCodes.Status429TooManyRequests,
                $"提交太频繁，请{s}秒后再试。走失人员报告不受此限制；紧急情况请拨打110。",
                $"Too many reports from here: try again in {s} seconds. A report of a lost person always goes through; in an emergency call 110.",
                lang),
            s);
    }

    public static IActionResult TooManySignIns(TimeSpan retryAfter, string? lang)
    {
        var s = Seconds(retryAfter);
        return ApiResults.RetryAfter(
            ApiResults.Problem(
                StatusCodes.Status429TooManyRequests,
                $"访问码错误次数过多，请{s}秒后再登录",
                $"Too many wrong access codes: sign in again in {s} seconds",
                lang),
            s);
    }

    /// <summary>The no-JavaScript form's page: the person's language first, a way back, and when to send again.</summary>
    public static IActionResult TooManyReportsPage(TimeSpan retryAfter, string? lang, string backPath)
    {
        var s = Seconds(retryAfter);
        var english = Language.IsEnglish(lang);
        var title = new LocalizedText("请稍后再提交", "Please wait a moment");
        var message = new LocalizedText(
            $"这里提交的报告太多，报告没有发出。请在{s}秒后按浏览器的“返回”按钮再提交一次。走失人员报告不受此限制；紧急情况请拨打110。",
            $"Too many reports have come from here, so this one was not sent. Go back with your browser's Back button and send it again in {s} seconds. A report of a lost person always goes through; in an emergency call 110.");
        var (first, second, secondLang) = english ? (message.En, message.Zh, "zh-CN") : (message.Zh, message.En, "en");
        var body =
            "<section class=\"card\" aria-labelledby=\"tm-h\"><h1 id=\"tm-h\">" + Enc(title.For(lang)) +
            " <span lang=\"" + secondLang + "\">· " + Enc(english ? title.Zh : title.En) + "</span></h1>" +
            "<p>" + Enc(first) + "</p><p lang=\"" + secondLang + "\">" + Enc(second) + "</p>" +
            "<p><a class=\"primary btn\" href=\"" + Enc(backPath) + "\">" + Enc(english ? "Back" : "返回") + "</a></p></section>";
        var html =
            "<!doctype html><html lang=\"" + (english ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + Enc(title.For(lang)) + " · GridAid</title>" +
            "<link rel=\"stylesheet\" href=\"/css/app.css\"></head><body>" +
            "<header class=\"top\"><a class=\"brand\" href=\"/\">" + (english ? "GridAid" : "景区互助") + "</a></header>" +
            "<main id=\"main\">" + body + "</main></body></html>";
        return ApiResults.RetryAfter(new HtmlPageResult(html, StatusCodes.Status429TooManyRequests), s);
    }

    /// <summary>Whole seconds, rounded up, at least 1 (RFC 9110's <c>delay-seconds</c>).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
