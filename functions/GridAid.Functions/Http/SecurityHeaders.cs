using GridAid.Core.Security;

namespace GridAid.Functions.Http;

/// <summary>
/// The hardening headers of every answer, in one place: the Functions host sets them through
/// <see cref="SecurityHeadersMiddleware"/>, the local host through its own pipeline (pages and API alike), and the
/// Static Web App through <c>infra/staticwebapp.config.json</c>'s <c>globalHeaders</c>, which a test holds equal to
/// <see cref="OverHttps"/>. The pages load nothing but their own origin's files and run no inline script or style,
/// so the policy needs no <c>'unsafe-inline'</c>.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Only this origin's scripts, styles, images, strings and API; no plugins, no framing, no other base or form target.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The page itself may ask for the location (the form's "add my location") and, for a later photo feature, the
    /// camera; nothing else, and no embedded frame.
    /// </summary>
    public const string PermissionsPolicy =
        "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), serial=(), hid=(), midi=(), " +
        "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), fullscreen=(), publickey-credentials-get=(), " +
        "screen-wake-lock=(), xr-spatial-tracking=()";

    /// <summary>
    /// Full URLs (a QR page's <c>/r/{point}</c>, a status page's tracking code) go to this origin only, where the
    /// no-JavaScript form needs them (<c>Referer</c> names its point and its back link); nothing leaves for other sites.
    /// </summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>Two years, subdomains included; sent over HTTPS only (over plain HTTP a browser must ignore it anyway).</summary>
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    /// <summary>What an answer to a station's or the admin's credential carries when it is JSON or CSV.</summary>
    public const string NoStore = "no-store";

    /// <summary>Every answer, whatever the scheme.</summary>
    public static IReadOnlyDictionary<string, string> Always { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = ReferrerPolicy,
        ["Permissions-Policy"] = PermissionsPolicy,
        // For browsers that predate frame-ancestors (some in-app browsers that open QR codes).
        ["X-Frame-Options"] = "DENY",
    };

    /// <summary>Every answer over HTTPS: <see cref="Always"/> and HSTS. The Static Web App serves HTTPS only, so its <c>globalHeaders</c> are these.</summary>
    public static IReadOnlyDictionary<string, string> OverHttps { get; } = new Dictionary<string, string>(Always, StringComparer.OrdinalIgnoreCase)
    {
        ["Strict-Transport-Security"] = StrictTransportSecurity,
    };

    /// <summary>Sets the headers on <paramref name="context"/>'s answer just before it starts, whoever writes it.</summary>
    public static void Register(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
    }

    /// <summary>
    /// The headers for this request's answer: <see cref="Always"/>; HSTS when the request came over HTTPS (directly, or
    /// as the front end forwarded it); <c>Cache-Control: no-store</c> on JSON and CSV answered to a GridAid credential.
    /// </summary>
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        foreach (var (name, value) in IsHttps(context.Request) ? OverHttps : Always)
        {
            headers[name] = value;
        }

        if (CarriesCredential(context.Request) && IsJsonOrCsv(context.Response.ContentType))
        {
            headers.CacheControl = NoStore;
        }
    }

    /// <summary>HTTPS to this host, or to the front end that forwarded it (a forged value only adds a header a plain-HTTP browser ignores).</summary>
    public static bool IsHttps(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].FirstOrDefault(), "https", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A station's or the admin's credential: <c>X-GridAid-Auth</c> (what the pages send), or <c>Authorization: Bearer</c>
    /// holding a GridAid credential (behind the Static Web App <c>Authorization</c> carries the proxy's own token, and a
    /// public answer to that must stay cacheable).
    /// </summary>
    public static bool CarriesCredential(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[CallerAuthenticator.Header].Any(v => !string.IsNullOrEmpty(v)))
        {
            return true;
        }

        string? authorization = request.Headers.Authorization;
        return authorization is { Length: > 7 } && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && AccessCode.TryParse(authorization[7..], out _, out _, out _);
    }

    /// <summary><c>application/json</c>, <c>application/problem+json</c> (any <c>+json</c>) and <c>text/csv</c>.</summary>
    public static bool IsJsonOrCsv(string? contentType)
    {
        var media = (contentType ?? string.Empty).Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
    }
}
