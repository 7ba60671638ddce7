using GridAid.Core.Security;

namespace GridAid.Core.Tests;

public class AccessCodeTests
{
    [Fact]
    public void A_code_matches_only_its_own_area_and_principal()
    {
        var hash = AccessCode.Hash("taishan", "ts-daiding-police", "s3cret");

        Assert.True(AccessCode.Matches(hash, "taishan", "ts-daiding-police", "s3cret"));
        Assert.False(AccessCode.Matches(hash, "taishan", "ts-daiding-police", "guess"));
        Assert.False(AccessCode.Matches(hash, "taishan", "ts-hongmen-police", "s3cret"));
        Assert.False(AccessCode.Matches(hash, "laoshan", "ts-daiding-police", "s3cret"));
    }

    [Theory]
    [InlineData("taishan.ts-daiding-police.code.with.dots", true)]
    [InlineData("taishan.admin", false)]
    [InlineData("", false)]
    [InlineData("..", false)]
    public void Credentials_have_three_parts(string credential, bool ok) =>
        Assert.Equal(ok, AccessCode.TryParse(credential, out _, out _, out _));

    [Fact]
    public void A_new_code_carries_at_least_128_random_bits_and_is_never_repeated()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => AccessCode.NewCode()).ToList();

        Assert.True(AccessCode.CodeLength * Math.Log2(AccessCode.CodeAlphabet.Distinct().Count()) >= 128);
        Assert.All(codes, c => Assert.Equal(AccessCode.CodeLength, c.Length));
        Assert.All(codes, c => Assert.All(c, ch => Assert.Contains(ch, AccessCode.CodeAlphabet)));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());

        // Every character of the alphabet turns up: the code is not drawn from a smaller set.
        Assert.Equal(AccessCode.CodeAlphabet.Length, codes.SelectMany(c => c).Distinct().Count());
        Assert.True(AccessCode.TryParse("taishan.admin." + codes[0], out _, out _, out var parsed));
        Assert.Equal(codes[0], parsed);
    }
}
