using System.Net;
using System.Text;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Functions.Reports;

/// <summary>
/// The HTML answers to the no-JavaScript form: a receipt in the reader's language and the area's other main one, the
/// validation errors in the reader's language with a link back, and a "busy, try again" page, all from the language
/// files (<see cref="Texts"/>). Everything interpolated is HTML-encoded.
/// </summary>
public static class ReportFormPages
{
    /// <summary>Each field's name as the form labels it (the language files' keys).</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["kind"] = "field.kind",
        ["point"] = "field.point",
        ["details"] = "field.details",
        ["area"] = "field.area",
        ["description"] = "f.description",
        ["contact.name"] = "field.name",
        ["contact.phone"] = "f.phone",
        ["clientRequestId"] = "field.clientRequestId",
        ["details.category"] = "f.category",
        ["details.colour"] = "f.colour",
        ["details.brand"] = "f.brand",
        ["details.lastSeenAt"] = "f.lastSeenAt",
        ["details.lastSeenPlace"] = "f.lastSeenPlace",
        ["details.secret"] = "f.secret",
        ["details.foundPlace"] = "f.foundPlace",
        ["details.whereNow"] = "f.whereNow",
        ["details.relationship"] = "f.relationship",
        ["details.personName"] = "f.personName",
        ["details.age"] = "f.age",
        ["details.ageBand"] = "f.ageBand",
        ["details.sex"] = "f.sex",
        ["details.height"] = "f.height",
        ["details.clothing"] = "f.clothing",
        ["details.shoes"] = "f.shoes",
        ["details.hazardType"] = "f.hazardType",
        ["details.severity"] = "f.severity",
        [ReportSubmission.HoneypotField] = "field.report",
    };

    public static IActionResult Receipt(string trackingCode, ReportKind kind, LocalizedText? station, string lang, string? handoverCode = null)
    {
        var code = Enc(trackingCode);
        // The server-rendered status page: this receipt is what a phone without JavaScript sees, and /s/ needs it.
        var statusUrl = StatusPages.PathOf(trackingCode);
        var next = Texts.Of(kind switch
        {
            ReportKind.LostPerson => "rc.nextPerson",
            ReportKind.FoundPerson => "rc.nextFound",
            _ => "rc.next",
        });

        var body = new StringBuilder()
            .Append("<section class=\"card receipt\" aria-labelledby=\"rc-h\">")
            .Append("<h1 id=\"rc-h\">").Append(Both(Texts.Of("rc.title"), lang)).Append("</h1>")
            .Append("<p class=\"muted\">").Append(Both(Texts.Of("rc.code"), lang)).Append("</p>")
            .Append("<p class=\"code\" id=\"rc-code\">").Append(code).Append("</p>")
            .Append("<p>").Append(Both(Texts.Fill(Texts.Of("rc.station"), "station", station ?? Texts.Of("rc.stationDefault")), lang)).Append("</p>")
            .Append(Paragraphs(next, lang))
            .Append(HandoverBox(handoverCode, lang))
            .Append("<p><a class=\"primary btn\" href=\"").Append(Enc(statusUrl)).Append("\">")
            .Append(Both(Texts.Of("rc.status"), lang)).Append("</a></p>")
            .Append("<p><a href=\"/\">").Append(Both(Texts.Of("nojs.home"), lang)).Append("</a></p>")
            .Append("</section>");
        return Page(lang, Texts.Get(lang, "nojs.receivedTitle"), body.ToString(), StatusCodes.Status200OK);
    }

    public static IActionResult Errors(ValidationErrors errors, string? lang, string backPath)
    {
        var title = Texts.Get(lang, "nojs.checkTitle");
        var body = new StringBuilder()
            .Append("<section class=\"card\" aria-labelledby=\"er-h\"><h1 id=\"er-h\">").Append(Enc(title)).Append("</h1>")
            .Append("<ul class=\"errs\" role=\"alert\">");
        foreach (var error in errors.All)
        {
            var field = FieldNames.TryGetValue(error.Field, out var key) ? Texts.Get(lang, key) : error.Field;
            body.Append("<li><strong>").Append(Enc(field)).Append("</strong>: ").Append(Enc(error.Message(lang))).Append("</li>");
        }

        body.Append("</ul><p><a class=\"primary btn\" href=\"").Append(Enc(backPath)).Append("\">")
            .Append(Enc(Texts.Get(lang, "nojs.backToForm"))).Append("</a></p>")
            .Append("<p class=\"muted\">").Append(Enc(Texts.Get(lang, "nojs.backKeeps"))).Append("</p></section>");
        return Page(lang, title, body.ToString(), StatusCodes.Status400BadRequest);
    }

    public static IActionResult Busy(string? lang, string backPath)
    {
        var body = "<section class=\"card\" aria-labelledby=\"bz-h\"><h1 id=\"bz-h\">" + Both(Texts.Of("nojs.busyTitle"), lang) + "</h1>" +
            Paragraphs(Texts.Of("nojs.busyText"), lang) + "<p><a class=\"primary btn\" href=\"" + Enc(backPath) + "\">" + Both(Texts.Of("back"), lang) + "</a></p></section>";
        return Page(lang, Texts.Get(lang, "nojs.busyTitle"), body, StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// A post the form reader would not take (<see cref="ReportForm.RefusalAsync"/>): 413 for a body past its limit,
    /// 400 for too many fields, a field too long, or a body that could not be read. Nothing was sent; the way back is a link.
    /// </summary>
    public static IActionResult Refused(int status, string? lang, string backPath)
    {
        var message = Texts.Of(status == StatusCodes.Status413PayloadTooLarge ? "nojs.tooMuch" : "nojs.unreadable");
        var body = "<section class=\"card\" aria-labelledby=\"rf-h\"><h1 id=\"rf-h\">" + Both(Texts.Of("nojs.notSentTitle"), lang) + "</h1>" +
            Paragraphs(message, lang) + "<p><a class=\"primary btn\" href=\"" + Enc(backPath) + "\">" + Both(Texts.Of("nojs.backToFormShort"), lang) + "</a></p></section>";
        return Page(lang, Texts.Get(lang, "nojs.notSentTitle"), body, status);
    }

    /// <summary>A page in the reader's language (one of the listed ones), the app's name in the header.</summary>
    internal static HtmlPageResult Page(string? lang, string title, string body, int status, string head = "")
    {
        var reader = Language.Normalize(lang);
        return new HtmlPageResult(
            "<!doctype html><html lang=\"" + reader + "\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + Enc(title) + " · GridAid</title>" +
            "<link rel=\"stylesheet\" href=\"/css/app.css\">" + head + "</head><body>" +
            "<header class=\"top\"><a class=\"brand\" href=\"/\">" + Enc(Texts.Get(reader, "app.name")) + "</a></header>" +
            "<main id=\"main\">" + body + "</main></body></html>",
            status);
    }

    /// <summary>The one-time hand-over code, for the reporter's eyes only (their receipt and their status page); empty without one.</summary>
    internal static string HandoverBox(string? handoverCode, string? lang) =>
        handoverCode is null
            ? string.Empty
            : "<div class=\"note handover\" id=\"hc\"><p class=\"lbl\">" + Both(Texts.Of("rc.handover"), lang) + "</p>"
              + "<p class=\"code\" id=\"hc-code\">" + Enc(handoverCode) + "</p>"
              + Paragraphs(Texts.Of("rc.handoverHint"), lang)
              + "</div>";

    /// <summary>
    /// The reader's language first, then the area's other main language (Chinese, or English for a Chinese reader),
    /// marked up with its own <c>lang</c>: a person at the desk can read what the phone shows.
    /// </summary>
    internal static (string First, string Second) Languages(string? lang)
    {
        var reader = Language.Normalize(lang);
        return (reader, reader == Language.Chinese ? Language.English : Language.Chinese);
    }

    internal static string Both(LocalizedText text, string? lang)
    {
        var (first, second) = Languages(lang);
        return Enc(text.For(first)) + " <span lang=\"" + second + "\">· " + Enc(text.For(second)) + "</span>";
    }

    internal static string Paragraphs(LocalizedText text, string? lang)
    {
        var (first, second) = Languages(lang);
        return "<p>" + Enc(text.For(first)) + "</p><p lang=\"" + second + "\">" + Enc(text.For(second)) + "</p>";
    }

    internal static string Enc(string value) => WebUtility.HtmlEncode(value);
}
