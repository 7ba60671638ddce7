using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridAid.Core.Directory;

/// <summary>
/// A text in several languages (a place's name, a message): a map from language to text, keyed by the language's
/// primary subtag (<c>zh</c>, <c>en</c>, <c>ko</c>), written as that JSON object. Simplified Chinese is shown first;
/// a reader whose language it lacks gets English, then Chinese.
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly SortedDictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>The two languages every area has.</summary>
    public LocalizedText(string zh, string en)
        : this([new("zh", zh), new("en", en)])
    {
    }

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> texts)
    {
        foreach (var (lang, text) in texts)
        {
            if (!string.IsNullOrEmpty(text))
            {
                _texts[Language.KeyOf(lang)] = text;
            }
        }
    }

    /// <summary>Text by language key (<c>zh</c>, <c>en</c>, …), only the languages it has.</summary>
    public IReadOnlyDictionary<string, string> Texts => _texts;

    public string Zh => _texts.GetValueOrDefault("zh", string.Empty);

    public string En => _texts.GetValueOrDefault("en", string.Empty);

    /// <summary>The text in <paramref name="lang"/> (<c>zh-CN</c>, <c>ko-KR</c> …); English, then Chinese, where it has none; Chinese without a language.</summary>
    public string For(string? lang) =>
        (lang is null ? null : _texts.GetValueOrDefault(Language.KeyOf(lang)))
        ?? (lang is null ? null : _texts.GetValueOrDefault("en"))
        ?? _texts.GetValueOrDefault("zh")
        ?? _texts.Values.FirstOrDefault()
        ?? string.Empty;

    /// <summary>The same text with every language's version transformed (filling placeholders, say).</summary>
    public LocalizedText Map(Func<string, string> each) => new(_texts.Select(t => new KeyValuePair<string, string>(t.Key, each(t.Value))));

    public bool Equals(LocalizedText? other) =>
        other is not null && _texts.Count == other._texts.Count && _texts.All(t => other._texts.TryGetValue(t.Key, out var o) && o == t.Value);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (k, v) in _texts)
        {
            hash.Add(k);
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(LocalizedText? a, LocalizedText? b) => a?.Equals(b) ?? b is null;

    public static bool operator !=(LocalizedText? a, LocalizedText? b) => !(a == b);

    public override string ToString() => string.Join(" · ", _texts.OrderBy(t => t.Key == "zh" ? 0 : t.Key == "en" ? 1 : 2).Select(t => t.Value));
}

/// <summary>Writes a <see cref="LocalizedText"/> as <c>{"zh": …, "en": …, "ko": …}</c> and reads any such object.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var texts = JsonSerializer.Deserialize<Dictionary<string, string?>>(ref reader, options);
        return texts is null ? null : new LocalizedText(texts.Where(t => t.Value is not null).Select(t => new KeyValuePair<string, string>(t.Key, t.Value!)));
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (lang, text) in value.Texts.OrderBy(t => t.Key == "zh" ? 0 : t.Key == "en" ? 1 : 2).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            writer.WriteString(lang, text);
        }

        writer.WriteEndObject();
    }
}

public static class Language
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static bool IsEnglish(string? lang) =>
        lang is not null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The key of a language in a <see cref="LocalizedText"/>: its primary subtag, lower case (<c>zh-CN</c> → <c>zh</c>).</summary>
    public static string KeyOf(string lang)
    {
        var dash = lang.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? lang : lang[..dash]).ToLowerInvariant();
    }

    /// <summary>The listed language that best serves <paramref name="lang"/> (exact, then the same primary subtag); Chinese when none does.</summary>
    public static string Normalize(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return Chinese;
        }

        var listed = Text.Texts.Languages;
        return listed.FirstOrDefault(l => string.Equals(l.Code, lang, StringComparison.OrdinalIgnoreCase))?.Code
            ?? listed.FirstOrDefault(l => KeyOf(l.Code) == KeyOf(lang))?.Code
            ?? Chinese;
    }
}
