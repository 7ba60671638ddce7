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
}
