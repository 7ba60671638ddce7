using System.Globalization;
using System.Text;

namespace GridAid.Core.Matching;

/// <summary>
/// Turns what a tourist typed (Chinese, English or both, full- or half-width, traditional or simplified) into terms two
/// descriptions can share: shared concepts first (黑色 = black, 双肩包 = backpack = rucksack, 苹果 = iPhone), then Chinese
/// character bigrams and English words for whatever the lexicon does not know.
/// </summary>
public static class MatchText
{
    /// <summary>Lower case, NFKC (full-width letters and digits become ASCII), traditional characters that tourists type often made simplified.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            sb.Append(MatchLexicon.Simplified.TryGetValue(c, out var s) ? s : c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The concepts the text names (colour:black, item:backpack, brand:apple, mark:bear …), and the text that is left once
    /// each phrase found is blanked out (longest first), for <see cref="Terms"/>.
    /// </summary>
    public static (IReadOnlySet<string> Concepts, string Remainder) Concepts(string normalised)
    {
        var (found, rest) = Occurrences(normalised);
        return (found.SelectMany(o => o.Concepts).ToHashSet(StringComparer.Ordinal), rest);
    }

    /// <summary>
    /// Each phrase of the lexicon where it stands in the text (position, concepts), in the text's order, and the text left
    /// once each was blanked out (longest first): what <see cref="Concepts"/> reads, with the order kept, so a colour can
    /// be paired with the garment that follows it ("红色外套 蓝裤子", "red coat, blue trousers").
    /// </summary>
    public static (IReadOnlyList<(int At, IReadOnlyList<string> Concepts)> Found, string Remainder) Occurrences(string normalised)
    {
        var found = new List<(int At, IReadOnlyList<string> Concepts)>();
        var rest = new StringBuilder(normalised);
        foreach (var (phrase, concepts) in MatchLexicon.Phrases)
        {
            var text = rest.ToString();
            for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + phrase.Length, StringComparison.Ordinal))
            {
                if (IsAscii(phrase) && !IsWordAt(text, i, phrase.Length))
                {
                    continue;
                }

                found.Add((i, concepts));
                for (var k = i; k < i + phrase.Length; k++)
                {
                    rest[k] = ' ';
                }
            }
        }

        found.Sort((a, b) => a.At.CompareTo(b.At));
        return (found, rest.ToString());
    }

    /// <summary>
    /// Chinese characters and character bigrams (a standard pair for Chinese text without a segmenter: 石敢当 and 石头 still
    /// share 石) and English words of three letters or more, without the ones that say nothing.
    /// </summary>
    public static IReadOnlySet<string> Terms(string normalised)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        char? previousHan = null;
        foreach (var c in normalised)
        {
            if (IsHan(c))
            {
                Flush();
                if (!MatchLexicon.StopCharacters.Contains(c))
                {
                    terms.Add(c.ToString());
                }

                if (previousHan is { } p && !MatchLexicon.StopBigrams.Contains(string.Concat(p, c)))
                {
                    terms.Add(string.Concat(p, c));
                }

                previousHan = c;
                continue;
            }

            previousHan = null;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return terms;

        void Flush()
        {
            if (word.Length >= 3 && !MatchLexicon.StopWords.Contains(word.ToString()))
            {
                terms.Add(Stem(word.ToString()));
            }

            word.Clear();
        }
    }

    private static string Stem(string w) => w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w;

    private static bool IsHan(char c) => UnicodeRanges.IsHan(c);

    private static bool IsAscii(string s) => s.All(char.IsAscii);

    /// <summary>Whether the ASCII phrase at <paramref name="i"/> stands as a word: "bag" in "bags" or "bag's", not in "baggage".</summary>
    private static bool IsWordAt(string text, int i, int length)
    {
        var before = i == 0 || !char.IsAsciiLetter(text[i - 1]);
        var end = i + length;
        var after = end == text.Length || !char.IsAsciiLetter(text[end]) || (text[end] == 's' && (end + 1 == text.Length || !char.IsAsciiLetter(text[end + 1])));
        return before && after;
    }

    private static class UnicodeRanges
    {
        public static bool IsHan(char c) =>
            CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c is >= '\u3400' and <= '\u9fff';
    }
}
