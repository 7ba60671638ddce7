using System.Text.RegularExpressions;
using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Core.Replies;

/// <summary>A canned public reply: one tap on the station page posts it, in the reporter's language.</summary>
public sealed record CannedReply(string Id, ReportKind Kind, LocalizedText Text);

/// <summary>A canned reply as the admin sends it (<c>PUT /api/admin/canned-replies</c>).</summary>
public sealed record CannedReplyInput(string? Id, string? Kind, string? Zh, string? En);

/// <summary>
/// The area's canned replies, per report kind, in both languages: the demo's defaults (<see cref="Defaults"/>) until the
/// admin saves a list of their own; the rules a saved list keeps (<see cref="Validate"/>).
/// </summary>
public static partial class CannedReplies
{
    public const int MaxPerKind = 8;

    public const int MaxTotal = 60;

    public const int MaxLength = 300;

    /// <summary>Ids are short slugs: lower-case letters, digits and dashes.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private static CannedReply R(string id, ReportKind kind, string zh, string en) => new(id, kind, new LocalizedText(zh, en));

    /// <summary>What a Taishan station says most often, for the demo and for any area that saved none.</summary>
    public static IReadOnlyList<CannedReply> Defaults { get; } =
    [
        R("lost-searching", ReportKind.LostItem, "我们已收到，正在各站点查找。", "We have your report and are searching the stations."),
        R("lost-not-yet", ReportKind.LostItem, "暂时还没有人交来相符的物品，我们会继续留意，有消息会在这里告诉您。", "Nothing matching has been handed in yet. We keep looking and will tell you here."),
        R("lost-cablecar", ReportKind.LostItem, "我们已联系索道站和沿途商铺，请您方便时查看本页。", "We have asked the cable-car stations and the shops along the path; please check this page now and then."),
        R("found-thanks", ReportKind.FoundItem, "谢谢您！请把物品交给最近的站点或民警，我们会登记保管。", "Thank you! Please hand the item to the nearest station or police officer; we will log it and keep it safe."),
        R("found-kept", ReportKind.FoundItem, "物品已登记，由本站保管，等待失主认领。", "The item is logged and kept at this station until its owner claims it."),
        R("person-searching", ReportKind.LostPerson, "各站点和民警正在寻找，请留在原地并保持电话畅通。", "Every station and the police are searching. Please stay where you are and keep your phone on."),
        R("person-come", ReportKind.LostPerson, "请到最近的派出所，民警会和您一起找。", "Please come to the nearest police post: an officer will search with you."),
        R("foundperson-thanks", ReportKind.FoundPerson, "谢谢您！请陪着他/她留在原地，民警马上就到。", "Thank you! Please stay with them where you are: the police are on their way."),
        R("help-coming", ReportKind.Help, "工作人员正在赶来，请留在原地。", "Staff are on their way to you. Please stay where you are."),
        R("help-call", ReportKind.Help, "我们会打电话给您，请留意来电。", "We will call you: please keep your phone at hand."),
        R("hazard-thanks", ReportKind.Hazard, "谢谢提醒！已通知巡山人员前往处理。", "Thank you for telling us! The mountain patrol is on its way to deal with it."),
        R("hazard-fixed", ReportKind.Hazard, "已处理完毕，谢谢您。", "It has been dealt with. Thank you."),
        R("tip-thanks", ReportKind.Tip, "谢谢您的建议，我们已转给景区管理处。", "Thank you for the tip: we have passed it to the scenic area office."),
    ];

    /// <summary>The saved list when there is one, else the defaults.</summary>
    public static IReadOnlyList<CannedReply> OrDefaults(IReadOnlyList<CannedReply>? saved) => saved ?? Defaults;

    public static CannedReply? Find(IReadOnlyList<CannedReply> list, ReportKind kind, string? id) =>
        id is null ? null : list.FirstOrDefault(c => c.Kind == kind && c.Id == id);

    /// <summary>The admin's list, or the field errors (bilingual, the report rules' messages): ids unique per kind, both texts, limits.</summary>
    public static (IReadOnlyList<CannedReply>? List, ValidationErrors Errors) Validate(IReadOnlyList<CannedReplyInput>? input)
    {
        var errors = new ValidationErrors();
        var list = new List<CannedReply>();
        if (input is null)
        {
            errors.Add("replies", "required", ReportRules.Message("required"));
            return (null, errors);
        }

        if (input.Count > MaxTotal)
        {
            errors.Add("replies", "too_many_details", ReportRules.Message("too_many_details", max: MaxTotal));
        }

        var rule = new FieldRule(Required: true, MaxLength: MaxLength);
        for (var i = 0; i < input.Count && i < MaxTotal; i++)
        {
            var c = input[i];
            var at = $"replies[{i}]";
            ReportKind? kind = c.Kind is { } k && WireNames.TryParse<ReportKind>(k, out var parsed) ? parsed : null;
            if (kind is null)
            {
                errors.Add(at + ".kind", "invalid_choice", ReportRules.Message("invalid_choice"));
            }

            var id = c.Id?.Trim();
            if (id is null || !IdPattern().IsMatch(id))
            {
                errors.Add(at + ".id", "invalid_choice", ReportRules.Message("invalid_choice"));
            }
            else if (kind is { } kk && list.Any(x => x.Kind == kk && x.Id == id))
            {
                errors.Add(at + ".id", "invalid_choice", ReportRules.Message("invalid_choice"));
            }

            var zh = ReplyRules.Clean(c.Zh);
            var en = ReplyRules.Clean(c.En);
            foreach (var (name, text) in new[] { ("zh", zh), ("en", en) })
            {
                if (text is null)
                {
                    errors.Add($"{at}.{name}", rule.RequiredCode, ReportRules.Message(rule.RequiredCode, rule));
                }
                else if (text.Length > MaxLength)
                {
                    errors.Add($"{at}.{name}", rule.TooLongCode, ReportRules.Message(rule.TooLongCode, rule));
                }
            }

            if (kind is { } ok && id is not null && zh is not null && en is not null)
            {
                list.Add(new CannedReply(id, ok, new LocalizedText(zh, en)));
            }
        }

        if (list.GroupBy(c => c.Kind).Any(g => g.Count() > MaxPerKind))
        {
            errors.Add("replies", "too_many_details", ReportRules.Message("too_many_details", max: MaxPerKind));
        }

        return errors.IsValid ? (list, errors) : (null, errors);
    }

    /// <summary>The canned reply as it is posted: in the reporter's language only (<see cref="Report.Lang"/>).</summary>
    public static LocalizedNote ForReporter(CannedReply reply, string reporterLang) =>
        Language.IsEnglish(reporterLang) ? new LocalizedNote(null, reply.Text.En) : new LocalizedNote(reply.Text.Zh, null);
}
