using GridAid.Core.Photos;
using GridAid.Core.Reports;
using GridAid.Core.Text;
using Microsoft.AspNetCore.Http.Features;

namespace GridAid.Functions.Reports;

/// <summary>
/// Reads the no-JavaScript form post (<c>application/x-www-form-urlencoded</c>, or <c>multipart/form-data</c> with
/// photos) into a <see cref="ReportSubmission"/>. A multipart post may instead carry the JSON body in one part named
/// <c>report</c> (what the form sends with JavaScript, <see cref="JsonPartAsync"/>); either way its photos are the file
/// parts named <c>photo</c> (<see cref="PhotosAsync"/>).
/// Fields: <c>kind</c>, <c>point</c>, <c>area</c>, <c>description</c>, <c>contact.name</c>, <c>contact.phone</c>, <c>lang</c>,
/// <c>clientRequestId</c>, <c>details.&lt;name&gt;</c> and the honeypot <c>website</c>. A repeated name takes its first non-empty value.
/// Without a <c>point</c> field the place comes from the page the form was posted from (<c>Referer: …/r/{point}</c>);
/// without a <c>lang</c> field the language comes from <c>Accept-Language</c>; without a <c>clientRequestId</c>, one is
/// derived from the content (<see cref="ContentRequestId"/>).
/// A form post is read within <see cref="Limits"/> before any function runs (<see cref="RefusalAsync"/>, called by both
/// hosts), so one that is too large or has too many fields gets a bilingual page, never an error.
/// </summary>
public static class ReportForm
{
    /// <summary>Most fields a post may carry: the form has 26, a repeated <c>point</c> included.</summary>
    public const int MaxFields = 64;

    /// <summary>Longest field name (the longest the form has is <c>details.lastSeenPlace</c>).</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// Longest field value as sent: a description at its limit with every character a three-byte one, percent-encoded
    /// (9 bytes each). Anything longer is over every field's limit.
    /// </summary>
    public const int MaxValueBytes = ReportValidator.MaxDescription * 9;

    private const string DetailsPrefix = "details.";

    /// <summary>The form reader's limits: <see cref="MaxFields"/>, <see cref="MaxNameLength"/>, <see cref="MaxValueBytes"/>.</summary>
    public static FormOptions Limits { get; } = new()
    {
        ValueCountLimit = MaxFields,
        KeyLengthLimit = MaxNameLength,
        ValueLengthLimit = MaxValueBytes,
    };

    /// <summary>
    /// Largest multipart post (photos included): <see cref="PhotoRules.MaxPhotos"/> photos at their limit and room for
    /// the fields, about 24.3 MiB, under Kestrel's default 30,000,000-byte body limit (the local host, and the worker
    /// behind the Functions host, whose own limit is 100 MB). A fourth photo is refused by count, not by size.
    /// </summary>
    public const long MaxMultipartBytes = (long)PhotoRules.MaxPhotos * PhotoRules.MaxBytes + 256 * 1024;

    /// <summary>
    /// The multipart reader's limits: the same field count and names as <see cref="Limits"/>, values checked against
    /// <see cref="MaxValueBytes"/> once read (the <c>report</c> JSON,
    /// sent as a file part, is read up to <see cref="RequestReader.MaxBodyBytes"/>), and no part longer than the whole
    /// post may be (a photo's own limit is checked once read).
    /// </summary>
    public static FormOptions MultipartLimits { get; } = new()
    {
        ValueCountLimit = MaxFields,
        KeyLengthLimit = MaxNameLength,
        ValueLengthLimit = MaxValueBytes,
        MultipartBodyLengthLimit = MaxMultipartBytes,
    };

    public static bool IsFormPost(HttpRequest req) => IsUrlEncoded(req) || IsMultipart(req);

    public static bool IsMultipart(HttpRequest req) =>
        req.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    private static bool IsUrlEncoded(HttpRequest req) =>
        req.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The part <c>report</c> of a multipart post, as UTF-8 JSON (a field or a file part); null when there is none.</summary>
    public static async Task<byte[]?> JsonPartAsync(HttpRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!IsMultipart(req) || await FormOrNullAsync(req, ct) is not { } form)
        {
            return null;
        }

        if (form.TryGetValue(JsonPart, out var value) && value.FirstOrDefault() is { Length: > 0 } text)
        {
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        if (form.Files.GetFile(JsonPart) is { Length: > 0 and <= RequestReader.MaxBodyBytes } file)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }

