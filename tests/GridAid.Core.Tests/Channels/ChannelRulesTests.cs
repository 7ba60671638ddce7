using GridAid.Core.Channels;

namespace GridAid.Core.Tests.Channels;

public class ChannelRulesTests
{
    [Fact]
    public void Accepts_the_three_types_with_their_secrets()
    {
        var (valid, errors) = ChannelRules.Check(
        [
            new("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", null),
            new("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=t", "SEC0123456789abcdef"),
            new("webhook", " https://hooks.example/gridaid ", "webhook-secret-0123"),
        ], allowPrivateTargets: false);

        Assert.True(errors.IsValid);
        Assert.NotNull(valid);
        Assert.Equal([ChannelType.Wecom, ChannelType.Dingtalk, ChannelType.Webhook], valid.Select(c => c.Type));
        Assert.Equal("https://hooks.example/gridaid", valid[2].Url);
    }

    [Fact]
    public void Names_each_bad_field()
    {
        var (valid, errors) = ChannelRules.Check(
        [
            new("sms", "https://x.example", null),
            new("webhook", "http://hooks.example/x", "webhook-secret-0123"),
            new("webhook", "https://hooks.example/x", "short"),
            new("wecom", "https://qyapi.weixin.qq.com/x?key=k", "no-secret-for-wecom"),
            new("dingtalk", "not a url", "SEC0123456789abcdef"),
        ], allowPrivateTargets: false);

        Assert.Null(valid);
        var codes = errors.Codes();
        Assert.Equal(["invalid_choice"], codes["channels[0].type"]);
        Assert.Equal(["url_https"], codes["channels[1].url"]);
        Assert.Equal(["secret_required"], codes["channels[2].secret"]);
        Assert.Equal(["secret_unused"], codes["channels[3].secret"]);
        Assert.Equal(["url_invalid"], codes["channels[4].url"]);
    }

    [Fact]
    public void A_channel_may_name_a_listed_language_and_no_other()
    {
        var (valid, _) = ChannelRules.Check([new("wecom", "https://qyapi.weixin.qq.com/x?key=k", null, "KO"), new("wecom", "https://qyapi.weixin.qq.com/y?key=k", null)], false);
        var (refused, errors) = ChannelRules.Check([new("wecom", "https://qyapi.weixin.qq.com/x?key=k", null, "fr")], false);

        Assert.Equal(["ko", null], valid!.Select(c => c.Lang));
        Assert.Null(refused);
        Assert.Equal(["lang_unknown"], errors.Codes()["channels[0].lang"]);
    }

    [Fact]
    public void At_most_five_channels_and_none_is_fine()
    {
        var six = Enumerable.Range(0, 6).Select(_ => (ChannelInput?)new ChannelInput("wecom", "https://qyapi.weixin.qq.com/x?key=k", null)).ToList();

        Assert.Equal(["too_many"], ChannelRules.Check(six, false).Errors.Codes()["channels"]);
        Assert.Empty(ChannelRules.Check([], false).Valid!);
    }

    [Fact]
    public void A_view_never_shows_the_secret_nor_the_querys_values()
    {
        var view = ChannelView.From(new Channel(ChannelType.Dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=tok123&x=1", "SEC0123456789abcdef"), 1);

        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=…&x=…", view.Url);
        Assert.True(view.HasSecret);
        Assert.Equal(1, view.Index);
    }
}
