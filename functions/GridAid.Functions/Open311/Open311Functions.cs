using System.Globalization;
using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Functions.Limits;
using GridAid.Functions.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Open311;

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), XML and JSON (<see cref="Open311Format"/>: the
/// resource's extension chooses), under <c>/api/open311/v2/</c>: the six report
/// kinds as services, reports posted by any Open311 client, and reports read back by their tracking code
/// (<c>service_request_id</c>). A posted request is validated, limited, stored, queued and routed by the same code as a
/// tourist's report (<see cref="ReportAcceptance"/>). Reading follows the status page's rule: no contact data, ever.
/// <c>jurisdiction_id</c> is the area's id: optional, since a QR point already names its area (docs/open311.md).
/// </summary>
public sealed class Open311Functions(
    ReportAcceptance acceptance,
    ReportStore reports,
    DirectoryCache directory,
    TimeProvider clock,
    IOptions<GridAidOptions> options)
{
    /// <summary>Most <c>service_request_id</c>s one <c>GET requests.json</c> looks up (each is one read).</summary>
    public const int MaxRequestIds = 50;

    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>When the service definitions last changed: they are built from the code, so the build that deployed it.</summary>
    private static readonly string Changeset = Open311Changeset();

    [Function(nameof(GetOpen311Discovery))]
    [CallableBy(Callers.Anyone)]
    public IActionResult GetOpen311Discovery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/discovery.{format}")] HttpRequest req, string format)
    {
        if (!Open311Format.IsKnown(format))
        {
            return UnknownFormat();
        }

        var origin = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{req.Scheme}://{req.Host}";
        return Open311Format.Answer(format, "discovery", new Dictionary<string, object>
        {
            ["changeset"] = Changeset,
            ["contact"] = "GridAid: reports reach the scenic area's stations. In an emergency call 110.",
            ["key_service"] = "No key is needed: api_key is accepted and ignored; reports count against the sender's limits like the report form's.",
            ["endpoints"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["specification"] = Specification,
                    ["url"] = origin + "/api/open311/v2",
                    ["changeset"] = Changeset,
                    ["type"] = "production",
                    ["formats"] = Open311Format.MimeTypes,
                },
            },
        });
    }

    [Function(nameof(ListOpen311Services))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> ListOpen311Services(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services.{format}")] HttpRequest req, string format, CancellationToken ct) =>
        await RefusedAsync(req, format, ct) ?? Open311Format.Answer(format, "services", Open311Services.List(req.Language()));

    [Function(nameof(GetOpen311Service))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetOpen311Service(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services/{serviceCode}.{format}")] HttpRequest req, string serviceCode, string format, CancellationToken ct) =>
        await RefusedAsync(req, format, ct)
        ?? (ReportKinds.TryParse(serviceCode, out var kind)
            ? Open311Format.Answer(format, "service_definition", Open311Services.Definition(kind, req.Language()))
            : Error(format, StatusCodes.Status404NotFound, $"service_code {serviceCode} was not found"));

    /// <summary>
    /// Creates a report from a form post (<c>application/x-www-form-urlencoded</c>, as GeoReport v2 sends it). No API key
    /// is needed (anyone may report, as from a QR code); the report form's limits apply, and a lost person is never refused.
    /// </summary>
    [Function(nameof(PostOpen311Request))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> PostOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open311/v2/requests.{format}")] HttpRequest req, string format, CancellationToken ct)
    {
        var lang = req.Language();
        if (!Open311Format.IsKnown(format))
        {
            return UnknownFormat();
        }

        if (!ReportForm.IsFormPost(req))
        {
            return Error(format, StatusCodes.Status400BadRequest, "Send the request as application/x-www-form-urlencoded");
        }

        // Both hosts have read the form within its limits before the function runs (ReportForm.RefusalAsync).
        var (submission, refused) = Open311Requests.Read(await req.ReadFormAsync(ReportForm.Limits, ct), lang, clock.GetUtcNow());
        if (refused is not null)
        {
            return Errors(format, refused.Code, [refused]);
        }

        if (await UnknownJurisdictionAsync(req, format, ct, submission!.Area) is { } unknown)
        {
            return unknown;
        }

        var (valid, errors) = ReportValidator.Validate(submission);
        if (valid is null)
        {
            return Errors(format, StatusCodes.Status400BadRequest, Open311Requests.Errors(errors, lang));
        }

        var taken = await acceptance.AcceptAsync(req, valid, ct);
        return taken.Outcome switch
        {
            AcceptanceOutcome.Accepted => Open311Format.Answer(format, "service_requests",
                new[] { new Open311Created(taken.Result!.TrackingCode, Open311Requests.Notice(valid.Kind, lang), null) }),
            AcceptanceOutcome.Limited => ApiResults.RetryAfter(
                Error(format, StatusCodes.Status429TooManyRequests, "Too many reports from this address: try again later. A lost person always goes through."),
                LimitAnswers.Seconds(taken.Wait!.Value)),
            AcceptanceOutcome.RequestIdOverused => Error(format, StatusCodes.Status409Conflict, "Too many different reports under one request id"),
            _ => ApiResults.RetryAfter(Error(format, StatusCodes.Status503ServiceUnavailable, "Reports cannot be taken right now: send it again shortly"), 5),
        };
    }

    /// <summary>
    /// The requests named by <c>service_request_id</c> (tracking codes, comma-separated, at most <see cref="MaxRequestIds"/>),
    /// narrowed by <c>service_code</c>, <c>status</c>, <c>start_date</c>, <c>end_date</c> and <c>jurisdiction_id</c>. Without
    /// <c>service_request_id</c>: 400. A public list of an area's reports would hand every visitor's report to anyone;
    /// holding a tracking code is what lets one read a report, as on the status page (the area's admin lists them all at
    /// <c>GET /api/admin/reports</c>). Unknown codes are left out.
    /// </summary>
    [Function(nameof(ListOpen311Requests))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> ListOpen311Requests(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests.{format}")] HttpRequest req, string format, CancellationToken ct)
    {
        if (await RefusedAsync(req, format, ct) is { } refused)
        {
            return refused;
        }

        var q = req.Query;
        string[] List(string name) =>
            [.. q[name].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

        var ids = List("service_request_id");
        if (ids.Length == 0)
        {
            return Error(format, StatusCodes.Status400BadRequest,
                "service_request_id is required: requests are listed only by the tracking codes you hold (the area's admin lists every report at /api/admin/reports)");
        }

        if (ids.Length > MaxRequestIds)
        {
            return Error(format, StatusCodes.Status400BadRequest, $"At most {MaxRequestIds} service_request_id at once");
        }

        var kinds = new HashSet<ReportKind>();
        foreach (var code in List("service_code"))
        {
            if (!ReportKinds.TryParse(code, out var kind))
            {
                return Error(format, StatusCodes.Status400BadRequest, $"service_code {code} is not a service");
            }

            kinds.Add(kind);
        }

        var statuses = List("status");
        if (statuses.Any(s => s is not ("open" or "closed")))
        {
            return Error(format, StatusCodes.Status400BadRequest, "status is open or closed");
        }

        if (!Date(q["start_date"], out var from) || !Date(q["end_date"], out var to))
        {
            return Error(format, StatusCodes.Status400BadRequest, "start_date and end_date are W3C date-times, e.g. 2010-01-01T00:00:00Z");
        }

        var area = JurisdictionOf(req);
        var found = await Task.WhenAll(ids.Select(id => FindAsync(id, ct)));
        var lang = req.Language();
        var views = new List<Open311ServiceRequest>();
        foreach (var (report, asked) in found.OfType<(Core.Reports.Report, Core.Reports.Report)>())
        {
            if ((area is null || report.AreaId == area)
                && (kinds.Count == 0 || kinds.Contains(report.Kind))
                && (statuses.Length == 0 || statuses.Contains(Open311Requests.Status(report.Status)))
                && (from is null || report.SubmittedAt >= from) && (to is null || report.SubmittedAt <= to))
            {
                views.Add(Open311Requests.View(report, await directory.GetAsync(report.AreaId, ct), lang, asked));
            }
        }

        return Open311Format.Answer(format, "service_requests", views);
    }

    [Function(nameof(GetOpen311Request))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests/{serviceRequestId}.{format}")] HttpRequest req, string serviceRequestId, string format, CancellationToken ct) =>
        await RefusedAsync(req, format, ct)
        ?? (await FindAsync(serviceRequestId, ct) is var (report, asked) && (JurisdictionOf(req) is not { } area || report.AreaId == area)
            ? Open311Format.Answer(format, "service_requests", new[] { Open311Requests.View(report, await directory.GetAsync(report.AreaId, ct), req.Language(), asked) })
            : Error(format, StatusCodes.Status404NotFound, $"service_request_id {serviceRequestId} was not found"));

    /// <summary>The report to show for the id (the one a duplicate was merged into, if it was) and the report the id names.</summary>
    private async Task<(Core.Reports.Report Shown, Core.Reports.Report Asked)?> FindAsync(string id, CancellationToken ct) =>
        TrackingCode.Normalize(id) is { } code && await reports.FindFollowingMergesAsync(code, ct) is var (asked, shown) ? (shown.Report, asked.Report) : null;

    /// <summary>The format is neither json nor xml, or <c>jurisdiction_id</c> names no area: the 404 to answer; else null.</summary>
    private async Task<IActionResult?> RefusedAsync(HttpRequest req, string format, CancellationToken ct) =>
        Open311Format.IsKnown(format) ? await UnknownJurisdictionAsync(req, format, ct) : UnknownFormat();

    /// <summary>404 in the error list when <c>jurisdiction_id</c> (the query's, or <paramref name="given"/>) names no area; null when it is absent or known.</summary>
    private async Task<IActionResult?> UnknownJurisdictionAsync(HttpRequest req, string format, CancellationToken ct, string? given = null)
    {
        if ((given ?? JurisdictionOf(req)) is not { } id)
        {
            return null;
        }

        return AccessCode.IsId(id) && await directory.GetAsync(id, ct) is not null
            ? null
            : Error(format, StatusCodes.Status404NotFound, $"jurisdiction_id {id} was not found");
    }

    /// <summary>The query's <c>jurisdiction_id</c>, or null when it has none (GridAid then serves every area).</summary>
    private static string? JurisdictionOf(HttpRequest req) => req.Query["jurisdiction_id"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static bool Date(Microsoft.Extensions.Primitives.StringValues values, out DateTimeOffset? at)
    {
        at = null;
        if (values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        at = parsed;
        return true;
    }

    private static IActionResult Error(string format, int status, string description) => Errors(format, status, [new Open311Error(status, description)]);

    private static IActionResult Errors(string format, int status, IReadOnlyList<Open311Error> errors) => Open311Format.Answer(format, "errors", errors, status);

    /// <summary>Neither <c>.json</c> nor <c>.xml</c>: no such resource (in JSON, the one format left to answer in).</summary>
    private static IActionResult UnknownFormat() =>
        Error(Open311Format.Json, StatusCodes.Status404NotFound, "No such resource: GeoReport v2 resources end in .xml or .json");

    private static string Open311Changeset()
    {
        var location = typeof(ReportDetailFields).Assembly.Location;
        return location.Length > 0 && File.Exists(location)
            ? File.GetLastWriteTimeUtc(location).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "2026-12-01 00:00";
    }
}
