using System.Globalization;
using System.Text;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Text;
using static GridAid.Functions.Reports.ReportFormPages;

namespace GridAid.Functions.Reports;

/// <summary>
/// The status page rendered on the server (<c>GET /api/s/{code}</c>): what <c>/s/{code}</c> shows with JavaScript, for a
/// phone without it. The same view as the JSON (<see cref="ReportStatusView"/>: no contact data, no details), the
/// station's closing note in the reader's language, and a refresh every 30 seconds. Everything interpolated is encoded.
/// </summary>
public static class StatusPages
{
    /// <summary>Seconds between the page's own refreshes (a <c>meta refresh</c>: no script needed).</summary>
    public const int RefreshSeconds = 30;

    public static string PathOf(string trackingCode) => "/api/s/" + Uri.EscapeDataString(trackingCode);

    /// <summary>A timeline step's note (its wire name) and the tourist pages' string for it (<c>web/i18n/{lang}.json</c>, as <c>status.js</c> shows it).</summary>
    private static readonly Dictionary<string, string> Notes = new(StringComparer.Ordinal)
    {
        ["escalated"] = "st.escalated",
        ["redacted"] = "st.redacted",
        ["closed_unattended"] = "st.closedUnattended",
        ["routing_failed"] = "st.routingFailed",
        ["matched_person"] = "st.matchedPerson",
        ["handed_over_person"] = "st.handedOverPerson",
        ["handover_matched"] = "st.handoverMatched",
        ["handover_refused"] = "st.handoverRefused",
        ["matched"] = "st.matched",
        ["handed_over"] = "st.handed_over",
        ["command"] = "st.command",
        ["staff_entered"] = "st.staffEntered",
        ["custody_taken"] = "st.custodyTaken",
        ["custody_police"] = "st.custodyPolice",
        ["custody_disposed"] = "st.custodyDisposed",
        ["merged"] = "st.merged",
        ["merged_into"] = "st.mergedInto",
        ["reply"] = "st.reply",
    };

    /// <summary>The advice once a lost person reached the command tier.</summary>
    public static LocalizedText CallPoliceText => Texts.Of("st.call110");

