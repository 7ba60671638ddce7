using System.Net;
using System.Text;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Functions.Reports;

/// <summary>
/// The HTML answers to the no-JavaScript form: a bilingual receipt, the validation errors in the person's language
/// with a link back, and a "busy, try again" page. Everything interpolated is HTML-encoded.
/// </summary>
public static class ReportFormPages
{
    private static readonly Dictionary<string, LocalizedText> FieldNames = new(StringComparer.Ordinal)
    {
        ["kind"] = new("报告类型", "What you are reporting"),
        ["point"] = new("地点编码", "Place code"),
        ["details"] = new("详细信息", "Details"),
        ["area"] = new("景区", "Area"),
        ["description"] = new("描述", "Description"),
        ["contact.name"] = new("您的称呼", "Your name"),
        ["contact.phone"] = new("手机号", "Phone"),
        ["clientRequestId"] = new("请求编号", "Request id"),
        ["details.category"] = new("物品类别", "Category"),
        ["details.colour"] = new("颜色", "Colour"),
        ["details.brand"] = new("品牌 / 特征", "Brand / marks"),
        ["details.lastSeenAt"] = new("最后看到的时间", "When last seen"),
        ["details.lastSeenPlace"] = new("最后看到的地方", "Where last seen"),
        ["details.secret"] = new("只有失主知道的细节", "A detail only the owner knows"),
        ["details.foundPlace"] = new("在哪里拾获", "Where you found it"),
        ["details.whereNow"] = new("物品现在在哪里", "Where it is now"),
        ["details.relationship"] = new("与您的关系", "Your relationship"),
        ["details.personName"] = new("走失者姓名", "Their name"),
        ["details.age"] = new("年龄", "Age"),
        ["details.sex"] = new("性别", "Sex"),
        ["details.height"] = new("身高", "Height"),
        ["details.clothing"] = new("衣着", "Clothing"),
        ["details.shoes"] = new("鞋子", "Shoes"),
        ["details.hazardType"] = new("隐患类型", "Type of hazard"),
        ["details.severity"] = new("严重程度", "Severity"),
        [ReportSubmission.HoneypotField] = new("报告", "Report"),
    };

    public static IActionResult Receipt(string trackingCode, ReportKind kind, LocalizedText? station, string lang, string? handoverCode = null)
    {
        var english = Language.IsEnglish(lang);
        var code = Enc(trackingCode);
        // The server-rendered status page: this receipt is what a phone without JavaScript sees, and /s/ needs it.
        var statusUrl = StatusPages.PathOf(trackingCode);
        var stationName = station ?? new LocalizedText("景区值班站点", "the area's duty station");
        var next = kind == ReportKind.LostPerson
            ? new LocalizedText(
                "接下来：所有警务站已同时收到。请留在原地并保持手机畅通，民警会联系您。紧急情况请拨打 110。",
                "What happens next: every police post has it now. Stay where you are and keep your phone on; the police will call you. In an emergency call 110.")
            : kind == ReportKind.FoundPerson
            ? new LocalizedText(
                "接下来：附近的派出所已收到。请陪着这个人，或把他们交给派出所，并保持手机畅通，民警会联系您。",
                "What happens next: the nearest police post has it now. Stay with them, or take them to the police post, and keep your phone on; the police will call you.")
            : new LocalizedText(
                "接下来：站点工作人员会在几分钟内查看。如果需要，他们会打电话给您。请记下查询码，随时查看进度。",
                "What happens next: station staff will look at it within minutes and call you if needed. Keep the tracking code to follow it.");

        var body = new StringBuilder()
            .Append("<section class=\"card receipt\" aria-labelledby=\"rc-h\">")
            .Append("<h1 id=\"rc-h\">").Append(Both(new("已收到您的报告", "Your report was received"), english)).Append("</h1>")
            .Append("<p class=\"muted\">").Append(Both(new("查询码", "Tracking code"), english)).Append("</p>")
            .Append("<p class=\"code\" id=\"rc-code\">").Append(code).Append("</p>")
            .Append("<p>").Append(Both(new("接收站点：" + stationName.Zh, "Received by: " + stationName.En), english)).Append("</p>")
            .Append(Paragraphs(next, english))
            .Append(HandoverBox(handoverCode, english))
            .Append("<p><a class=\"primary btn\" href=\"").Append(Enc(statusUrl)).Append("\">")
            .Append(Both(new("查看处理进度", "Follow your report"), english)).Append("</a></p>")
            .Append("<p><a href=\"/\">").Append(Both(new("返回首页", "Home"), english)).Append("</a></p>")
            .Append("</section>");
        return Page(english, english ? "Report received" : "已收到您的报告", body.ToString(), StatusCodes.Status200OK);
    }

