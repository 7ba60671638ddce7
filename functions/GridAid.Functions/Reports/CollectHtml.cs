using GridAid.Core.Directory;
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

        var english = Language.IsEnglish(lang);
        var person = view.Kind == Core.Reports.ReportKind.LostPerson;
        string Name(LocalizedText? t) => t is null ? string.Empty : Enc(t.For(lang));
        if (c.HandedOverAt is { } at)
        {
            return "<div class=\"note\" id=\"collect\"><p class=\"lbl\">" + Both(person ? new("已交接", "Handed over to you") : new("物品已交还", "Handed over"), english) + "</p><p>"
                + Enc(when(at)) + (c.HandedOverBy is { } by ? " · " + Name(by) : string.Empty) + "</p></div>";
        }

        return "<div class=\"note\" id=\"collect\"><p class=\"lbl\">" + Both(person ? new("已找到，请到这里接人", "Found: go here to meet them") : new("已找到，请到这里领取", "Found: collect it here"), english) + "</p>"
            + StatusPages.NoteHtml(c.Where, lang)
            + (c.Station is { } st ? "<p class=\"muted\">" + Name(st) + "</p>" : string.Empty)
            + "<p class=\"muted\">" + Enc(person
                ? english ? "Bring your ID, and show the police your hand-over code (on this page of your phone)." : "请带上身份证件，并向民警出示您手机上的交接码。"
                : english ? "Bring your ID; the station may ask about a detail only the owner knows." : "请带上身份证件；站点可能会问一个只有失主知道的细节。")
            + "</p></div>";
    }
}
