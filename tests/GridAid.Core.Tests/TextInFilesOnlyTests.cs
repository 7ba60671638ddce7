using System.Text.Json;
using System.Text.RegularExpressions;
using GridAid.TestSupport;

namespace GridAid.Core.Tests;

/// <summary>
/// "A third language needs no code": no C# under <c>functions/</c> and no script under <c>web/js</c> holds Chinese or
/// Korean text outside a short reviewed list of files (comments aside), and every Chinese text in a page's HTML is a
/// fallback the page replaces from the language files (<c>data-i</c>), sits in <c>&lt;noscript&gt;</c>, or is one of a
/// few reviewed places. Whatever a person reads is then in <c>web/i18n/*.json</c>, and a new language is its files.
/// </summary>
public sealed partial class TextInFilesOnlyTests
{
    /// <summary>Files whose code may hold Chinese or Korean, each with why.</summary>
    private static readonly Dictionary<string, string> AllowedFiles = new(StringComparer.Ordinal)
    {
        ["functions/GridAid.Core/Matching/MatchLexicon.cs"] = "matching vocabulary (colours, categories, garments in Chinese and English): words the matcher reads, never shown",
        ["functions/GridAid.Core/Demo/TaishanDemo.cs"] = "demo data: the Taishan area's stations, cells, points and venues as an admin would enter them",
        ["functions/GridAid.Cli/CliApp.cs"] = "the operator's command line: the default name of a new area's duty station, given on the command line in Chinese and English",
        ["functions/GridAid.LocalHost/Outbox/LocalOutbox.cs"] = "the local host's developer page of captured channel posts, never deployed",
        ["web/js/staff.js"] = "the sign-in form's bilingual fallback until the strings load, replaced through data-i like the pages' HTML fallbacks",
    };

    /// <summary>Places in a page's HTML that stay as they are on purpose.</summary>
    private static readonly Dictionary<string, string> AllowedHtml = new(StringComparer.Ordinal)
    {
        ["web/s.html#call110"] = "call 110 in Chinese and English whatever the page's language (whoever holds the phone must read it); #call110-own adds the reader's",
        ["web/r.html#website"] = "the honeypot field, hidden from people (aria-hidden): its label is for bots",
    };

    [GeneratedRegex(@"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af\u3040-\u30ff]")]
    private static partial Regex Cjk();

    /// <summary>A language's own name (中文, 한국어) may stand anywhere: the language list writes it so too.</summary>
    private static readonly string[] OwnNames = LanguageNames();

