using System.Text.Json;
using System.Text.RegularExpressions;
using GridAid.TestSupport;

namespace GridAid.BrowserTests;

/// <summary>
/// Every language listed in <c>web/i18n/languages.json</c> has every string of every file: a key missing in one file
/// would show as the raw key on a page, and a placeholder missing would drop a number or a name.
/// </summary>
public sealed partial class StringsFilesTests
{
    private static readonly string[] FileKinds = ["{0}.json", "staff.{0}.json", "server.{0}.json", "privacy.{0}.json"];

    public static IReadOnlyList<(string Code, string Name, string? Review)> Languages()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("web", "i18n", "languages.json")));
        return doc.RootElement.GetProperty("languages").EnumerateArray()
            .Select(l => (l.GetProperty("code").GetString()!, l.GetProperty("name").GetString()!, l.TryGetProperty("review", out var r) ? r.GetString() : null))
            .ToList();
    }

    public static TheoryData<string> ListedLanguages() => new(Languages().Select(l => l.Code));

    private static Dictionary<string, string> Strings(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("web", "i18n", file)));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    private static string Placeholders(string text) => string.Join(" ", Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ListedLanguages))]
    public void A_listed_language_has_every_key_and_placeholder_of_the_reference(string code)
    {
        foreach (var kind in FileKinds)
        {
            var reference = Strings(string.Format(null, kind, "zh-CN"));
            var strings = Strings(string.Format(null, kind, code));

            Assert.Empty(reference.Keys.Except(strings.Keys));
            Assert.Empty(strings.Keys.Except(reference.Keys));
            Assert.All(reference, r => Assert.Equal((r.Key, Placeholders(r.Value)), (r.Key, Placeholders(strings[r.Key]))));
            Assert.All(strings, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), $"{code}: {s.Key} is empty"));
        }

        Assert.Equal(Languages().Single(l => l.Code == code).Name, Strings(code + ".json")["lang.name"]);
    }

    [Fact]
    public void Every_strings_file_belongs_to_a_listed_language_and_the_reviewed_ones_come_first()
    {
        var listed = Languages();
        var files = System.IO.Directory.GetFiles(RepoPaths.Combine("web", "i18n"), "*.json").Select(Path.GetFileName).Where(f => f != "languages.json");
        var expected = listed.SelectMany(l => FileKinds.Select(k => string.Format(null, k, l.Code)));

        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        Assert.Equal(["zh-CN", "en"], listed.Take(2).Select(l => l.Code));
        Assert.All(listed.Take(2), l => Assert.Null(l.Review));
        Assert.Contains(listed, l => l is { Code: "ko", Review: "machine-assisted" });
    }

    [Fact]
    public void Tourist_strings_carry_no_staff_strings()
    {
        Assert.DoesNotContain(Strings("zh-CN.json").Keys, k => k.StartsWith("stf.", StringComparison.Ordinal) || k.StartsWith("adm.", StringComparison.Ordinal) || k.StartsWith("dir.", StringComparison.Ordinal));
    }
}
