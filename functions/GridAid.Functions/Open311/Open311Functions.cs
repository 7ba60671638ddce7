using System.Globalization;
using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Functions.Limits;
using GridAid.Functions.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Open311;

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON, under <c>/api/open311/v2/</c>: the six report
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

    /// <summary>JSON only: GeoReport v2 makes XML the required format, GridAid serves the optional JSON (docs/open311.md).</summary>
    private static readonly string[] Formats = ["application/json"];

    [Function(nameof(GetOpen311Discovery))]
    [CallableBy(Callers.Anyone)]
    public IActionResult GetOpen311Discovery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/discovery.json")] HttpRequest req)
    {
        var origin = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{req.Scheme}://{req.Host}";
        return ApiResults.Json(new Dictionary<string, object>
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
                    ["formats"] = Formats,
                },
            },
        });
    }

    [Function(nameof(ListOpen311Services))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> ListOpen311Services(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services.json")] HttpRequest req, CancellationToken ct) =>
        await UnknownJurisdictionAsync(req, ct) ?? ApiResults.Json(Open311Services.List(req.Language()));

    [Function(nameof(GetOpen311Service))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetOpen311Service(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services/{serviceCode}.json")] HttpRequest req, string serviceCode, CancellationToken ct) =>
        await UnknownJurisdictionAsync(req, ct)
        ?? (ReportKinds.TryParse(serviceCode, out var kind)
            ? ApiResults.Json(Open311Services.Definition(kind, req.Language()))
            : Error(StatusCodes.Status404NotFound, $"service_code {serviceCode} was not found"));

    /// <summary>
    /// Creates a report from a form post (<c>application/x-www-form-urlencoded</c>, as GeoReport v2 sends it). No API key
    /// is needed (anyone may report, as from a QR code); the report form's limits apply, and a lost person is never refused.
    /// </summary>
    [Function(nameof(PostOpen311Request))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> PostOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open311/v2/requests.json")] HttpRequest req, CancellationToken ct)
    {
        var lang = req.Language();
        if (!ReportForm.IsFormPost(req))
        {
            return Error(StatusCodes.Status400BadRequest, "Send the request as application/x-www-form-urlencoded");
        }

        // Both hosts have read the form within its limits before the function runs (ReportForm.RefusalAsync).
        var (submission, refused) = Open311Requests.Read(await req.ReadFormAsync(ReportForm.Limits, ct), lang, clock.GetUtcNow());
        if (refused is not null)
        {
            return Errors(refused.Code, [refused]);
        }

        if (await UnknownJurisdictionAsync(req, ct, submission!.Area) is { } unknown)
        {
            return unknown;
        }

        var (valid, errors) = ReportValidator.Validate(submission);
        if (valid is null)
        {
            return Errors(StatusCodes.Status400BadRequest, Open311Requests.Errors(errors, lang));
        }

        var taken = await acceptance.AcceptAsync(req, valid, ct);
        return taken.Outcome switch
        {
            AcceptanceOutcome.Accepted => ApiResults.Json(new[] { new Open311Created(taken.Result!.TrackingCode, Open311Requests.Notice(valid.Kind, lang), null) }),
            AcceptanceOutcome.Limited => ApiResults.RetryAfter(
                Error(StatusCodes.Status429TooManyRequests, "Too many reports from this address: try again later. A lost person always goes through."),
                LimitAnswers.Seconds(taken.Wait!.Value)),
            AcceptanceOutcome.RequestIdOverused => Error(StatusCodes.Status409Conflict, "Too many different reports under one request id"),
            _ => ApiResults.RetryAfter(Error(StatusCodes.Status503ServiceUnavailable, "Reports cannot be taken right now: send it again shortly"), 5),
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
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests.json")] HttpRequest req, CancellationToken ct)
    {
        var q = req.Query;
        string[] List(string name) =>
            [.. q[name].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

        var ids = List("service_request_id");
        if (ids.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest,
                "service_request_id is required: requests are listed only by the tracking codes you hold (the area's admin lists every report at /api/admin/reports)");
        }

        if (ids.Length > MaxRequestIds)
        {
            return Error(StatusCodes.Status400BadRequest, $"At most {MaxRequestIds} service_request_id at once");
        }

        var kinds = new HashSet<ReportKind>();
        foreach (var code in List("service_code"))
        {
            if (!ReportKinds.TryParse(code, out var kind))
            {
                return Error(StatusCodes.Status400BadRequest, $"service_code {code} is not a service");
            }

            kinds.Add(kind);
        }

        var statuses = List("status");
        if (statuses.Any(s => s is not ("open" or "closed")))
        {
            return Error(StatusCodes.Status400BadRequest, "status is open or closed");
        }

        if (!Date(q["start_date"], out var from) || !Date(q["end_date"], out var to))
        {
            return Error(StatusCodes.Status400BadRequest, "start_date and end_date are W3C date-times, e.g. 2010-01-01T00:00:00Z");
        }

        if (await UnknownJurisdictionAsync(req, ct) is { } unknown)
        {
            return unknown;
        }

        var area = JurisdictionOf(req);
        var found = await Task.WhenAll(ids.Select(id => FindAsync(id, ct)));
        var lang = req.Language();
        var views = new List<Open311ServiceRequest>();
        foreach (var report in found.OfType<Core.Reports.Report>())
        {
            if ((area is null || report.AreaId == area)
                && (kinds.Count == 0 || kinds.Contains(report.Kind))
                && (statuses.Length == 0 || statuses.Contains(Open311Requests.Status(report.Status)))
                && (from is null || report.SubmittedAt >= from) && (to is null || report.SubmittedAt <= to))
            {
                views.Add(Open311Requests.View(report, await directory.GetAsync(report.AreaId, ct), lang));
            }
        }

        return ApiResults.Json(views);
    }

    [Function(nameof(GetOpen311Request))]
    [CallableBy(Callers.Anyone)]
    public async Task<IActionResult> GetOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests/{serviceRequestId}.json")] HttpRequest req, string serviceRequestId, CancellationToken ct) =>
        await UnknownJurisdictionAsync(req, ct)
        ?? (await FindAsync(serviceRequestId, ct) is { } report && (JurisdictionOf(req) is not { } area || report.AreaId == area)
            ? ApiResults.Json(new[] { Open311Requests.View(report, await directory.GetAsync(report.AreaId, ct), req.Language()) })
            : Error(StatusCodes.Status404NotFound, $"service_request_id {serviceRequestId} was not found"));

    private async Task<Core.Reports.Report?> FindAsync(string id, CancellationToken ct) =>
        TrackingCode.Normalize(id) is { } code && await reports.FindByCodeAsync(code, ct) is { } stored ? stored.Report : null;

    /// <summary>404 in the error list when <c>jurisdiction_id</c> (the query's, or <paramref name="given"/>) names no area; null when it is absent or known.</summary>
    private async Task<IActionResult?> UnknownJurisdictionAsync(HttpRequest req, CancellationToken ct, string? given = null)
    {
        if ((given ?? JurisdictionOf(req)) is not { } id)
        {
            return null;
        }

        return AccessCode.IsId(id) && await directory.GetAsync(id, ct) is not null
            ? null
            : Error(StatusCodes.Status404NotFound, $"jurisdiction_id {id} was not found");
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

    private static IActionResult Error(int status, string description) => Errors(status, [new Open311Error(status, description)]);

    private static IActionResult Errors(int status, IReadOnlyList<Open311Error> errors) => ApiResults.Json(errors, status);

    private static string Open311Changeset()
    {
        var location = typeof(ReportDetailFields).Assembly.Location;
        return location.Length > 0 && File.Exists(location)
            ? File.GetLastWriteTimeUtc(location).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "2026-12-01 00:00";
    }
}
