using System.Text.Json.Serialization;
using GridAid.Core.Reports;

namespace GridAid.Functions.Open311;

/// <summary>One service of <c>GET services.json</c> (GeoReport v2, "GET Service List").</summary>
public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

/// <summary><c>GET services/{service_code}.json</c> (GeoReport v2, "GET Service Definition").</summary>
public sealed record Open311ServiceDefinition(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("attributes")] IReadOnlyList<Open311AttributeDefinition> Attributes);

/// <summary>One attribute: a kind-specific detail field, sent back as <c>attribute[code]=value</c>.</summary>
public sealed record Open311AttributeDefinition(
    [property: JsonPropertyName("variable")] bool Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("datatype_description")] string? DatatypeDescription,
    [property: JsonPropertyName("order")] int Order,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("values")] IReadOnlyList<Open311Value>? Values);

public sealed record Open311Value(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// The report kinds as Open311 services (<c>service_code</c> = the kind's wire name, e.g. <c>lost_person</c>) and
/// their detail fields (<see cref="ReportDetailFields"/>) as attributes, labelled with the report form's own strings.
/// Datatypes follow GeoReport v2: a field with choices is a <c>singlevaluelist</c>, one with a range a <c>number</c>,
/// a field longer than a line (over 200 characters) <c>text</c>, any other <c>string</c>.
/// </summary>
public static class Open311Services
{
    /// <summary>Each choice field's key prefix in the language files (<c>cat.bag</c>, <c>sex.male</c>, …).</summary>
    private static readonly Dictionary<string, string> ChoicePrefixes = new(StringComparer.Ordinal)
    {
        ["category"] = "cat.",
        ["whereNow"] = "now.",
        ["ageBand"] = "age.",
        ["sex"] = "sex.",
        ["hazardType"] = "hz.",
        ["severity"] = "sev.",
    };

    public static IReadOnlyList<Open311Service> List(string? lang) =>
        [.. ReportKinds.All.Select(kind => new Open311Service(
            kind.ToWire(),
            Name(kind, lang),
            PageText.Find(lang, $"kind.{kind.ToWire()}.hint") ?? Name(kind, lang),
            ReportDetailFields.ByKind[kind].Count > 0,
            "realtime",
            string.Join(", ", new[] { Name(kind, Core.Directory.Language.Chinese), Name(kind, Core.Directory.Language.English) }.Distinct(StringComparer.Ordinal)),
            Group(kind)))];

    public static Open311ServiceDefinition Definition(ReportKind kind, string? lang) =>
        new(kind.ToWire(), [.. ReportDetailFields.ByKind[kind].Select((field, i) => Attribute(field, i + 1, lang))]);

    public static string Name(ReportKind kind, string? lang) => PageText.Get(lang, $"kind.{kind.ToWire()}");

    private static string Group(ReportKind kind) => kind switch
    {
        ReportKind.LostItem or ReportKind.FoundItem => "lost_and_found",
        ReportKind.LostPerson or ReportKind.FoundPerson or ReportKind.Help => "people",
        _ => "safety",
    };

    private static Open311AttributeDefinition Attribute(DetailField field, int order, string? lang)
    {
        var label = PageText.Get(lang, "f." + field.Name);
        var description = PageText.Find(lang, $"f.{field.Name}.hint") is { } hint ? $"{label} ({hint})" : label;
        if (field.Choices is { } choices)
        {
            var prefix = ChoicePrefixes.GetValueOrDefault(field.Name, field.Name + ".");
            return new Open311AttributeDefinition(true, field.Name, "singlevaluelist", field.Required, null, order, description,
                [.. choices.Select(c => new Open311Value(c, PageText.Find(lang, prefix + c) ?? c))]);
        }

        return field.Range is { } range
            ? new Open311AttributeDefinition(true, field.Name, "number", field.Required, $"{range.Min}–{range.Max}", order, description, null)
            : new Open311AttributeDefinition(true, field.Name, field.MaxLength > 200 ? "text" : "string", field.Required, $"≤ {field.MaxLength}", order, description, null);
    }
}