        return null;
    }

    /// <summary>
    /// The photos of a post, checked and re-encoded without metadata (<see cref="PhotoCheck"/>): none for a post without
    /// file parts named <c>photo</c> (an empty part, a file input left empty, does not count).
    /// </summary>
    public static async Task<(IReadOnlyList<CleanPhoto> Photos, ValidationErrors Errors)> PhotosAsync(HttpRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!IsMultipart(req) || await FormOrNullAsync(req, ct) is not { } form)
        {
            return ([], new ValidationErrors());
        }

        var files = form.Files.GetFiles(PhotoCheck.Field).Where(f => f.Length > 0).ToList();
        var read = new List<byte[]>(files.Count);
        foreach (var file in files.Where(_ => files.Count <= PhotoRules.MaxPhotos).Where(f => f.Length <= PhotoRules.MaxBytes))
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            read.Add(buffer.ToArray());
        }

        return PhotoCheck.Clean([.. files.Select(f => f.Length)], i => read[i]);
    }

    private const string JsonPart = "report";

    private static async Task<IFormCollection?> FormOrNullAsync(HttpRequest req, CancellationToken ct)
    {
        try
        {
            return await req.ReadFormAsync(IsMultipart(req) ? MultipartLimits : Limits, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    /// <summary>Whether the poster reads JSON (the form with JavaScript sends <c>Accept: application/json</c>): its refusals are then problem details.</summary>
    private static bool WantsJson(HttpRequest req) =>
        req.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Null when the request is no form post, or a form post whose body is within <see cref="RequestReader.MaxBodyBytes"/>
    /// and <see cref="Limits"/> (it is then read, and kept in the request for <see cref="ReadAsync"/>). Otherwise the page
    /// that refuses it: 413 past the body limit, 400 past a field limit or when the body cannot be read.
    /// </summary>
    public static async Task<IActionResult?> RefusalAsync(HttpRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!IsFormPost(req))
        {
            return null;
        }

        int status;
        try
        {
            if (IsMultipart(req))
            {
                if (req.ContentLength > MaxMultipartBytes)
                {
                    status = StatusCodes.Status413PayloadTooLarge;
                }
                else
                {
                    // A chunked post is cut off at the same size by the server itself (413 from the body reader).
                    if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
                    {
                        max.MaxRequestBodySize = MaxMultipartBytes;
                    }

                    // The multipart reader bounds each part's bytes, not a field's length: the form's own value limit here.
                    var form = await req.ReadFormAsync(MultipartLimits, ct);
                    if (!form.Any(f => f.Value.Any(v => v?.Length > MaxValueBytes)))
                    {
                        return null;
                    }

                    status = StatusCodes.Status400BadRequest;
                }
            }
            else if (req.ContentLength > RequestReader.MaxBodyBytes || await BufferBodyAsync(req, ct) is false)
            {
                status = StatusCodes.Status413PayloadTooLarge;
            }
            else
            {
                await req.ReadFormAsync(Limits, ct);
                return null;
            }
        }
        catch (InvalidDataException)
        {
            // Past a field count, name or value limit of the form reader.
            status = StatusCodes.Status400BadRequest;
        }
        catch (BadHttpRequestException e)
        {
            // The server could not read the body (a broken chunk, its own size limit).
            status = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? e.StatusCode : StatusCodes.Status400BadRequest;
        }
        catch (IOException)
        {
            // A multipart body that ended early or is malformed.
            status = StatusCodes.Status400BadRequest;
        }

        return WantsJson(req)
            ? status == StatusCodes.Status413PayloadTooLarge
                ? ApiResults.Problem(status, Texts.Of("problem.tooMuchWasSentAt"), req.Language())
                : ApiResults.Problem(status, Texts.Of("problem.unreadable"), req.Language())
            : ReportFormPages.Refused(status, req.Language(), BackPath(req));
    }

    /// <summary>The body, read into memory up to <see cref="RequestReader.MaxBodyBytes"/>: false (and nothing kept) past it.</summary>
    private static async Task<bool> BufferBodyAsync(HttpRequest req, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await req.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > RequestReader.MaxBodyBytes)
            {
                await buffer.DisposeAsync();
                return false;
            }

            buffer.Write(chunk, 0, n);
        }

        buffer.Position = 0;
        req.Body = buffer;
        req.HttpContext.Response.RegisterForDisposeAsync(buffer);
        return true;
    }

    /// <summary>
    /// The submission of a form post. The hosts have read the form within <see cref="Limits"/> already
    /// (<see cref="RefusalAsync"/>); should it be unreadable all the same, the submission is empty but for its language,
    /// and validation refuses it (400), never an exception (500).
    /// </summary>
    public static async Task<ReportSubmission> ReadAsync(HttpRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        IFormCollection form;
        try
        {
            form = await req.ReadFormAsync(IsMultipart(req) ? MultipartLimits : Limits, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return new ReportSubmission { Lang = req.Language() };
        }

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
            Website = Field(ReportSubmission.HoneypotField),
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

    /// <summary>
    /// The page the form was posted from, as a path on this site (the link's origin is always this one), for the
    /// "back" link: only a path that begins with one <c>/</c>, never <c>//host</c> or <c>/\host</c> (which a browser
    /// opens on another site), and without control characters; else the form's own <c>/r/</c>.
    /// </summary>
    public static string BackPath(HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return Uri.TryCreate(req.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && (referer.Scheme == Uri.UriSchemeHttps || referer.Scheme == Uri.UriSchemeHttp)
            && IsLocalPath(referer.PathAndQuery)
                ? referer.PathAndQuery
                : "/r/";
    }

    /// <summary>A path that stays on this site: one leading <c>/</c>, not <c>//</c> or <c>/\</c>, no backslash or control character.</summary>
    public static bool IsLocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c));
}
