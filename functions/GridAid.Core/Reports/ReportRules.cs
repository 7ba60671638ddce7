using System.Globalization;
using GridAid.Core.Directory;

namespace GridAid.Core.Reports;

/// <summary>
/// One field's checks, as data: what <see cref="ReportValidator"/> enforces and what the form checks before sending
/// (<c>GET /api/report-rules</c>). Codes name the messages in <see cref="ReportRules.Messages"/>.
/// </summary>
public sealed record FieldRule(
    bool Required = false,
    int? MaxLength = null,
    IReadOnlyList<string>? Choices = null,
    int? Min = null,
    int? Max = null,
    string? Pattern = null,
    string RequiredCode = "required",
    string TooLongCode = "too_long",
    string PatternCode = "invalid");

/// <summary>The rules of one report kind: its fields by path (<c>details.age</c>, <c>description</c>, <c>contact.phone</c>).</summary>
public sealed record KindRules(IReadOnlyDictionary<string, FieldRule> Fields);

/// <summary>Every check a submission goes through, and every message, in both languages: the one source of truth.</summary>
/// <remarks><see cref="Common"/> applies while no kind is chosen.</remarks>
public sealed record ReportRulesDocument(
    IReadOnlyDictionary<string, LocalizedText> Messages,
    KindRules Common,
    IReadOnlyDictionary<string, KindRules> Kinds);

public static class ReportRules
{
    /// <summary>The phone number pattern, applied after <see cref="ReportValidator.NormalizePhone"/>.</summary>
    public const string PhonePattern = @"^(1[3-9]\d{9}|\+[1-9]\d{6,14})$";

    public const int MaxName = 50;

    /// <summary>Message templates by code; <c>{min}</c>, <c>{max}</c> and <c>{maxLength}</c> are the field rule's numbers.</summary>
    public static readonly IReadOnlyDictionary<string, LocalizedText> Messages = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        ["body_required"] = new("请填写报告内容", "The report is empty"),
        ["honeypot"] = new("报告未能发送：请刷新页面后重新填写", "The report could not be sent: reload the page and fill it in again"),
        ["kind_required"] = new("请选择报告类型", "Choose what you are reporting"),
        ["point_invalid"] = new("地点编码无效", "The place code is not valid"),
        ["area_invalid"] = new("景区编码无效", "The area code is not valid"),
        ["description_too_long"] = new("描述最多{maxLength}字", "Use at most {maxLength} characters"),
        ["description_required"] = new("请描述您的情况", "Please describe what you need or saw"),
        ["name_too_long"] = new("姓名最多{maxLength}字", "Use at most {maxLength} characters for the name"),
        ["phone_required"] = new("请留下您的手机号，以便民警联系您", "Leave your phone number so the police can call you"),
        ["phone_invalid"] = new(
            "无法拨打这个号码：大陆手机号是13至19开头的11位数字，国际号码以+开头",
            "We cannot call this number: a mainland mobile has 11 digits starting 13 to 19, an international number starts with +"),
        ["request_id_invalid"] = new("请求编号无效", "The request id is not valid"),
        ["too_many_details"] = new("附加信息最多{max}项", "Send at most {max} detail fields"),
        ["detail_name_too_long"] = new("附加信息的名称最多{max}个字符", "Detail field names have at most {max} characters"),
        ["required"] = new("此项必填", "This field is required"),
        ["too_long"] = new("最多{maxLength}字", "Use at most {maxLength} characters"),
        ["invalid_choice"] = new("请从列表中选择", "Choose one of the options"),
        ["out_of_range"] = new("请输入{min}到{max}之间的数字", "Enter a number from {min} to {max}"),
    };

    public static LocalizedText Message(string code, int? min = null, int? max = null, int? maxLength = null)
    {
        var t = Messages[code];
        return new LocalizedText(Fill(t.Zh, min, max, maxLength), Fill(t.En, min, max, maxLength));
    }

    /// <summary>The message for a field that broke its rule, filled with the rule's numbers (as the form fills it).</summary>
    public static LocalizedText Message(string code, FieldRule rule) => Message(code, rule.Min, rule.Max, rule.MaxLength);

    public static readonly FieldRule Description = new(MaxLength: ReportValidator.MaxDescription, RequiredCode: "description_required", TooLongCode: "description_too_long");

    public static readonly FieldRule ContactName = new(MaxLength: MaxName, TooLongCode: "name_too_long");

    public static readonly FieldRule Phone = new(Pattern: PhonePattern, RequiredCode: "phone_required", PatternCode: "phone_invalid");

    public static FieldRule DescriptionFor(ReportKind kind) => Description with { Required = kind is ReportKind.Help or ReportKind.Tip };

    public static FieldRule PhoneFor(ReportKind kind) => Phone with { Required = kind.IsPerson() };

    public static FieldRule For(DetailField f) => new(f.Required, f.MaxLength, f.Choices, f.Range?.Min, f.Range?.Max);

    /// <summary>The whole document, as the form loads it.</summary>
    public static ReportRulesDocument Document() => new(
        Messages,
        new KindRules(new Dictionary<string, FieldRule>(StringComparer.Ordinal)
        {
            ["description"] = Description,
            ["contact.name"] = ContactName,
            ["contact.phone"] = Phone,
        }),
        ReportDetailFields.ByKind.ToDictionary(
            k => WireNames.ToSnakeCase(k.Key.ToString()),
            k =>
            {
                var fields = new Dictionary<string, FieldRule>(StringComparer.Ordinal)
                {
                    ["description"] = DescriptionFor(k.Key),
                    ["contact.name"] = ContactName,
                    ["contact.phone"] = PhoneFor(k.Key),
                };
                foreach (var f in k.Value)
                {
                    fields["details." + f.Name] = For(f);
                }

                return new KindRules(fields);
            },
            StringComparer.Ordinal));

    private static string Fill(string template, int? min, int? max, int? maxLength) =>
        template.Replace("{min}", min?.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{maxLength}", maxLength?.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{max}", max?.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