    /// <summary>The status page; <paramref name="handoverCode"/> only when this phone is the reporter's (<see cref="HandoverCookie"/>).</summary>
    /// <paramref name="said"/>: the answer to a feedback form just posted (<c>?feedback=</c>: thanks, already, unresolved, invalid).
    public static IActionResult Status(ReportStatusView view, string? lang, TimeZoneInfo zone, string? handoverCode = null, string? said = null)
    {
        lang = Language.Normalize(lang);
        string Name(LocalizedText? t) => t is null ? string.Empty : Enc(t.For(lang));
        string Say(string key, params (string Name, object? Value)[] values) => Enc(Texts.Get(lang, key, values));
        string When(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
        }

        var body = new StringBuilder()
            .Append("<section class=\"card\" aria-labelledby=\"st-h\"><h1 id=\"st-h\">").Append(Both(Texts.Of("st.title"), lang)).Append("</h1>")
            .Append("<p class=\"muted\">").Append(Both(Texts.Of("rc.code"), lang)).Append("</p>")
            .Append("<p class=\"code\" id=\"code\">").Append(Enc(view.TrackingCode)).Append("</p>")
            .Append("<p><span class=\"badge\" id=\"status\">").Append(Say("status." + view.Status.ToWire())).Append("</span></p>");
        if (view.MergedInto is { } into)
        {
            // A duplicate's code: the page follows the report it was merged into (its status, replies, timeline).
            var merged = Texts.Get(lang, "st.mergedTo");
            var at = merged.IndexOf("{c}", StringComparison.Ordinal);
            body.Append("<p class=\"msg\" id=\"merged\">").Append(Enc(at < 0 ? merged + " " : merged[..at]))
                .Append("<a href=\"").Append(Enc(PathOf(into) + "?lang=" + lang)).Append("\">").Append(Enc(into)).Append("</a>")
                .Append(at < 0 ? string.Empty : Enc(merged[(at + "{c}".Length)..])).Append("</p>");
        }

        if (view.CallPolice)
        {
            // In the reader's language, then in Chinese and English whatever the page's: whoever holds the phone must understand it.
            body.Append("<div class=\"call\" id=\"call110\" role=\"alert\">");
            foreach (var each in new[] { lang, Language.Chinese, Language.English }.Distinct(StringComparer.Ordinal))
            {
                body.Append("<p lang=\"").Append(each).Append("\">").Append(Enc(CallPoliceText.For(each))).Append("</p>");
            }

            body.Append("<p><a class=\"primary btn\" href=\"tel:110\">110</a></p></div>");
        }

        if (view.Resolution is { } note)
        {
            body.Append("<div class=\"note\" id=\"note\"><p class=\"lbl\">").Append(Both(Texts.Of("st.note"), lang)).Append("</p>")
                .Append(NoteHtml(note, lang)).Append("</div>");
        }

        // The station's latest public reply, above the rest (every reply is on the timeline too).
        if (view.Timeline.LastOrDefault(t => t is { Note: "reply", Text: not null }) is { } reply)
        {
            body.Append("<div class=\"note\" id=\"reply\"><p class=\"lbl\">").Append(Both(Texts.Of("st.reply"), lang))
                .Append(reply.Station is { } by ? " · " + Name(by) : string.Empty).Append("</p>").Append(NoteHtml(reply.Text!, lang)).Append("</div>");
        }

        body.Append(FeedbackHtml(view, lang, said));
        body.Append(HandoverBox(handoverCode, lang));
        body.Append(CollectHtml.Of(view, lang, When));

        body.Append("<dl class=\"kv\">")
            .Append("<dt>").Append(Both(Texts.Of("st.kind"), lang)).Append("</dt><dd id=\"kind\">").Append(Say("kind." + view.Kind.ToWire())).Append("</dd>")
            .Append("<dt>").Append(Both(Texts.Of("st.place"), lang)).Append("</dt><dd id=\"place\">")
            .Append(view.Point.Name is { } place ? Name(place) : Enc(view.Point.Code ?? "—")).Append("</dd>")
            .Append("<dt>").Append(Both(Texts.Of("st.stations"), lang)).Append("</dt><dd id=\"stations\">")
            .Append(view.Stations.Count == 0 ? "—" : string.Join(Texts.Get(lang, "nojs.listSeparator"), view.Stations.Select(s => Name(s.Name)))).Append("</dd>")
            .Append("<dt>").Append(Both(Texts.Of("st.submitted"), lang)).Append("</dt><dd id=\"at\">").Append(Enc(When(view.SubmittedAt))).Append("</dd>")
            .Append("</dl><h2>").Append(Both(Texts.Of("st.timeline"), lang)).Append("</h2><ol class=\"tl\" id=\"tl\">");
        foreach (var step in view.Timeline.Reverse())
        {
            var what = step.Note is { } n && Notes.TryGetValue(n, out var key)
                ? Say(key)
                : Say("status." + step.Status.ToWire()) + (step is { Note: "transferred", ToStation: { } to } ? " · " + Say("st.transferred", ("s", to.For(lang))) : string.Empty);
            body.Append("<li><time datetime=\"").Append(step.At.ToString("O", CultureInfo.InvariantCulture)).Append("\">").Append(Enc(When(step.At))).Append("</time>")
                .Append(what).Append(step.Station is { } st ? " · " + Name(st) : string.Empty)
                .Append(step is { Note: "reply", Text: { } replied } ? NoteHtml(replied, lang) : string.Empty).Append("</li>");
        }

        body.Append("</ol><p class=\"muted\">")
            .Append(view.Status >= ReportStatus.Resolved ? string.Empty : Say("nojs.refreshes", ("s", RefreshSeconds)))
            .Append(OtherLanguages(PathOf(view.TrackingCode), lang)).Append("</p></section>");
        // A resolved or closed report changes no more: no refresh, which would also wipe a feedback form being filled in.
        return Page(lang, Texts.Get(lang, "st.title"), body.ToString(), StatusCodes.Status200OK,
            view.Status >= ReportStatus.Resolved ? string.Empty
            // To the page's own address: reached through /api/s (the Referer), a reload would lose the code.
            : "<meta http-equiv=\"refresh\" content=\"" + RefreshSeconds.ToString(CultureInfo.InvariantCulture) + "; url=" +
            Enc(PathOf(view.TrackingCode) + "?lang=" + lang) + "\">");
    }

    /// <summary>The answer to a feedback form just posted (<c>?feedback=</c>) and its string.</summary>
    private static readonly Dictionary<string, string> FeedbackSaid = new(StringComparer.Ordinal)
    {
        ["thanks"] = "fb.thanks",
        ["already"] = "fb.already",
        ["unresolved"] = "problem.feedbackIsTakenOnceThe",
        ["invalid"] = "fb.invalid",
    };

