using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Functions.Http;

/// <summary>The API's answers: JSON bodies and RFC 9457 problem details, titled in the reader's language with every language's title beside it.</summary>
public static class ApiResults
{
    private const string ProblemJson = "application/problem+json; charset=utf-8";

    public static IActionResult Json(object value, int statusCode = StatusCodes.Status200OK) => new JsonBodyResult(value, statusCode);

    public static IActionResult ValidationProblem(ValidationErrors errors, string? lang) =>
        new JsonBodyResult(
            new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                title = Texts.Get(lang, "problem.validation"),
                titles = Texts.Of("problem.validation"),
                status = StatusCodes.Status400BadRequest,
                errors = errors.ToDictionary(lang),
                codes = errors.Codes(),
            },
            StatusCodes.Status400BadRequest,
            ProblemJson);

    /// <summary>
    /// A problem titled in the reader's language, with every language's title in <c>titles</c>. Without
    /// <paramref name="lang"/>, the request's own (<c>?lang=</c>, <c>Accept-Language</c>) is read when it is answered.
    /// </summary>
    public static IActionResult Problem(int status, LocalizedText title, string? lang = null) => new ProblemResult(status, title, lang);

    private sealed class ProblemResult(int status, LocalizedText title, string? lang) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) =>
            new JsonBodyResult(new { title = title.For(lang ?? context.HttpContext.Request.Language()), titles = title, status }, status, ProblemJson)
                .ExecuteResultAsync(context);
    }

    /// <summary>A problem titled by the language files' string <paramref name="key"/>, its placeholders filled.</summary>
    public static IActionResult ProblemOf(int status, string key, string? lang, params (string Name, object? Value)[] values) =>
        Problem(status, Texts.Of(key, values), lang);

    /// <summary>503 with <c>Retry-After</c>: the phone keeps the report and sends it again after that many seconds.</summary>
    public static IActionResult Unavailable(LocalizedText title, string? lang, int retryAfterSeconds = 5) =>
        RetryAfter(Problem(StatusCodes.Status503ServiceUnavailable, title, lang), retryAfterSeconds);

    /// <summary>Adds <c>Retry-After</c> (whole seconds) to another answer.</summary>
    public static IActionResult RetryAfter(IActionResult inner, int seconds) => new RetryAfterResult(inner, seconds);

    private sealed class RetryAfterResult(IActionResult inner, int seconds) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteResultAsync(context);
        }
    }

    public static IActionResult NotFound() => ProblemOf(StatusCodes.Status404NotFound, "problem.notFound", null);

    public static IActionResult NotFound(LocalizedText title) => Problem(StatusCodes.Status404NotFound, title);

    public static IActionResult Unauthorized() => new UnauthorizedProblem();

    public static IActionResult Forbidden() => ProblemOf(StatusCodes.Status403Forbidden, "problem.forbidden", null);

    /// <summary>An answer carrying a secret (a new access code): no cache may keep it.</summary>
    public static IActionResult NoStore(IActionResult inner) => new NoStoreResult(inner);

    private sealed class NoStoreResult(IActionResult inner) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteResultAsync(context);
        }
    }

    /// <summary>401 with a <c>WWW-Authenticate</c> challenge, as RFC 9110 asks.</summary>
    private sealed class UnauthorizedProblem : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"gridaid\"";
            return ProblemOf(StatusCodes.Status401Unauthorized, "problem.signIn", null).ExecuteResultAsync(context);
        }
    }
}
