using System.Globalization;
using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;

namespace GridAid.Functions.Http;

/// <summary>
/// The one way a function reads its request: a bounded JSON body, the reader's language, the report filters, paging
/// and conditional headers. Whatever cannot be read becomes a bilingual problem answer, never an exception.
/// </summary>
public static class RequestReader
{
    /// <summary>Largest JSON body read (a report with every field filled is under 10 KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Deepest JSON nesting read: every body the API takes is two levels deep.</summary>
    public const int MaxDepth = 8;

    private static readonly JsonSerializerOptions BodyOptions = new(GridAidJson.Options) { MaxDepth = MaxDepth };

    /// <summary>The body as <typeparamref name="T"/>: 413 past <see cref="MaxBodyBytes"/>, 400 when it is not JSON of that shape.</summary>
    public static async Task<Read<T>> ReadJsonAsync<T>(this HttpRequest req, CancellationToken ct)
        where T : class
    {
        if (req.ContentLength > MaxBodyBytes)
        {
            return Read.Refused<T>(TooLarge(req));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await req.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                return Read.Refused<T>(TooLarge(req));
            }

            buffer.Write(chunk, 0, n);
        }

        return req.ParseJson<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>
    /// <paramref name="json"/> (a body, or the <c>report</c> part of a multipart post, read within
    /// <see cref="MaxBodyBytes"/>) as <typeparamref name="T"/>: 400 when it is not JSON of that shape.
    /// </summary>
    public static Read<T> ParseJson<T>(this HttpRequest req, ReadOnlySpan<byte> json)
        where T : class
    {
        try
        {
            if (json.Length <= MaxBodyBytes && JsonSerializer.Deserialize<T>(json, BodyOptions) is { } value)
            {
                return Read.Ok(value);
            }
        }
        catch (JsonException)
        {
            // Not JSON, too deep, or not of this shape: the same answer as an empty body.
        }

        return Read.Refused<T>(ApiResults.ProblemOf(StatusCodes.Status400BadRequest, "problem.unreadable", req.Language()));
    }

    /// <summary>The reader's language: <c>?lang=</c>, else the first of the browser's <c>Accept-Language</c>.</summary>
    public static string? Language(this HttpRequest req)
    {
        if (req.Query["lang"].FirstOrDefault() is { Length: > 0 } lang)
        {
            return lang;
        }

        var first = req.Headers.AcceptLanguage.ToString().Split(',', ';').FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(first) ? null : first;
    }

    /// <summary>
    /// <c>kind</c>, <c>status</c>, <c>station</c> and <c>year</c>: a filter that is given but not valid is refused (400),
    /// so a list or an export never silently hands over more than was asked for.
    /// </summary>
    public static Read<ReportQuery> ReadReportQuery(this HttpRequest req)
    {
        var q = req.Query;
        string? Given(string name) => q[name].FirstOrDefault() is { Length: > 0 } v ? v : null;

        ReportKind? kind = null;
        if (Given("kind") is { } k)
        {
            if (!ReportKinds.TryParse(k, out var parsed))
            {
                return Read.Refused<ReportQuery>(ApiResults.ProblemOf(StatusCodes.Status400BadRequest, "problem.unknownKind", req.Language()));
            }

            kind = parsed;
        }

        ReportStatus? status = null;
        if (Given("status") is { } s)
        {
            if (!ReportStatuses.TryParse(s, out var parsed))
            {
                return Read.Refused<ReportQuery>(ApiResults.ProblemOf(StatusCodes.Status400BadRequest, "problem.unknownStatus", req.Language()));
            }

            status = parsed;
        }

        int? year = null;
        if (Given("year") is { } y)
        {
            if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 2000 or > 9998)
            {
                return Read.Refused<ReportQuery>(ApiResults.ProblemOf(StatusCodes.Status400BadRequest, "problem.badYear", req.Language()));
            }

            year = parsed;
        }

        return Read.Ok(new ReportQuery(kind, status, Given("station"), year));
    }

    /// <summary><c>pageSize</c> (clamped to 1…<paramref name="max"/>) and the opaque <c>continuation</c> token.</summary>
    public static Paging ReadPaging(this HttpRequest req, int defaultSize, int max) =>
        new(
            int.TryParse(req.Query["pageSize"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, max) : defaultSize,
            req.Query["continuation"].FirstOrDefault() is { Length: > 0 } token ? token : null);

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="etag"/> (strong or weak).</summary>
    public static bool IfNoneMatch(this HttpRequest req, string etag) =>
        req.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "W/" + etag));

    private static Microsoft.AspNetCore.Mvc.IActionResult TooLarge(HttpRequest req) =>
        ApiResults.ProblemOf(StatusCodes.Status413PayloadTooLarge, "problem.tooLarge", req.Language());
}

/// <summary>The report filters of a list or an export; null fields filter nothing.</summary>
public sealed record ReportQuery(ReportKind? Kind, ReportStatus? Status, string? StationId, int? Year);

/// <summary>One page of a listing: how many, and where the previous page stopped.</summary>
public sealed record Paging(int PageSize, string? Continuation);
