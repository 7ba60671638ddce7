using System.Collections.Frozen;
using System.Text.Json;
using GridAid.Core.Directory;

namespace GridAid.Core.Text;

/// <summary>One language of <c>web/i18n/languages.json</c>: its code, its own name, and <c>machine-assisted</c> until a person reviews it.</summary>
public sealed record ListedLanguage(string Code, string Name, string? Review = null);

/// <summary>
/// Every user-visible string, from the one set of language files: <c>web/i18n/{lang}.json</c> (tourist pages),
/// <c>staff.{lang}.json</c> (station and admin pages) and <c>server.{lang}.json</c> (what only the server writes:
/// the pages without JavaScript, problem details, validation messages, channel messages, posters), all embedded in
/// this assembly at build time, with the languages listed in <c>languages.json</c>. A new language is its files and
/// its line in that list: no code. A missing key is a bug the strings-files tests catch.
/// </summary>
public static class Texts
{
    private static readonly Lazy<Catalog> Loaded = new(Load);

    /// <summary>The listed languages, reviewed ones first (Simplified Chinese, then English).</summary>
    public static IReadOnlyList<ListedLanguage> Languages => Loaded.Value.Languages;

    /// <summary>The string <paramref name="key"/> in every listed language.</summary>
    public static LocalizedText Of(string key) =>
        Loaded.Value.All.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"web/i18n has no \"{key}\".");

    /// <summary>The string <paramref name="key"/> in every language, each with its <c>{name}</c> placeholders filled.</summary>
    public static LocalizedText Of(string key, params (string Name, object? Value)[] values) => Fill(Of(key), values);

    /// <summary>The string <paramref name="key"/> in the reader's language (English, then Chinese, where it has none).</summary>
    public static string Get(string? lang, string key, params (string Name, object? Value)[] values) => Of(key, values).For(lang);

    /// <summary>The string, or null when no file has <paramref name="key"/>.</summary>
    public static string? Find(string? lang, string key) => Loaded.Value.All.TryGetValue(key, out var text) ? text.For(lang) : null;

    /// <summary>Fills <c>{name}</c> placeholders in every language's version.</summary>
    public static LocalizedText Fill(LocalizedText text, params (string Name, object? Value)[] values) =>
        values.Length == 0
            ? text
            : text.Map(t => values.Aggregate(t, (s, v) => s.Replace("{" + v.Name + "}", Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

    /// <summary>Fills the <c>{name}</c> placeholder of each language's version with <paramref name="value"/> in that language.</summary>
    public static LocalizedText Fill(LocalizedText text, string name, LocalizedText value) =>
        new(text.Texts.Select(t => new KeyValuePair<string, string>(t.Key, t.Value.Replace("{" + name + "}", value.For(t.Key), StringComparison.Ordinal))));

    private sealed record Catalog(IReadOnlyList<ListedLanguage> Languages, FrozenDictionary<string, LocalizedText> All);

    private sealed record LanguageList(List<ListedLanguage> Languages);

    private const string Prefix = "GridAid.Core.i18n.";

    private static Catalog Load()
    {
        var assembly = typeof(Texts).Assembly;
        var list = Read<LanguageList>("languages.json").Languages;
        var byKey = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n != Prefix + "languages.json"))
        {
            var file = name[Prefix.Length..^".json".Length];
            var lang = file[(file.LastIndexOf('.') + 1)..];
            if (!list.Any(l => l.Code == lang))
            {
                continue;
            }

            foreach (var (key, value) in Read<Dictionary<string, string>>(name[Prefix.Length..]))
            {
                (byKey.TryGetValue(key, out var texts) ? texts : byKey[key] = []).Add(new(lang, value));
            }
        }

        return new Catalog(list, byKey.ToFrozenDictionary(k => k.Key, k => new LocalizedText(k.Value), StringComparer.Ordinal));

        T Read<T>(string file)
        {
            using var stream = assembly.GetManifestResourceStream(Prefix + file) ?? throw new InvalidOperationException($"web/i18n/{file} is not embedded.");
            return JsonSerializer.Deserialize<T>(stream, JsonSerializerOptions.Web) ?? throw new InvalidOperationException($"web/i18n/{file} is empty.");
        }
    }
}
