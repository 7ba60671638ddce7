using GridAid.Core.Text;

namespace GridAid.Functions.Open311;

/// <summary>
/// The tourist pages' own strings, so that Open311's service names, attribute labels and status notes say exactly
/// what the report form and the status page say (<see cref="Texts"/>: the one set of language files).
/// </summary>
public static class PageText
{
    /// <summary>The string <paramref name="key"/> in <paramref name="lang"/>, or null when no file has it.</summary>
    public static string? Find(string? lang, string key) => Texts.Find(lang, key);

    /// <summary>The string <paramref name="key"/>; a missing key is a bug in the language files (their test keeps them complete).</summary>
    public static string Get(string? lang, string key) => Texts.Of(key).For(lang);
}
