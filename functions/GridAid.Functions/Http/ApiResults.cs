using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Functions.Http;

/// <summary>The API's answers: JSON bodies and RFC 9457 problem details, titled in both languages.</summary>
public static class ApiResults
{
    private const string ProblemJson = "application/problem+json; charset=utf-8";

    public static IActionResult Json(object value, int statusCode = StatusCodes.Status200OK) => new JsonBodyResult(value, statusCode);

    public static IActionResult ValidationProblem(ValidationErrors errors, string? lang) =>
        new JsonBodyResult(
            new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                title = Language.IsEnglish(lang) ? "Please check the highlighted fields" : "请检查标出的内容",
                titles = new { zh = "请检查标出的内容", en = "Please check the highlighted fields" },
                status = StatusCodes.Status400BadRequest,
                errors = errors.ToDictionary(lang),
                codes = errors.Codes(),
            },
            StatusCodes.Status400BadRequest,
            ProblemJson);

    public static IActionResult Problem(int status, string zh, string en, string? lang = null) =>
        new JsonBodyResult(
            new { title = Language.IsEnglish(lang) ? en : zh, titles = new { zh, en }, status },
            status,
            ProblemJson);

    /// <summary>503 with <c>Retry-After</c>: the phone keeps the report and sends it again after that many seconds.</summary>
    public static IActionResult Unavailable(string zh, string en, string? lang, int retryAfterSeconds = 5) =>
        RetryAfter(Problem(StatusCodes.Status503ServiceUnavailable, zh, en, lang), retryAfterSeconds);

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

    public static IActionResult NotFound(string zh = "未找到", string en = "Not found") => Problem(StatusCodes.Status404NotFound, zh, en);

    public static IActionResult Unauthorized() => new UnauthorizedProblem();

    public static IActionResult Forbidden() => Problem(StatusCodes.Status403Forbidden, "无权访问", "Not allowed for this account");

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
            return Problem(StatusCodes.Status401Unauthorized, "请登录", "Sign in first").ExecuteResultAsync(context);
        }
    }
}