    private static string[] LanguageNames()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("web", "i18n", "languages.json")));
        return [.. doc.RootElement.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("name").GetString()!)];
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        System.IO.Directory.EnumerateFiles(RepoPaths.Combine(folder), pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>A line of C# or JavaScript without its comment (a <c>//</c> outside quotes, or a line of a block comment).</summary>
    internal static string Code(string line)
    {
        var t = line.TrimStart();
        if (t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith("/*", StringComparison.Ordinal) || t.StartsWith('*'))
        {
            return string.Empty;
        }

        var quote = '\0';
        for (var i = 0; i < line.Length - 1; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
            else if (c == '/' && line[i + 1] == '/')
            {
                return line[..i];
            }
        }

        return line;
    }

    private static List<string> Offending(string folder, string pattern)
    {
        var found = new List<string>();
        foreach (var file in Files(folder, pattern).Where(f => !AllowedFiles.ContainsKey(f)))
        {
            var lines = File.ReadAllLines(RepoPaths.Combine(file));
            for (var n = 0; n < lines.Length; n++)
            {
                var code = OwnNames.Aggregate(Code(lines[n]), (s, name) => s.Replace(name, string.Empty, StringComparison.Ordinal));
                if (Cjk().IsMatch(code))
                {
                    found.Add($"{file}:{n + 1}: {lines[n].Trim()}");
                }
            }
        }

        return found;
    }

    [Fact]
    public void No_csharp_of_the_app_holds_chinese_or_korean_text_outside_the_reviewed_files()
    {
        Assert.Empty(Offending("functions", "*.cs"));
    }

    [Fact]
    public void No_script_of_the_pages_holds_chinese_or_korean_text_outside_the_reviewed_files()
    {
        Assert.Empty(Offending(Path.Combine("web", "js"), "*.js"));
    }

    [GeneratedRegex(@"<!--.*?-->|<(/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)", RegexOptions.Singleline)]
    private static partial Regex HtmlToken();

    [GeneratedRegex(@"\b(id|for)=""([^""]+)""")]
    private static partial Regex IdOrFor();

    [GeneratedRegex(@"\b(placeholder|alt|aria-label|title|content)=""([^""]*)""")]
    private static partial Regex ReadAttribute();

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal) { "meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "wbr" };

    /// <summary>The Chinese or Korean texts of a page that nothing replaces from the language files.</summary>
    internal static List<string> UnreplacedTexts(string file, string html)
    {
        var found = new List<string>();
        var open = new List<(string Name, string Attrs)>();
        foreach (Match m in HtmlToken().Matches(html))
        {
            if (m.Groups[2].Success)
            {
                var name = m.Groups[2].Value.ToLowerInvariant();
                var attrs = m.Groups[3].Value;
                if (m.Groups[1].Value == "/")
                {
                    var at = open.FindLastIndex(e => e.Name == name);
                    if (at >= 0)
                    {
                        open.RemoveRange(at, open.Count - at);
                    }

                    continue;
                }

                foreach (Match a in ReadAttribute().Matches(attrs))
                {
                    if (Cjk().IsMatch(a.Groups[2].Value) && !(a.Groups[1].Value == "placeholder" && attrs.Contains("data-ip=", StringComparison.Ordinal)) && !Allowed(open, attrs))
                    {
                        found.Add($"{file}: {a.Value}");
                    }
                }

                if (!Void.Contains(name) && !attrs.TrimEnd().EndsWith('/'))
                {
                    open.Add((name, attrs));
                }
            }
            else if (m.Groups[4].Success && Cjk().IsMatch(m.Groups[4].Value))
            {
                var inner = open.Count > 0 ? open[^1].Attrs : string.Empty;
                if (!inner.Contains("data-i=", StringComparison.Ordinal) && !open.Any(e => e.Name == "noscript") && !Allowed(open, string.Empty))
                {
                    found.Add($"{file}: {m.Groups[4].Value.Trim()}");
                }
            }
        }

        return found;

        bool Allowed(List<(string Name, string Attrs)> ancestors, string own) =>
            ancestors.Select(e => e.Attrs).Append(own).SelectMany(a => IdOrFor().Matches(a)).Any(id => AllowedHtml.ContainsKey(file + "#" + id.Groups[2].Value));
    }

    [Fact]
    public void Every_chinese_text_of_a_page_is_a_fallback_the_page_replaces_from_the_language_files()
    {
        var found = Files("web", "*.html").Where(f => !AllowedFiles.ContainsKey(f))
            .SelectMany(f => UnreplacedTexts(f, File.ReadAllText(RepoPaths.Combine(f)))).ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_guard_sees_what_it_must_and_passes_what_it_may()
    {
        Assert.Equal("var a = \"x\"; ", Code("var a = \"x\"; // 中文注释"));
        Assert.Equal("var url = \"https://例子\";", Code("var url = \"https://例子\";"));
        Assert.Empty(Code("/// <summary>加签</summary>"));
        Assert.Equal(["p.html: 报告"], UnreplacedTexts("p.html", "<p><b>报告</b></p><p data-i=\"k\">报告</p><noscript><p>报告</p></noscript>"));
        Assert.Equal(["p.html: alt=\"二维码\""], UnreplacedTexts("p.html", "<img alt=\"二维码\" src=\"q.svg\"><input placeholder=\"例\" data-ip=\"k\">"));
        Assert.Empty(UnreplacedTexts("web/s.html", "<div id=\"call110\"><p lang=\"zh-CN\">仍未找到</p></div>"));
        Assert.All(AllowedFiles.Keys, f => Assert.True(File.Exists(RepoPaths.Combine(f)), f + " is listed but gone: drop it from the list"));
    }
}
