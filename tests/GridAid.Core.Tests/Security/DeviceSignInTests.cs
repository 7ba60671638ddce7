using GridAid.Core.Security;

namespace GridAid.Core.Tests.Security;

public class DeviceSignInTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string AccessHash = AccessCode.Hash("taishan", "ts-lost-found", "demo-ts-lost-found");

    private static (DeviceSignIn SignIn, string Id, string Secret) Issue(string? label = "desk")
    {
        var (signIn, token) = DeviceSignIn.Issue("taishan", "ts-lost-found", AccessHash, Now, TimeSpan.FromHours(12), label);
        Assert.True(DeviceSignIn.TryParse(token, out var id, out var secret));
        return (signIn, id, secret);
    }

    [Fact]
    public void A_token_admits_its_principal_until_it_expires()
    {
        var (s, id, secret) = Issue();
        Assert.Equal(s.Id, id);
        Assert.Equal(Now.AddHours(12), s.ExpiresAt);
        Assert.True(s.Admits("ts-lost-found", secret, AccessHash, Now.AddHours(11.99)));
        Assert.False(s.Admits("ts-lost-found", secret, AccessHash, Now.AddHours(12)));
    }

    [Fact]
    public void Another_principal_a_wrong_secret_or_a_new_access_code_is_refused()
    {
        var (s, _, secret) = Issue();
        Assert.False(s.Admits("ts-daiding-police", secret, AccessHash, Now));
        Assert.False(s.Admits("ts-lost-found", secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a'), AccessHash, Now));
        Assert.False(s.Admits("ts-lost-found", secret, AccessCode.Hash("taishan", "ts-lost-found", "a-new-code"), Now));
        Assert.False(s.Admits("ts-lost-found", secret, null, Now));
    }

    [Fact]
    public void Only_a_hash_is_kept_and_the_tokens_are_random()
    {
        var (a, idA, secretA) = Issue();
        var (b, idB, secretB) = Issue();
        Assert.NotEqual(idA, idB);
        Assert.NotEqual(secretA, secretB);
        Assert.DoesNotContain(secretA, a.SecretHash, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AccessHash, a.AccessFingerprint, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(a.AccessFingerprint, b.AccessFingerprint);
        Assert.Equal(DeviceSignIn.IdLength, idA.Length);
        Assert.Equal(DeviceSignIn.SecretLength, secretA.Length);
    }

    [Theory]
    [InlineData("demo-ts-lost-found")]
    [InlineData("0123456789abcdefghjkmnpqrs")]
    [InlineData("d-0123456789abcdef-0123456789abcdefghjkmnpqrstvwxy")]
    [InlineData("d-0123456789abcdef_0123456789abcdefghjkmnpqrstvwxyz")]
    [InlineData("d-0123456789ABCDEF-0123456789abcdefghjkmnpqrstvwxyz")]
    public void An_access_code_or_a_malformed_token_is_not_a_device_token(string code) =>
        Assert.False(DeviceSignIn.TryParse(code, out _, out _));

    [Fact]
    public void A_label_is_trimmed_cut_and_cleaned()
    {
        Assert.Null(Issue("   ").SignIn.Label);
        Assert.Equal("ab", Issue(" a\u0007b ").SignIn.Label);
        Assert.Equal(DeviceSignIn.MaxLabelLength, Issue(new string('x', 500)).SignIn.Label!.Length);
    }
}
