using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class TrackingCodeTests
{
    [Fact]
    public void Same_request_gives_same_code_and_another_attempt_another()
    {
        var a = TrackingCode.For("taishan", "req-123456");

        Assert.Equal(a, TrackingCode.For("taishan", "req-123456"));
        Assert.NotEqual(a, TrackingCode.For("taishan", "req-123456", attempt: 1));
        Assert.NotEqual(a, TrackingCode.For("laoshan", "req-123456"));
    }

    [Fact]
    public void Codes_use_only_unambiguous_characters_in_two_groups_of_four()
    {
        for (var i = 0; i < 2000; i++)
        {
            var code = TrackingCode.For("taishan", "req-" + i);
            Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$", code);
            Assert.DoesNotContain('0', code);
            Assert.DoesNotContain('O', code);
            Assert.DoesNotContain('1', code);
            Assert.DoesNotContain('I', code);
        }
    }

    [Fact]
    public void Codes_spread_widely_so_scanning_finds_nothing()
    {
        var codes = Enumerable.Range(0, 20_000).Select(i => TrackingCode.For("taishan", "req-" + i)).ToHashSet();

        Assert.Equal(20_000, codes.Count);
        Assert.True(Math.Pow(TrackingCode.Alphabet.Length, TrackingCode.Length) > 5e11);
    }

    [Theory]
    [InlineData("k7qm3xrt", "K7QM-3XRT")]
    [InlineData(" K7QM 3XRT ", "K7QM-3XRT")]
    [InlineData("K7QM-3XRT", "K7QM-3XRT")]
    [InlineData("K7QM-3XR", null)]
    [InlineData("K0QM-3XRT", null)]
    [InlineData("", null)]
    public void Typed_codes_are_normalized(string typed, string? expected) =>
        Assert.Equal(expected, TrackingCode.Normalize(typed));
}
