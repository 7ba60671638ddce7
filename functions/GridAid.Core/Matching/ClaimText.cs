using System.Globalization;

namespace GridAid.Core.Matching;

/// <summary>
/// Compares what a claimant says about the hidden detail with what the owner wrote, after the same folding on both
/// sides: <see cref="MatchText.Normalise"/> (case, full/half width through NFKC, the common traditional characters made
/// simplified), then every space, punctuation mark and symbol dropped. "Panda 徽章" = "panda徽章" = "ＰＡＮＤＡ，徽章";
/// 熊貓 = 熊猫. The stored detail never leaves: the answer is a yes or a no.
/// </summary>
public static class ClaimText
{
    /// <summary>The longest claim a station may type (the detail itself is at most 200 characters).</summary>
    public const int MaxLength = 200;

    public static string Normalise(string? text)
    {
        var folded = MatchText.Normalise(text);
        var kept = new System.Text.StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.GetUnicodeCategory(c) is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>True when both say the same once folded; an empty claim never matches.</summary>
    public static bool Same(string secret, string? claim)
    {
        var (s, c) = (Normalise(secret), Normalise(claim));
        return c.Length > 0 && string.Equals(s, c, StringComparison.Ordinal);
    }
}
