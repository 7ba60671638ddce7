using System.Globalization;
using GridAid.Core.Directory;
using GridAid.Core.Text;

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

    /// <summary>
    /// Message templates by code, from the language files (<c>rule.{code}</c> in <c>web/i18n/server.*.json</c>);
    /// <c>{min}</c>, <c>{max}</c> and <c>{maxLength}</c> are the field rule's numbers.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, LocalizedText> Messages = new[]
    {
        "body_required", "honeypot", "kind_required", "point_invalid", "area_invalid", "description_too_long", "description_required",
        "name_too_long", "phone_required", "phone_invalid", "request_id_invalid", "too_many_details", "detail_name_too_long",
        "required", "too_long", "invalid_choice", "out_of_range",
    }.ToDictionary(code => code, code => Texts.Of("rule." + code), StringComparer.Ordinal);

    public static LocalizedText Message(string code, int? min = null, int? max = null, int? maxLength = null)
    {
        return Messages[code].Map(t => Fill(t, min, max, maxLength));
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
