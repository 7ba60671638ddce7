using GridAid.Core.Reports;
using GridAid.Core.Security;

namespace GridAid.Functions.Reports;

/// <summary>
/// How the status page without JavaScript knows it is the reporter's phone: the no-JS receipt (the answer to the form
/// post) sets this cookie with the one-time hand-over code, scoped to the status pages (<c>/api/s</c>), HttpOnly and
/// SameSite=Strict; the status page shows the code only when the cookie's code matches the report's hash. The code is
/// never in a URL (Referer, history, a shared link) nor in any answer that only the tracking code unlocks. With
/// JavaScript the receipt keeps it in the phone's own storage instead (web/js/form.js, web/js/status.js).
/// </summary>
public static class HandoverCookie
{
    /// <summary>A lost person is found or given up on within days; the cookie does not outlive the search by much.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    public static string NameOf(string trackingCode) => "gridaid-hc-" + trackingCode;

    public static void Set(HttpRequest req, string trackingCode, string code) =>
        req.HttpContext.Response.Cookies.Append(NameOf(trackingCode), code, new CookieOptions
        {
            Path = "/api/s",
            HttpOnly = true,
            Secure = req.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The reporter's code for <paramref name="report"/>, from this phone's cookie, when it is the report's; else null.</summary>
    public static string? Read(HttpRequest req, Report report) =>
        report.HandoverHash is { } hash
        && report.Status < ReportStatus.Resolved
        && HandoverCode.Normalize(req.Cookies[NameOf(report.TrackingCode)]) is { } code
        && HandoverCode.Matches(hash, report.AreaId, report.TrackingCode, code)
            ? code
            : null;
}
