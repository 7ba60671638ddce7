using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.BrowserTests;

/// <summary>Every language has every string: a key missing in one file would show as the raw key on a page.</summary>
public sealed class StringsFilesTests
{
    private static HashSet<string> Keys(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("web", "i18n", file)));
        return doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN.json", "en.json")]
    [InlineData("staff.zh-CN.json", "staff.en.json")]
    public void Both_languages_have_the_same_keys(string zh, string en)
    {
        var zhKeys = Keys(zh);
        var enKeys = Keys(en);

        Assert.Empty(zhKeys.Except(enKeys));
        Assert.Empty(enKeys.Except(zhKeys));
    }

    [Fact]
    public void Tourist_strings_carry_no_staff_strings()
    {
        Assert.DoesNotContain(Keys("zh-CN.json"), k => k.StartsWith("stf.", StringComparison.Ordinal) || k.StartsWith("adm.", StringComparison.Ordinal) || k.StartsWith("dir.", StringComparison.Ordinal));
    }
}
