using GridAid.Core.Directory;
using GridAid.Core.Text;
using static GridAid.Functions.Reports.ReportFormPages;

namespace GridAid.Functions.Reports;

/// <summary>
/// The no-JS status page's block for a lost item whose found one a station confirmed: where to collect it, in the
/// reader's language (the station's words, else its name), and "handed over" once it was. What <c>web/js/status.js</c>
/// shows as <c>#collect</c>.
/// </summary>
internal static class CollectHtml
{
    public static string Of(ReportStatusView view, string? lang, Func<DateTimeOffset, string> when)
    {
        if (view.Collect is not { } c)
        {
            return string.Empty;
        }

        var person = view.Kind == Core.Reports.ReportKind.LostPerson;
        string Name(LocalizedText? t) => t is null ? string.Empty : Enc(t.For(lang));
        if (c.HandedOverAt is { } at)
        {
            return "<div class=\"note\" id=\"collect\"><p class=\"lbl\">" + Both(Texts.Of(person ? "st.handedOverYou" : "st.handedOver"), lang) + "</p><p>"
                + Enc(when(at)) + (c.HandedOverBy is { } by ? " · " + Name(by) : string.Empty) + "</p></div>";
        }

        return "<div class=\"note\" id=\"collect\"><p class=\"lbl\">" + Both(Texts.Of(person ? "st.collectPerson" : "st.collect"), lang) + "</p>"
            + StatusPages.NoteHtml(c.Where, lang)
            + (c.Station is { } st ? "<p class=\"muted\">" + Name(st) + "</p>" : string.Empty)
            + "<p class=\"muted\">" + Enc(Texts.Get(lang, person ? "st.bringCode" : "st.bringId"))
            + "</p></div>";
    }
}
