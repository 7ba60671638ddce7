using GridAid.Core.Matching;

namespace GridAid.Core.Tests.Matching;

public class MatchTextTests
{
    [Theory]
    [InlineData("黑色錢包", "黑色钱包")]
    [InlineData("ＢＬＡＣＫ　Ｂａｇ", "black bag")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void Normalising_folds_width_case_and_common_traditional_characters(string? text, string expected) =>
        Assert.Equal(expected, MatchText.Normalise(text));

    [Fact]
    public void Chinese_and_English_name_the_same_concepts()
    {
        var zh = MatchText.Concepts(MatchText.Normalise("黑色双肩包，挂着小熊挂件")).Concepts;
        var en = MatchText.Concepts(MatchText.Normalise("Black backpack with a little bear keychain")).Concepts;

        Assert.Equal(zh.Order(), en.Order());
        Assert.Contains("item:backpack", zh);
        Assert.Contains("mark:keychain", zh);
    }

    [Fact]
    public void A_longer_phrase_takes_its_text_before_a_shorter_one()
    {
        var (concepts, remainder) = MatchText.Concepts(MatchText.Normalise("钥匙扣 碎花 熊猫"));

        Assert.Contains("mark:keychain", concepts);
        Assert.DoesNotContain("item:keys", concepts);
        Assert.Contains("mark:floral", concepts);
        Assert.DoesNotContain("mark:crack", concepts);
        Assert.Contains("mark:panda", concepts);
        Assert.DoesNotContain("mark:bear", concepts);
        Assert.True(string.IsNullOrWhiteSpace(remainder));
    }

    [Theory]
    [InlineData("my iphone", "brand:apple")]
    [InlineData("my iphone", "item:phone")]
    [InlineData("two bags", "item:bag")]
    public void English_phrases_count_as_words_plurals_included(string text, string concept) =>
        Assert.Contains(concept, MatchText.Concepts(MatchText.Normalise(text)).Concepts);

    [Fact]
    public void An_english_phrase_inside_another_word_does_not_count() =>
        Assert.DoesNotContain("item:bag", MatchText.Concepts(MatchText.Normalise("baggage claim")).Concepts);

    [Fact]
    public void Terms_are_chinese_bigrams_and_english_words_without_the_empty_ones()
    {
        var terms = MatchText.Terms(MatchText.Normalise("捡到一个蓝莓图案 the osprey"));

        Assert.Contains("蓝莓", terms);
        Assert.Contains("图案", terms);
        Assert.Contains("osprey", terms);
        Assert.DoesNotContain("一个", terms);
        Assert.DoesNotContain("捡到", terms);
        Assert.DoesNotContain("the", terms);
    }
}