    public static IActionResult Errors(ValidationErrors errors, string? lang, string backPath)
    {
        var english = Language.IsEnglish(lang);
        var title = english ? "Please check these fields" : "请检查以下内容";
        var body = new StringBuilder()
            .Append("<section class=\"card\" aria-labelledby=\"er-h\"><h1 id=\"er-h\">").Append(Enc(title)).Append("</h1>")
            .Append("<ul class=\"errs\" role=\"alert\">");
        foreach (var error in errors.All)
        {
            var field = FieldNames.TryGetValue(error.Field, out var name) ? name.For(lang) : error.Field;
            body.Append("<li><strong>").Append(Enc(field)).Append("</strong>: ").Append(Enc(error.Message(lang))).Append("</li>");
        }

        body.Append("</ul><p><a class=\"primary btn\" href=\"").Append(Enc(backPath)).Append("\">")
            .Append(Enc(english ? "Back to the form" : "返回修改")).Append("</a></p>")
            .Append("<p class=\"muted\">").Append(Enc(english
                ? "Your browser's Back button keeps what you typed."
                : "用浏览器的“返回”按钮可保留已填写的内容。")).Append("</p></section>");
        return Page(english, title, body.ToString(), StatusCodes.Status400BadRequest);
    }

    public static IActionResult Busy(string? lang, string backPath)
    {
        var english = Language.IsEnglish(lang);
        var message = new LocalizedText(
            "系统繁忙，报告没有发出。请按浏览器的“返回”按钮，稍后再提交一次。",
            "Busy right now: the report was not sent. Go back with your browser's Back button and send it again in a moment.");
        var body = "<section class=\"card\" aria-labelledby=\"bz-h\"><h1 id=\"bz-h\">" + Both(new("暂时无法提交", "Could not send"), english) + "</h1>" +
            Paragraphs(message, english) + "<p><a class=\"primary btn\" href=\"" + Enc(backPath) + "\">" + Both(new("返回", "Back"), english) + "</a></p></section>";
        return Page(english, english ? "Could not send" : "暂时无法提交", body, StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// A post the form reader would not take (<see cref="ReportForm.RefusalAsync"/>): 413 for a body past its limit,
    /// 400 for too many fields, a field too long, or a body that could not be read. Nothing was sent; the way back is a link.
    /// </summary>
    public static IActionResult Refused(int status, string? lang, string backPath)
    {
        var english = Language.IsEnglish(lang);
        var message = status == StatusCodes.Status413PayloadTooLarge
            ? new LocalizedText(
                "提交的内容太多，报告没有发出。请返回，缩短描述后再提交一次。",
                "Too much was sent: the report was not sent. Go back, shorten the description and send it again.")
            : new LocalizedText(
                "提交的表单无法读取，报告没有发出。请返回表单，再提交一次。",
                "The form could not be read: the report was not sent. Go back to the form and send it again.");
        var body = "<section class=\"card\" aria-labelledby=\"rf-h\"><h1 id=\"rf-h\">" + Both(new("报告没有发出", "Report not sent"), english) + "</h1>" +
            Paragraphs(message, english) + "<p><a class=\"primary btn\" href=\"" + Enc(backPath) + "\">" + Both(new("返回表单", "Back to the form"), english) + "</a></p></section>";
        return Page(english, english ? "Report not sent" : "报告没有发出", body, status);
    }

    internal static HtmlPageResult Page(bool english, string title, string body, int status, string head = "") =>
        new HtmlPageResult(
            "<!doctype html><html lang=\"" + (english ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + Enc(title) + " · GridAid</title>" +
            "<link rel=\"stylesheet\" href=\"/css/app.css\">" + head + "</head><body>" +
            "<header class=\"top\"><a class=\"brand\" href=\"/\">" + (english ? "GridAid" : "景区互助") + "</a></header>" +
            "<main id=\"main\">" + body + "</main></body></html>",
            status);

    /// <summary>The person's language first, the other one after it (marked up with its own <c>lang</c>).</summary>
    /// <summary>The one-time hand-over code, for the reporter's eyes only (their receipt and their status page); empty without one.</summary>
    internal static string HandoverBox(string? handoverCode, bool english) =>
        handoverCode is null
            ? string.Empty
            : "<div class=\"note handover\" id=\"hc\"><p class=\"lbl\">" + Both(new("交接码", "Hand-over code"), english) + "</p>"
              + "<p class=\"code\" id=\"hc-code\">" + Enc(handoverCode) + "</p>"
              + Paragraphs(new(
                  "找到后，民警会先核对这个码，再把人交给您。请只给民警看，不要告诉别人。",
                  "When they are found, the police check this code before handing them over to you. Show it only to the police."), english)
              + "</div>";

    internal static string Both(LocalizedText text, bool english) =>
        english
            ? Enc(text.En) + " <span lang=\"zh-CN\">· " + Enc(text.Zh) + "</span>"
            : Enc(text.Zh) + " <span lang=\"en\">· " + Enc(text.En) + "</span>";

    internal static string Paragraphs(LocalizedText text, bool english) =>
        english
            ? "<p>" + Enc(text.En) + "</p><p lang=\"zh-CN\">" + Enc(text.Zh) + "</p>"
            : "<p>" + Enc(text.Zh) + "</p><p lang=\"en\">" + Enc(text.En) + "</p>";

    internal static string Enc(string value) => WebUtility.HtmlEncode(value);
}
