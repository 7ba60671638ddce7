using System.Globalization;
using System.Text.Json.Serialization;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Functions.Reports;

namespace GridAid.Functions.Open311;

/// <summary>One entry of GeoReport v2's error list (<c>[{code, description}]</c>); <see cref="Code"/> is the HTTP status.</summary>
public sealed record Open311Error(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);

/// <summary>The answer to <c>POST requests.json</c>: the tracking code is the <c>service_request_id</c>.</summary>
public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string ServiceNotice,
    [property: JsonPropertyName("account_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? AccountId);

/// <summary>
/// A service request as anyone holding its tracking code may see it: what the status page shows and nothing more. No
/// contact data, no description and no details (either may name a person), no coordinates.
/// </summary>
public sealed record Open311ServiceRequest(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_notes")] string StatusNotes,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("agency_responsible")] string? AgencyResponsible,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("address_id")] string? AddressId);

/// <summary>
/// Reads a GeoReport v2 <c>POST requests.json</c> form into the report form's <see cref="ReportSubmission"/>, so it is
/// validated, limited and taken exactly as a tourist's report is; and shows a report as a GeoReport v2 service request.
/// </summary>
public static class Open311Requests
{
    private const string AttributePrefix = "attribute[";

    /// <summary>The form's fields as GeoReport v2 names them, for the error list (<c>details.age</c> → <c>attribute[age]</c>).</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["kind"] = "service_code",
        ["point"] = "address_id",
        ["area"] = "jurisdiction_id",
        ["contact.name"] = "first_name",
        ["contact.phone"] = "phone",
        ["details"] = "attribute",
    };

    /// <summary>
    /// The submission, or why there is none (400: a field is missing or unreadable; 404: <c>service_code</c> names no
    /// service). <c>address_id</c> is the QR point code. GridAid's points carry no coordinates, so <c>lat</c>/<c>long</c>
    /// and <c>address_string</c> are added to the description (as the report form adds the phone's position) and the
    /// report reaches the area's duty station, as a report from an unknown place does. <c>email</c>, <c>device_id</c>,
    /// <c>account_id</c>, <c>media_url</c> and <c>api_key</c> are not kept: stations call back by phone, and GridAid
    /// keeps no personal data it does not use.
    /// </summary>
    public static (ReportSubmission? Submission, Open311Error? Error) Read(IFormCollection form, string? lang, DateTimeOffset now)
    {
        string? Field(string name) => form[name].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        if (Field("service_code") is not { } serviceCode)
        {
            return (null, new Open311Error(StatusCodes.Status400BadRequest, "service_code was not provided"));
        }

        if (!ReportKinds.TryParse(serviceCode, out var kind))
        {
            return (null, new Open311Error(StatusCodes.Status404NotFound, $"service_code {serviceCode} was not found (GET services.json lists them)"));
        }

        var description = Field("description") ?? string.Empty;
        var (lat, lon) = (Field("lat"), Field("long"));
        if (lat is not null || lon is not null)
        {
            if (!Degrees(lat, 90, out var latitude) || !Degrees(lon, 180, out var longitude))
            {
                return (null, new Open311Error(StatusCodes.Status400BadRequest, "lat and long must both be sent, as WGS84 degrees"));
            }

            description = (description + "\n📍 " + latitude.ToString("F5", CultureInfo.InvariantCulture) + "," + longitude.ToString("F5", CultureInfo.InvariantCulture)).Trim();
        }

        if (Field("address_string") is { } address)
        {
            description = (description + "\n📍 " + address).Trim();
        }

        var point = Field("address_id");
        if (point is null && lat is null && Field("address_string") is null)
        {
            return (null, new Open311Error(StatusCodes.Status400BadRequest, "A location is required: address_id (the QR point code), lat and long, or address_string"));
        }

        var details = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            // attribute[code]=value, or attribute[code][]=value for a multivaluelist (GridAid has none: the first value counts).
            if (key.StartsWith(AttributePrefix, StringComparison.Ordinal) && key.IndexOf(']', StringComparison.Ordinal) is var end and > 0)
            {
                details.TryAdd(key[AttributePrefix.Length..end], values.FirstOrDefault());
            }
        }

        var name = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.Where(n => n is not null));
        var submission = new ReportSubmission
        {
            Kind = kind.ToWire(),
            Point = point,
            Area = Field("jurisdiction_id"),
            Description = description,
            Contact = new ContactSubmission { Name = name.Length > 0 ? name : null, Phone = Field("phone") },
            Lang = Language.Normalize(lang),
            Details = details,
        };

        // An Open311 client sends no request id: one derived from the content and the hour, as for the no-JavaScript
        // form, makes a repeated post the same report rather than two.
        submission.ClientRequestId = ReportForm.ContentRequestId(submission, now);
        return (submission, null);
    }

    /// <summary>The validator's field errors in GeoReport v2's terms: one entry per error, the field first.</summary>
    public static IReadOnlyList<Open311Error> Errors(ValidationErrors errors, string? lang) =>
        [.. errors.All.Select(e => new Open311Error(StatusCodes.Status400BadRequest, $"{FieldName(e.Field)}: {e.Message(lang)}"))];

    public static string FieldName(string field) =>
        FieldNames.TryGetValue(field, out var name) ? name
        : field.StartsWith("details.", StringComparison.Ordinal) ? $"{AttributePrefix}{field["details.".Length..]}]"
        : field;

    /// <summary>What happens next, as the receipt page says it.</summary>
    public static string Notice(ReportKind kind, string? lang) => PageText.Get(lang, kind switch
    {
        ReportKind.LostPerson => "rc.nextPerson",
        ReportKind.FoundPerson => "rc.nextFound",
        _ => "rc.next",
    });

    /// <summary>GeoReport v2 knows two statuses: a report is <c>closed</c> once resolved (or closed unattended), else <c>open</c>.</summary>
    public static string Status(ReportStatus status) => status >= ReportStatus.Resolved ? "closed" : "open";

    /// <summary>
    /// The service request of <paramref name="r"/>; <paramref name="asked"/> is the report the id named (a duplicate merged
    /// into <paramref name="r"/>): its id and request time, with the status and notes of the report it was merged into.
    /// </summary>
    public static Open311ServiceRequest View(Report r, AreaDirectory? d, string? lang, Report? asked = null)
    {
        string StationName(string id) => id == Core.Alerts.SharedSearch.Admin ? TimelineView.AdminName.For(lang) : d?.FindStation(id)?.Name.For(lang) ?? id;
        var point = r.PointCode is null ? null : d?.FindPoint(r.PointCode);
        return new Open311ServiceRequest(
            (asked ?? r).TrackingCode,
            Status(r.Status),
            Notes(r, lang, StationName),
            Open311Services.Name(r.Kind, lang),
            r.Kind.ToWire(),
            r.StationIds.Count > 0 ? string.Join(", ", r.StationIds.Select(StationName)) : null,
            W3((asked ?? r).SubmittedAt),
            W3(r.UpdatedAt),
            point?.Name.For(lang),
            r.PointCode);
    }

    /// <summary>
    /// The latest public reply, in the reader's language when it has it ("我们已收到… · Daiding Police Post"); without one,
    /// the latest public step of the timeline in the status page's words ("Seen by the station · Daiding Police Post").
    /// Never an internal note or a transfer's reason.
    /// </summary>
    private static string Notes(Report r, string? lang, Func<string, string> stationName)
    {
        if (Core.Replies.ReplyRules.LatestPublicReply(r) is { Text: { } words } reply)
        {
            // Kept in Chinese and English: a reader of any other language reads English first, as LocalizedText falls back.
            var said = Language.Normalize(lang) == Language.Chinese ? words.Zh ?? words.En : words.En ?? words.Zh;
            return reply.StationId is { } by ? $"{said} · {stationName(by)}" : said ?? string.Empty;
        }

        if (Core.Replies.ReplyRules.PublicTimeline(r).LastOrDefault() is not { } last)
        {
            return PageText.Get(lang, "status." + r.Status.ToWire());
        }

        var text = last.Note switch
        {
            TimelineNotes.Escalated => PageText.Get(lang, "st.escalated"),
            TimelineNotes.Redacted => PageText.Get(lang, "st.redacted"),
            TimelineNotes.ClosedUnattended => PageText.Get(lang, "st.closedUnattended"),
            TimelineNotes.RoutingFailed => PageText.Get(lang, "st.routingFailed"),
            { } note when note.StartsWith(TimelineNotes.TransferredTo, StringComparison.Ordinal) =>
                PageText.Get(lang, "st.transferred").Replace("{s}", stationName(note[TimelineNotes.TransferredTo.Length..]), StringComparison.Ordinal),
            _ => PageText.Get(lang, "status." + last.Status.ToWire()),
        };
        return last.StationId is { } station ? $"{text} · {stationName(station)}" : text;
    }

    /// <summary>The W3C date-time profile GeoReport v2 asks for, in UTC: <c>2010-01-01T00:00:00Z</c>.</summary>
    public static string W3(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool Degrees(string? text, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && Math.Abs(value) <= max;
}
