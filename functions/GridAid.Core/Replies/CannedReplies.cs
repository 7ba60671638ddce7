using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Core.Replies;

/// <summary>A canned public reply: one tap on the station page posts it, in the reporter's language.</summary>
public sealed record CannedReply(string Id, ReportKind Kind, LocalizedText Text);

/// <summary>A canned reply as the admin sends it (<c>PUT /api/admin/canned-replies</c>).</summary>
public sealed record CannedReplyInput(string? Id, string? Kind, string? Zh, string? En)
{
    /// <summary>The reply in the other listed languages (<c>"ko": …</c>); optional, a reader without one gets English.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; init; }
}

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

    /// <summary>A default reply: its text in every language from the language files (<c>canned.{id}</c>).</summary>
    private static CannedReply R(string id, ReportKind kind) => new(id, kind, Texts.Of("canned." + id));

    /// <summary>What a Taishan station says most often, for the demo and for any area that saved none.</summary>
    public static IReadOnlyList<CannedReply> Defaults { get; } =
    [
        R("lost-searching", ReportKind.LostItem),
        R("lost-not-yet", ReportKind.LostItem),
        R("lost-cablecar", ReportKind.LostItem),
        R("found-thanks", ReportKind.FoundItem),
        R("found-kept", ReportKind.FoundItem),
        R("person-searching", ReportKind.LostPerson),
        R("person-come", ReportKind.LostPerson),
        R("foundperson-thanks", ReportKind.FoundPerson),
        R("help-coming", ReportKind.Help),
        R("help-call", ReportKind.Help),
        R("hazard-thanks", ReportKind.Hazard),
        R("hazard-fixed", ReportKind.Hazard),
        R("tip-thanks", ReportKind.Tip),
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

            var texts = new List<KeyValuePair<string, string>> { new("zh", zh ?? string.Empty), new("en", en ?? string.Empty) };
            var listed = Texts.Languages.Select(l => Language.KeyOf(l.Code)).ToHashSet(StringComparer.Ordinal);
            var othersValid = true;
            foreach (var (key, value) in c.Others ?? [])
            {
                var text = value.ValueKind == JsonValueKind.String ? ReplyRules.Clean(value.GetString()) : null;
                if (!listed.Contains(Language.KeyOf(key)) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null) || text is { Length: > MaxLength })
                {
                    errors.Add($"{at}.{key}", "invalid_choice", ReportRules.Message("invalid_choice"));
                    othersValid = false;
                }
                else if (text is not null)
                {
                    texts.Add(new(Language.KeyOf(key), text));
                }
            }

            if (kind is { } ok && id is not null && zh is not null && en is not null && othersValid)
            {
                list.Add(new CannedReply(id, ok, new LocalizedText(texts)));
            }
        }

        if (list.GroupBy(c => c.Kind).Any(g => g.Count() > MaxPerKind))
        {
            errors.Add("replies", "too_many_details", ReportRules.Message("too_many_details", max: MaxPerKind));
        }

        return errors.IsValid ? (list, errors) : (null, errors);
    }

    /// <summary>
    /// The canned reply as it is posted: in the reporter's language only (<see cref="Report.Lang"/>), kept as a note in
    /// Chinese or English, so a reporter of any other language gets the English one (as a name falls back).
    /// </summary>
    public static LocalizedNote ForReporter(CannedReply reply, string reporterLang) =>
        Language.Normalize(reporterLang) == Language.Chinese ? new LocalizedNote(reply.Text.Zh, null) : new LocalizedNote(null, reply.Text.En);
}
