using System.Text;
using System.Text.Json;
using GridAid.Core.Alerts;
using GridAid.Core.Channels;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests.Channels;

public class ChannelMessageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("cst", TimeSpan.FromHours(8), "cst", "cst");

    private static Alert LostChild(string description = "6 岁男孩，红外套，妈妈电话 139 1234 5678，王丽在南天门等") => new()
    {
        AreaId = "taishan",
        StationId = "ts-daiding-police",
        TrackingCode = "K7QM-3XRT",
        Kind = ReportKind.LostPerson,
        Urgent = true,
        PointCode = "ts-nantianmen",
        PointName = "南天门 · South Heaven Gate",
        Description = description,
        Details = new Dictionary<string, string> { ["age"] = "6", ["clothing"] = "红外套", ["idNumber"] = "370902201910010011" },
        Contact = new Contact("王丽", "13800138000"),
        SubmittedAt = T0,
        RoutedAt = T0,
    };

    private static ChannelNotice Notice(Alert? a = null, string step = NoticeSteps.Alert) =>
        ChannelNotice.For(a ?? LostChild(), step, 0, T0, China, "https://gridaid.example/station.html?s=ts-daiding-police");

    [Fact]
    public void A_message_carries_kind_place_time_code_and_inbox_link_but_never_the_reporters_name_phone_or_details()
    {
        var notice = Notice();
        foreach (var type in Enum.GetValues<ChannelType>())
        {
            var request = ChannelMessages.Build(new Channel(type, "https://robot.example/send?key=k", "a-secret-of-16-chars"), notice, T0);
            var text = Uri.UnescapeDataString(request.Body);

            Assert.Contains("K7QM-3XRT", text);
            Assert.Contains("南天门", text);
            Assert.Contains("2026-10-02 15:00", text);
            Assert.Contains("https://gridaid.example/station.html?s=ts-daiding-police", text);
            Assert.Contains("Lost person", text);
            Assert.DoesNotContain("13800138000", text);
            Assert.DoesNotContain("139 1234 5678", text);
            Assert.DoesNotContain("王丽", text);
            Assert.DoesNotContain("370902201910010011", text);
            Assert.DoesNotContain("idNumber", text);
        }

        Assert.Equal("K7QM-3XRT:ts-daiding-police:alert:0", notice.Id);
    }

    [Fact]
    public void The_vendors_bodies_have_their_documented_shape()
    {
        var notice = Notice(step: NoticeSteps.Resolved);
        using var wecom = JsonDocument.Parse(ChannelMessages.Build(new Channel(ChannelType.Wecom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"), notice, T0).Body);
        using var ding = JsonDocument.Parse(ChannelMessages.Build(new Channel(ChannelType.Dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=t", "SECabcdefabcdefabcdef"), notice, T0).Body);

        Assert.Equal("markdown", wecom.RootElement.GetProperty("msgtype").GetString());
        Assert.Contains("停止寻找", wecom.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        Assert.Equal("markdown", ding.RootElement.GetProperty("msgtype").GetString());
        Assert.Contains("stand down", ding.RootElement.GetProperty("markdown").GetProperty("title").GetString());
        Assert.StartsWith("## ", ding.RootElement.GetProperty("markdown").GetProperty("text").GetString());
    }

    [Fact]
    public void A_korean_channel_reads_korean_first_then_the_areas_chinese()
    {
        var notice = Notice();
        var content = JsonDocument.Parse(ChannelMessages.Build(new Channel(ChannelType.Wecom, "https://qyapi.weixin.qq.com/x?key=k", null, "ko"), notice, T0).Body)
            .RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        var chinese = JsonDocument.Parse(ChannelMessages.Build(new Channel(ChannelType.Wecom, "https://qyapi.weixin.qq.com/x?key=k"), notice, T0).Body)
            .RootElement.GetProperty("markdown").GetProperty("content").GetString()!;

        // The robots' markdown turns brackets full-width (Safe), so no reporter text can make a link.
        Assert.StartsWith("## ［긴급］ 실종자 · 【紧急】走失的人", content, StringComparison.Ordinal);
        Assert.Contains("**장소 · 地点**", content, StringComparison.Ordinal);
        Assert.Contains("[받은 편지함 열기 · 打开收件箱](https://gridaid.example/station.html?s=ts-daiding-police)", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Place", content, StringComparison.Ordinal);
        Assert.StartsWith("## 【紧急】走失的人 · Urgent: Lost person", chinese, StringComparison.Ordinal);
        Assert.Contains("**地点 · Place**", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Reporter_text_cannot_mention_link_or_format_in_a_robots_markdown()
    {
        var markdown = ChannelMessages.Markdown(Notice(LostChild("<@all> [click](http://evil.example) **bold** # big")));

        Assert.DoesNotContain("<@all>", markdown);
        Assert.DoesNotContain("](http://evil.example)", markdown);
        Assert.DoesNotContain("**bold**", markdown);
    }

    [Fact]
    public void Markdown_stays_within_4096_utf8_bytes_and_never_splits_a_character()
    {
        var notice = Notice() with { Summary = new string('走', 3000), Place = new string('山', 500) };

        var markdown = ChannelMessages.Markdown(notice);

        Assert.True(Encoding.UTF8.GetByteCount(markdown) <= ChannelMessages.MaxMarkdownBytes);
        Assert.True(Encoding.UTF8.GetByteCount(markdown) > ChannelMessages.MaxMarkdownBytes - 4);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(markdown)));
        Assert.Equal("走走", ChannelMessages.TruncateUtf8("走走走", 8));
        Assert.Equal("a😀", ChannelMessages.TruncateUtf8("a😀b", 5));
        Assert.Equal("a", ChannelMessages.TruncateUtf8("a😀b", 4));
    }

    [Fact]
    public void A_short_message_keeps_its_summary_whole()
    {
        var markdown = ChannelMessages.Markdown(Notice(LostChild("6 岁男孩，红外套")));

        Assert.Contains("> 6 岁男孩，红外套\n", markdown);
    }

    [Fact]
    public void The_summary_is_cut_to_its_limit()
    {
        var summary = ChannelNotice.Scrub(new string('x', 500), new Contact(null, null));

        Assert.Equal(ChannelNotice.MaxSummaryLength + 1, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Fact]
    public void DingTalk_sign_matches_an_independently_computed_vector()
    {
        // Computed with Python's hmac and base64 modules: base64(hmac(secret, "1764590400000\n" + secret, sha256)), then quote_plus.
        const string secret = "SECtest-secret-0123456789";

        Assert.Equal("B+tztGDKlKh79e36ATbnYSiYjd/iPrFn+uasSOjtvsI=", ChannelMessages.DingTalkSign(secret, 1764590400000));
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1764590400000&sign=B%2BtztGDKlKh79e36ATbnYSiYjd%2FiPrFn%2BuasSOjtvsI%3D",
            ChannelMessages.DingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=t", secret, 1764590400000).AbsoluteUri);
    }

    [Fact]
    public void Webhook_signature_matches_an_independently_computed_vector_and_verifies()
    {
        // Computed with Python: hmac.new(secret, b"1764590400." + body, hashlib.sha256).hexdigest().
        const string body = "{\"id\":\"K7QM-3XRT:ts-daiding-police:alert:0\"}";
        const string secret = "webhook-secret-0123456789";
        var now = DateTimeOffset.FromUnixTimeSeconds(1764590400);

        var signature = ChannelMessages.WebhookSignature(secret, "1764590400", body);

        Assert.Equal("sha256=1cdc8c0864e866f9148e008d63c67c22e039458fd24d66b09ce794cdba53daca", signature);
        Assert.True(ChannelMessages.VerifyWebhook(secret, "1764590400", body, signature, now.AddMinutes(4)));
        Assert.False(ChannelMessages.VerifyWebhook(secret, "1764590400", body, signature, now.AddMinutes(6)));
        Assert.False(ChannelMessages.VerifyWebhook(secret, "1764590400", body + " ", signature, now));
        Assert.False(ChannelMessages.VerifyWebhook("another-secret-0123", "1764590400", body, signature, now));
        Assert.False(ChannelMessages.VerifyWebhook(secret, null, body, signature, now));
        Assert.False(ChannelMessages.VerifyWebhook(secret, "-5", body, signature, now));
    }

    [Fact]
    public void A_built_webhook_request_verifies_with_its_own_headers()
    {
        var request = ChannelMessages.Build(new Channel(ChannelType.Webhook, "https://hooks.example/gridaid", "webhook-secret-0123456789"), Notice(), T0);

        Assert.True(ChannelMessages.VerifyWebhook("webhook-secret-0123456789", request.Headers[ChannelMessages.TimestampHeader], request.Body,
            request.Headers[ChannelMessages.SignatureHeader], T0.AddSeconds(1)));
        Assert.Equal("K7QM-3XRT:ts-daiding-police:alert:0", request.Headers[ChannelMessages.IdHeader]);
    }
}
