using System.Net;
using GridAid.Core.Channels;

namespace GridAid.Core.Tests.Channels;

public class TargetAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2001:db8::1")]
    public void Refuses_addresses_that_are_not_public(string address) =>
        Assert.False(TargetAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("101.226.0.1")]
    [InlineData("2400:3200::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Allows_public_addresses(string address) =>
        Assert.True(TargetAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://hooks.example/x", "url_https")]
    [InlineData("ftp://hooks.example/x", "url_https")]
    [InlineData("https://127.0.0.1/x", "url_private")]
    [InlineData("https://localhost/x", "url_private")]
    [InlineData("https://[::1]/x", "url_private")]
    [InlineData("https://169.254.169.254/metadata", "url_private")]
    [InlineData("https://[::ffff:a9fe:a9fe]/x", "url_private")]
    [InlineData("https://user:pw@hooks.example/x", "url_invalid")]
    public void Refuses_urls_in_production(string url, string code) =>
        Assert.Equal(code, TargetAddress.CheckUrl(new Uri(url), allowPrivateTargets: false)?.Code);

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")]
    [InlineData("https://8.8.8.8/x")]
    public void Allows_public_https_urls(string url) =>
        Assert.Null(TargetAddress.CheckUrl(new Uri(url), allowPrivateTargets: false));

    [Theory]
    [InlineData("http://127.0.0.1:7071/_outbox/webhook")]
    [InlineData("http://localhost:5000/x")]
    public void Local_runs_allow_http_and_loopback(string url) =>
        Assert.Null(TargetAddress.CheckUrl(new Uri(url), allowPrivateTargets: true));

    [Fact]
    public void A_host_is_public_only_when_every_address_it_resolves_to_is()
    {
        Assert.True(TargetAddress.AllPublic([IPAddress.Parse("8.8.8.8"), IPAddress.Parse("2400:3200::1")]));
        Assert.False(TargetAddress.AllPublic([IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.1")]));
        Assert.False(TargetAddress.AllPublic([]));
    }
}