    /// <summary>
    /// Once resolved: the 1–5 stars form (radio buttons, an optional comment, a plain form post), or the stars given.
    /// </summary>
    private static string FeedbackHtml(ReportStatusView view, string lang, string? said)
    {
        var html = new StringBuilder();
        if (said is { } answer && FeedbackSaid.TryGetValue(answer, out var key))
        {
            html.Append("<p class=\"msg\" id=\"fb-said\" role=\"status\">").Append(Both(Texts.Of(key), lang)).Append("</p>");
        }

        if (view.Feedback is { } given)
        {
            html.Append("<p class=\"note\" id=\"fb\">").Append(Enc(Texts.Get(lang, "fb.done", ("n", given.Stars)))).Append("</p>");
            return html.ToString();
        }

        if (!view.AskFeedback)
        {
            return html.ToString();
        }

        html.Append("<form class=\"note\" id=\"fb\" method=\"post\" action=\"").Append(Enc(PathOf(view.TrackingCode) + "/feedback")).Append("\">")
            .Append("<fieldset><legend>").Append(Both(Texts.Of("fb.ask"), lang)).Append("</legend><p class=\"stars\">");
        for (var n = 1; n <= 5; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            html.Append("<label><input type=\"radio\" name=\"stars\" required id=\"fb-s").Append(number).Append("\" value=\"").Append(number).Append("\"> ")
                .Append(Enc(Texts.Get(lang, "fb.s" + number))).Append("</label>");
        }

        html.Append("</p></fieldset><label for=\"fb-c\">").Append(Both(Texts.Of("fb.comment"), lang)).Append("</label>")
            .Append("<textarea id=\"fb-c\" name=\"comment\" rows=\"3\" maxlength=\"").Append(Core.Figures.FeedbackRules.MaxComment.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea>")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(lang).Append("\">")
            .Append("<button type=\"submit\" class=\"primary\">").Append(Both(Texts.Of("fb.send"), lang)).Append("</button></form>");
        return html.ToString();
    }

    /// <summary>Links to the page in every other listed language, each named in its own.</summary>
    private static string OtherLanguages(string path, string lang) =>
        string.Concat(Texts.Languages.Where(l => l.Code != lang).Select(l =>
            " <a href=\"" + Enc(path + "?lang=" + l.Code) + "\" lang=\"" + l.Code + "\" hreflang=\"" + l.Code + "\">" + Enc(l.Name) + "</a>"));

    /// <summary>No report for the code (or none given): the look-up form, which works without JavaScript too.</summary>
    public static IActionResult Lookup(string? code, string? lang)
    {
        lang = Language.Normalize(lang);
        var body = new StringBuilder()
            .Append("<section class=\"card\" aria-labelledby=\"st-h\"><h1 id=\"st-h\">").Append(Both(Texts.Of("st.title"), lang)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(code))
        {
            body.Append("<p class=\"msg\" role=\"status\">").Append(Both(Texts.Of("st.notFound"), lang)).Append("</p>");
        }

        body.Append("<form action=\"/api/s\" method=\"get\"><label for=\"c\">").Append(Both(Texts.Of("st.enter"), lang)).Append("</label>")
            .Append("<input id=\"c\" name=\"code\" autocapitalize=\"characters\" autocomplete=\"off\" required maxlength=\"20\" value=\"").Append(Enc(code?.Trim() ?? string.Empty)).Append("\">")
            .Append(lang == Language.Chinese ? string.Empty : "<input type=\"hidden\" name=\"lang\" value=\"" + lang + "\">")
            .Append("<button type=\"submit\" class=\"secondary\">").Append(Both(Texts.Of("st.go"), lang)).Append("</button></form></section>");
        return Page(lang, Texts.Get(lang, "st.title"), body.ToString(), string.IsNullOrWhiteSpace(code) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    /// <summary>The note in the reader's language, else in the one it has (marked with its language).</summary>
    internal static string NoteHtml(LocalizedNote note, string? lang)
    {
        // A note is kept in Chinese and English: a reader of another language gets English first, as LocalizedText falls back.
        var chinese = Language.Normalize(lang) == Language.Chinese;
        var (text, textLang) = chinese
            ? note.Zh is { Length: > 0 } zh ? (zh, Language.Chinese) : (note.En ?? string.Empty, Language.English)
            : note.En is { Length: > 0 } en ? (en, Language.English) : (note.Zh ?? string.Empty, Language.Chinese);
        return "<p lang=\"" + textLang + "\">" + Enc(text) + "</p>";
    }
}
