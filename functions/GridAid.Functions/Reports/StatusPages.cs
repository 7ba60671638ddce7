using System.Globalization;
using System.Text;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
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

    private static readonly Dictionary<ReportKind, LocalizedText> Kinds = new()
    {
        [ReportKind.LostPerson] = new("走失的人", "Lost person"),
        [ReportKind.LostItem] = new("丢失物品", "Lost item"),
        [ReportKind.FoundItem] = new("拾获物品", "Found item"),
        [ReportKind.Help] = new("求助", "Need help"),
        [ReportKind.Hazard] = new("危险隐患", "Hazard"),
        [ReportKind.Tip] = new("线索 / 建议", "Tip"),
        [ReportKind.FoundPerson] = new("找到走失的人", "Found person"),
    };

    private static readonly Dictionary<ReportStatus, LocalizedText> Statuses = new()
    {
        [ReportStatus.Received] = new("已收到", "Received"),
        [ReportStatus.Routed] = new("已送达站点", "Sent to the station"),
        [ReportStatus.Acknowledged] = new("站点已确认", "Seen by the station"),
        [ReportStatus.InProgress] = new("正在处理", "Being handled"),
        [ReportStatus.Resolved] = new("已解决", "Resolved"),
        [ReportStatus.Closed] = new("已关闭", "Closed"),
    };

    private static readonly Dictionary<string, LocalizedText> Notes = new(StringComparer.Ordinal)
    {
        ["escalated"] = new("无人确认，已通知全部站点", "Nobody acknowledged in time: every station was told"),
        ["redacted"] = new("已按隐私说明删除个人信息", "Personal data deleted, as the privacy notice says"),
        ["closed_unattended"] = new("已关闭：30 天内未解决", "Closed: nobody resolved it within 30 days"),
        ["routing_failed"] = new("已转交值班站点", "Given to the duty station"),
        ["matched_person"] = new("派出所已确认找到的人", "The police post confirmed the person found"),
        ["handed_over_person"] = new("已交给家人", "Handed over to the family"),
        ["handover_matched"] = new("派出所核对交接码：一致", "The police post checked the hand-over code: it matches"),
        ["handover_refused"] = new("派出所核对交接码：不一致，未交接", "The police post checked a hand-over code: wrong, nobody handed over"),
        ["matched"] = new("已找到匹配的拾获物品", "Matched with a found item"),
        ["handed_over"] = new("物品已交还失主", "Handed over to the owner"),
        ["command"] = new("未能及时找到，已通知指挥中心", "Not found in time: the command centre was alerted"),
        ["staff_entered"] = new("站点代为登记", "Entered by a station"),
        ["custody_taken"] = new("物品已由站点保管", "The item is kept at a station"),
        ["custody_police"] = new("物品已移交派出所", "The item was handed to the police"),
        ["custody_disposed"] = new("物品已按规定处置", "The item was disposed of as the rules say"),
        ["merged"] = new("同一件事的另一份报告已合并到这里", "Another report of the same event was merged into this one"),
        ["merged_into"] = new("已合并到同一件事的另一份报告", "Merged into another report of the same event"),
        ["reply"] = new("站点回复", "Reply from the station"),
    };

    /// <summary>The advice once a lost person reached the command tier, shown in both languages.</summary>
    public static readonly LocalizedText CallPoliceText = new("仍未找到：请立即拨打 110 报警。", "Still not found: call the police on 110 now.");

    /// <summary>The status page; <paramref name="handoverCode"/> only when this phone is the reporter's (<see cref="HandoverCookie"/>).</summary>
    /// <paramref name="said"/>: the answer to a feedback form just posted (<c>?feedback=</c>: thanks, already, unresolved, invalid).
    public static IActionResult Status(ReportStatusView view, string? lang, TimeZoneInfo zone, string? handoverCode = null, string? said = null)
    {
        var english = Language.IsEnglish(lang);
        string Name(LocalizedText? t) => t is null ? string.Empty : Enc(t.For(lang));
        string When(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
        }

        var body = new StringBuilder()
            .Append("<section class=\"card\" aria-labelledby=\"st-h\"><h1 id=\"st-h\">").Append(Both(new("报告进度", "Report status"), english)).Append("</h1>")
            .Append("<p class=\"muted\">").Append(Both(new("查询码", "Tracking code"), english)).Append("</p>")
            .Append("<p class=\"code\" id=\"code\">").Append(Enc(view.TrackingCode)).Append("</p>")
            .Append("<p><span class=\"badge\" id=\"status\">").Append(Name(Statuses[view.Status])).Append("</span></p>");
        if (view.MergedInto is { } into)
        {
            // A duplicate's code: the page follows the report it was merged into (its status, replies, timeline).
            body.Append("<p class=\"msg\" id=\"merged\">").Append(Enc(english ? "This report was merged into " : "这份报告已合并到 "))
                .Append("<a href=\"").Append(Enc(PathOf(into) + (english ? "?lang=en" : "?lang=zh-CN"))).Append("\">").Append(Enc(into)).Append("</a>")
                .Append(Enc(english ? ": the same event, followed here." : "：同一件事，进展如下。")).Append("</p>");
        }

        if (view.CallPolice)
        {
            // In both languages whatever the page's: whoever holds the phone must understand it.
            body.Append("<div class=\"call\" id=\"call110\" role=\"alert\"><p lang=\"zh-CN\">").Append(Enc(CallPoliceText.Zh)).Append("</p><p lang=\"en\">")
                .Append(Enc(CallPoliceText.En)).Append("</p><p><a class=\"primary btn\" href=\"tel:110\">110</a></p></div>");
        }

        if (view.Resolution is { } note)
        {
            body.Append("<div class=\"note\" id=\"note\"><p class=\"lbl\">").Append(Both(new("站点的说明", "From the station"), english)).Append("</p>")
                .Append(NoteHtml(note, lang)).Append("</div>");
        }

        // The station's latest public reply, above the rest (every reply is on the timeline too).
        if (view.Timeline.LastOrDefault(t => t is { Note: "reply", Text: not null }) is { } reply)
        {
            body.Append("<div class=\"note\" id=\"reply\"><p class=\"lbl\">").Append(Both(new("站点回复", "Reply from the station"), english))
                .Append(reply.Station is { } by ? " · " + Name(by) : string.Empty).Append("</p>").Append(NoteHtml(reply.Text!, lang)).Append("</div>");
        }

        body.Append(FeedbackHtml(view, english, said));
        body.Append(HandoverBox(handoverCode, english));
        body.Append(CollectHtml.Of(view, lang, When));

        body.Append("<dl class=\"kv\">")
            .Append("<dt>").Append(Both(new("类型", "Kind"), english)).Append("</dt><dd id=\"kind\">").Append(Name(Kinds[view.Kind])).Append("</dd>")
            .Append("<dt>").Append(Both(new("地点", "Place"), english)).Append("</dt><dd id=\"place\">")
            .Append(view.Point.Name is { } place ? Name(place) : Enc(view.Point.Code ?? "—")).Append("</dd>")
            .Append("<dt>").Append(Both(new("处理站点", "Stations"), english)).Append("</dt><dd id=\"stations\">")
            .Append(view.Stations.Count == 0 ? "—" : string.Join(english ? ", " : "、", view.Stations.Select(s => Name(s.Name)))).Append("</dd>")
            .Append("<dt>").Append(Both(new("提交时间", "Submitted"), english)).Append("</dt><dd id=\"at\">").Append(Enc(When(view.SubmittedAt))).Append("</dd>")
            .Append("</dl><h2>").Append(Both(new("进展", "Timeline"), english)).Append("</h2><ol class=\"tl\" id=\"tl\">");
        foreach (var step in view.Timeline.Reverse())
        {
            var what = step.Note is { } n && Notes.TryGetValue(n, out var text)
                ? Name(text)
                : Name(Statuses[step.Status]) + (step is { Note: "transferred", ToStation: { } to } ? Enc(english ? " · handed to " : " · 转交给") + Name(to) : string.Empty);
            body.Append("<li><time datetime=\"").Append(step.At.ToString("O", CultureInfo.InvariantCulture)).Append("\">").Append(Enc(When(step.At))).Append("</time>")
                .Append(what).Append(step.Station is { } st ? " · " + Name(st) : string.Empty)
                .Append(step is { Note: "reply", Text: { } replied } ? NoteHtml(replied, lang) : string.Empty).Append("</li>");
        }

        body.Append("</ol><p class=\"muted\">")
            .Append(view.Status >= ReportStatus.Resolved ? string.Empty : Enc(english ? $"This page refreshes every {RefreshSeconds} seconds." : $"本页每 {RefreshSeconds} 秒自动刷新。"))
            .Append(" <a href=\"").Append(Enc(PathOf(view.TrackingCode) + (english ? "?lang=zh-CN" : "?lang=en"))).Append("\" lang=\"").Append(english ? "zh-CN" : "en").Append("\">")
            .Append(english ? "中文" : "English").Append("</a></p></section>");
        // A resolved or closed report changes no more: no refresh, which would also wipe a feedback form being filled in.
        return Page(english, english ? "Report status" : "报告进度", body.ToString(), StatusCodes.Status200OK,
            view.Status >= ReportStatus.Resolved ? string.Empty
            // To the page's own address: reached through /api/s (the Referer), a reload would lose the code.
            : "<meta http-equiv=\"refresh\" content=\"" + RefreshSeconds.ToString(CultureInfo.InvariantCulture) + "; url=" +
            Enc(PathOf(view.TrackingCode) + (english ? "?lang=en" : "?lang=zh-CN")) + "\">");
    }

    private static readonly Dictionary<string, LocalizedText> FeedbackSaid = new(StringComparer.Ordinal)
    {
        ["thanks"] = new("谢谢您的评价！", "Thank you for your feedback!"),
        ["already"] = new("这份报告已经评价过了，每份报告只能评价一次。", "This report was rated already: each report is rated once."),
        ["unresolved"] = new("报告解决后才能评价。", "Feedback is taken once the report is resolved."),
        ["invalid"] = new($"请选择 1–5 颗星（留言最多 {Core.Figures.FeedbackRules.MaxComment} 字）。", $"Choose 1–5 stars (a comment of at most {Core.Figures.FeedbackRules.MaxComment} characters)."),
    };

    /// <summary>
    /// Once resolved: the 1–5 stars form (radio buttons, an optional comment, a plain form post), or the stars given.
    /// </summary>
    private static string FeedbackHtml(ReportStatusView view, bool english, string? said)
    {
        var html = new StringBuilder();
        if (said is { } key && FeedbackSaid.TryGetValue(key, out var text))
        {
            html.Append("<p class=\"msg\" id=\"fb-said\" role=\"status\">").Append(Both(text, english)).Append("</p>");
        }

        if (view.Feedback is { } given)
        {
            html.Append("<p class=\"note\" id=\"fb\">").Append(Enc(english ? $"You rated this {given.Stars} of 5 stars." : $"您的评价：{given.Stars} / 5 星。")).Append("</p>");
            return html.ToString();
        }

        if (!view.AskFeedback)
        {
            return html.ToString();
        }

        html.Append("<form class=\"note\" id=\"fb\" method=\"post\" action=\"").Append(Enc(PathOf(view.TrackingCode) + "/feedback")).Append("\">")
            .Append("<fieldset><legend>").Append(Both(new("您对这次处理满意吗？", "How well was this handled?"), english)).Append("</legend><p class=\"stars\">");
        for (var n = 1; n <= 5; n++)
        {
            var id = "fb-s" + n.ToString(CultureInfo.InvariantCulture);
            html.Append("<label><input type=\"radio\" name=\"stars\" required id=\"").Append(id).Append("\" value=\"").Append(n.ToString(CultureInfo.InvariantCulture)).Append("\"> ")
                .Append(Enc(english ? $"{n} ★" : $"{n} 星")).Append("</label>");
        }

        html.Append("</p></fieldset><label for=\"fb-c\">").Append(Both(new("留言（可不填）", "A comment (optional)"), english)).Append("</label>")
            .Append("<textarea id=\"fb-c\" name=\"comment\" rows=\"3\" maxlength=\"").Append(Core.Figures.FeedbackRules.MaxComment.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea>")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(english ? "en" : "zh-CN").Append("\">")
            .Append("<button type=\"submit\" class=\"primary\">").Append(Both(new("提交评价", "Send feedback"), english)).Append("</button></form>");
        return html.ToString();
    }

    /// <summary>No report for the code (or none given): the look-up form, which works without JavaScript too.</summary>
    public static IActionResult Lookup(string? code, string? lang)
    {
        var english = Language.IsEnglish(lang);
        var body = new StringBuilder()
            .Append("<section class=\"card\" aria-labelledby=\"st-h\"><h1 id=\"st-h\">").Append(Both(new("报告进度", "Report status"), english)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(code))
        {
            body.Append("<p class=\"msg\" role=\"status\">").Append(Both(new("没有找到这个查询码的报告", "No report has this tracking code"), english)).Append("</p>");
        }

        body.Append("<form action=\"/api/s\" method=\"get\"><label for=\"c\">").Append(Both(new("输入查询码", "Enter a tracking code"), english)).Append("</label>")
            .Append("<input id=\"c\" name=\"code\" autocapitalize=\"characters\" autocomplete=\"off\" required maxlength=\"20\" value=\"").Append(Enc(code?.Trim() ?? string.Empty)).Append("\">")
            .Append(english ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : string.Empty)
            .Append("<button type=\"submit\" class=\"secondary\">").Append(Both(new("查询", "Look up"), english)).Append("</button></form></section>");
        return Page(english, english ? "Report status" : "报告进度", body.ToString(), string.IsNullOrWhiteSpace(code) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    /// <summary>The note in the reader's language, else in the one it has (marked with its language).</summary>
    internal static string NoteHtml(LocalizedNote note, string? lang)
    {
        var english = Language.IsEnglish(lang);
        var (text, textLang) = english
            ? note.En is { Length: > 0 } en ? (en, "en") : (note.Zh ?? string.Empty, "zh-CN")
            : note.Zh is { Length: > 0 } zh ? (zh, "zh-CN") : (note.En ?? string.Empty, "en");
        return "<p lang=\"" + textLang + "\">" + Enc(text) + "</p>";
    }
}
