using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class TrackingCodeTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Same_request_gives_same_code_and_another_attempt_another()
    {
        var a = TrackingCode.For(Key, "taishan", "req-123456");

        Assert.Equal(a, TrackingCode.For(Key, "taishan", "req-123456"));
        Assert.NotEqual(a, TrackingCode.For(Key, "taishan", "req-123456", attempt: 1));
        Assert.NotEqual(a, TrackingCode.For(Key, "laoshan", "req-123456"));
    }

    [Fact]
    public void Without_the_key_the_code_cannot_be_computed_from_the_request()
    {
        var otherKey = Key.Select(b => (byte)(b ^ 0x5a)).ToArray();
        var codes = Enumerable.Range(0, 200).Select(i => "req-" + i).ToList();

        // Under another key every request gets another code: what the client sends does not determine its code.
        Assert.All(codes, r => Assert.NotEqual(TrackingCode.For(Key, "taishan", r), TrackingCode.For(otherKey, "taishan", r)));
    }

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => TrackingCode.For(new byte[16], "taishan", "req-1"));

    [Fact]
    public void Codes_use_only_unambiguous_characters_in_two_groups_of_four()
    {
        for (var i = 0; i < 2000; i++)
        {
            var code = TrackingCode.For(Key, "taishan", "req-" + i);
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
        var codes = Enumerable.Range(0, 20_000).Select(i => TrackingCode.For(Key, "taishan", "req-" + i)).ToHashSet();

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
