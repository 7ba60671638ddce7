using System.Collections.Frozen;
using System.Text.Json;
using GridAid.Core.Directory;

namespace GridAid.Functions.Open311;

/// <summary>
/// The tourist pages' own strings (<c>web/i18n/{zh-CN,en}.json</c>, embedded in this assembly at build time), so that
/// Open311's service names, attribute labels and status notes say exactly what the report form and the status page
/// say, and are translated in one place.
/// </summary>
public static class PageText
{
    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> Files = new(() =>
        new[] { Language.Chinese, Language.English }.ToFrozenDictionary(lang => lang, Load, StringComparer.Ordinal));

    /// <summary>The string <paramref name="key"/> in <paramref name="lang"/> (Chinese unless English), or null when the file has none.</summary>
    public static string? Find(string? lang, string key) => Files.Value[Language.Normalize(lang)].GetValueOrDefault(key);

    /// <summary>The string <paramref name="key"/>; a missing key is a bug in the language files (their test keeps them complete).</summary>
    public static string Get(string? lang, string key) =>
        Find(lang, key) ?? throw new KeyNotFoundException($"web/i18n/{Language.Normalize(lang)}.json has no \"{key}\".");

    private static FrozenDictionary<string, string> Load(string lang)
    {
        var name = $"GridAid.Functions.i18n.{lang}.json";
        using var stream = typeof(PageText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded.");
        return (JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
