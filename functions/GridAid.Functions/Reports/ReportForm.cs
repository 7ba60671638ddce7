using GridAid.Core.Reports;

namespace GridAid.Functions.Reports;

/// <summary>
/// Reads the no-JavaScript form post (<c>application/x-www-form-urlencoded</c>) into a <see cref="ReportSubmission"/>.
/// Fields: <c>kind</c>, <c>point</c>, <c>area</c>, <c>description</c>, <c>contact.name</c>, <c>contact.phone</c>, <c>lang</c>,
/// <c>clientRequestId</c> and <c>details.&lt;name&gt;</c>. A repeated name takes its first non-empty value.
/// Without a <c>point</c> field the place comes from the page the form was posted from (<c>Referer: …/r/{point}</c>);
/// without a <c>lang</c> field the language comes from <c>Accept-Language</c>; without a <c>clientRequestId</c>, one is
/// derived from the content (<see cref="ContentRequestId"/>).
/// </summary>
public static class ReportForm
{
    private const string DetailsPrefix = "details.";

    public static bool IsFormPost(HttpRequest req) =>
        req.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static async Task<ReportSubmission> ReadAsync(HttpRequest req, CancellationToken ct)
    {
        var form = await req.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var values)
            ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
            : null;

        var details = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in form.Keys)
        {
            if (key.StartsWith(DetailsPrefix, StringComparison.Ordinal) && key.Length > DetailsPrefix.Length)
            {
                details[key[DetailsPrefix.Length..]] = Field(key);
            }
        }

        var submission = new ReportSubmission
        {
            Kind = Field("kind"),
            Point = Field("point") ?? PointFromReferer(req),
            Area = Field("area"),
            Description = Field("description"),
            Contact = new ContactSubmission { Name = Field("contact.name"), Phone = Field("contact.phone") },
            Lang = Field("lang") ?? req.Language(),
            ClientRequestId = Field("clientRequestId"),
            Details = details,
        };
        submission.ClientRequestId ??= ContentRequestId(submission, DateTimeOffset.UtcNow);
        return submission;
    }

    /// <summary>
    /// A page without JavaScript cannot make a request id, so one is derived from what was typed and the hour:
    /// a double tap, or a resubmit after a timeout, is then the same report rather than two.
    /// </summary>
    public static string ContentRequestId(ReportSubmission s, DateTimeOffset now)
    {
        var canonical = string.Join('\u001f',
            new[] { s.Kind, s.Point, s.Area, s.Description, s.Contact?.Name, s.Contact?.Phone, now.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture) }
                .Concat((s.Details ?? []).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)));
        return "nojs-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..32].ToLowerInvariant();
    }

    /// <summary>The point code from a referring <c>/r/{point}</c> page, when the browser sent one.</summary>
    public static string? PointFromReferer(HttpRequest req)
    {
        if (!Uri.TryCreate(req.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            return null;
        }

        var segments = referer.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["r", var code] ? Uri.UnescapeDataString(code) : null;
    }

    /// <summary>The page the form was posted from (same site only), for the "back" link.</summary>
    public static string BackPath(HttpRequest req) =>
        Uri.TryCreate(req.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
        && string.Equals(referer.Authority, req.Host.Value, StringComparison.OrdinalIgnoreCase)
        && referer.AbsolutePath.StartsWith('/')
            ? referer.PathAndQuery
            : "/r/";
}
