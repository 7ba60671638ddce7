using GridAid.Core.Directory;
using GridAid.Core.Serialization;
using GridAid.Core.Text;

namespace GridAid.Core.Tests;

/// <summary>
/// The server's strings come from the pages' language files, every listed language complete; a text is a map from
/// language to text, read and written as that JSON object, older two-language rows included.
/// </summary>
public sealed class TextsTests
{
    [Fact]
    public void The_languages_are_listed_reviewed_ones_first_and_korean_is_marked_machine_assisted()
    {
        Assert.Equal(["zh-CN", "en", "ko"], Texts.Languages.Select(l => l.Code));
        Assert.Equal([null, null, "machine-assisted"], Texts.Languages.Select(l => l.Review));
    }

    [Theory]
    [InlineData("rule.phone_required")]
    [InlineData("problem.validation")]
    [InlineData("limit.pageText")]
    [InlineData("kind.lost_person")]
    [InlineData("stf.signin")]
    public void A_string_has_a_text_in_every_listed_language(string key)
    {
        var text = Texts.Of(key);

        Assert.Equal(["en", "ko", "zh"], text.Texts.Keys.Order(StringComparer.Ordinal));
        Assert.All(text.Texts.Values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
    }

    [Fact]
    public void Placeholders_are_filled_in_every_language()
    {
        var text = Texts.Of("limit.reports", ("s", 42));

        Assert.All(text.Texts.Values, v => Assert.Contains("42", v, StringComparison.Ordinal));
        Assert.All(text.Texts.Values, v => Assert.DoesNotContain("{s}", v, StringComparison.Ordinal));
        Assert.Equal("提交太频繁，请42秒后再试。走失人员报告不受此限制；紧急情况请拨打110。", Texts.Get("zh-CN", "limit.reports", ("s", 42)));
    }

    [Fact]
    public void An_unknown_key_is_an_error_not_a_blank()
    {
        Assert.Throws<KeyNotFoundException>(() => Texts.Of("no.such.key"));
        Assert.Null(Texts.Find("en", "no.such.key"));
    }

    [Theory]
    [InlineData("ko-KR", "한국어")]
    [InlineData("ko", "한국어")]
    [InlineData("en-GB", "English")]
    [InlineData("zh-TW", "中文")]
    [InlineData("fr", "中文")]
    [InlineData(null, "中文")]
    public void A_reader_gets_the_listed_language_closest_to_theirs(string? lang, string name)
    {
        Assert.Equal(name, Texts.Get(Language.Normalize(lang), "lang.name"));
    }

    [Fact]
    public void A_place_without_a_name_in_the_readers_language_falls_back_to_english_then_chinese()
    {
        var both = new LocalizedText("南天门", "South Heaven Gate");
        var chineseOnly = new LocalizedText([new("zh", "南天门")]);

        Assert.Equal("South Heaven Gate", both.For("ko"));
        Assert.Equal("南天门", both.For("zh-CN"));
        Assert.Equal("南天门", both.For(null));
        Assert.Equal("南天门", chineseOnly.For("en"));
        Assert.Equal("남천문", new LocalizedText([new("zh", "南天门"), new("en", "South Heaven Gate"), new("ko-KR", "남천문")]).For("ko"));
    }

    [Fact]
    public void A_text_is_written_as_a_map_and_reads_back_equal_and_a_two_language_row_still_reads()
    {
        var text = new LocalizedText([new("zh", "南天门"), new("en", "South Heaven Gate"), new("ko", "남천문")]);

        var json = GridAidJson.Serialize(text);

        Assert.Equal("{\"zh\":\"南天门\",\"en\":\"South Heaven Gate\",\"ko\":\"남천문\"}", json);
        Assert.Equal(text, GridAidJson.Deserialize<LocalizedText>(json));
        Assert.Equal(new LocalizedText("南天门", "South Heaven Gate"), GridAidJson.Deserialize<LocalizedText>("{\"zh\":\"南天门\",\"en\":\"South Heaven Gate\"}"));
        Assert.NotEqual(text, new LocalizedText("南天门", "South Heaven Gate"));
    }
}
