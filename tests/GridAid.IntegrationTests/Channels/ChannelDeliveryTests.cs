using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using GridAid.Core.Channels;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Channels;

/// <summary>Channels end to end: set by the admin, posted by the delivery function, signed, never twice, failures recorded.</summary>
[Collection(ChanneledGridAid.Name)]
public class ChannelDeliveryTests(ChannelsFixture f)
{
    private static readonly TimeSpan Delivered = TestTimings.Work(steps: 2, deliveries: 2);

    [Fact]
    public async Task A_lost_person_at_the_summit_reaches_a_signed_webhook_and_a_signed_dingtalk_robot_without_the_reporters_details()
    {
        var (status, _) = await f.PutChannelsAsync("ts-daiding-police", new object[]
        {
            new { type = "webhook", url = f.Receiver.Url("/webhook"), secret = ChannelReceiver.Secret },
            new { type = "dingtalk", url = f.Receiver.Url("/dingtalk?access_token=tok"), secret = ChannelReceiver.Secret },
        });
        Assert.Equal(HttpStatusCode.OK, status);

        var code = await f.SubmitLostPersonAsync("ts-nantianmen");

        var webhook = await PostAsync($"{code}:ts-daiding-police:alert:0");
        var ding = await PostAsync($"{code}:ts-daiding-police:alert:1");
        Assert.Equal("webhook", webhook.Path);
        Assert.True(webhook.SignatureValid, webhook.Body);
        Assert.Equal("dingtalk", ding.Path);
        Assert.True(ding.SignatureValid, ding.Query);
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal(code, body.RootElement.GetProperty("trackingCode").GetString());
        Assert.Equal("lost_person", body.RootElement.GetProperty("kind").GetString());
        Assert.Contains("南天门", body.RootElement.GetProperty("place").GetString());
        Assert.EndsWith("/station", body.RootElement.GetProperty("inboxUrl").GetString());
        using var dingBody = JsonDocument.Parse(ding.Body);
        Assert.Equal("markdown", dingBody.RootElement.GetProperty("msgtype").GetString());
        foreach (var post in new[] { webhook, ding })
        {
            var text = Uri.UnescapeDataString(post.Body);
            Assert.DoesNotContain("13900139000", text);
            Assert.DoesNotContain("李明", text);
            Assert.DoesNotContain("蓝色裤子", text);
        }

        // Resolved by the police post: each channel gets a stand-down.
        using (var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/resolve", GridAidFixture.Station("ts-daiding-police")))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        }

        var standDown = await PostAsync($"{code}:ts-daiding-police:resolved:0");
        Assert.True(standDown.SignatureValid);
        Assert.Equal("resolved", JsonDocument.Parse(standDown.Body).RootElement.GetProperty("step").GetString());
    }

    [Fact]
    public async Task A_redelivered_or_doubled_message_posts_once()
    {
        var (status, _) = await f.PutChannelsAsync("ts-yuanbao-hotel", new[] { new { type = "webhook", url = f.Receiver.Url("/webhook"), secret = ChannelReceiver.Secret } });
        Assert.Equal(HttpStatusCode.OK, status);
        var id = ChannelNotice.DeliveryId("DUPE-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), "ts-yuanbao-hotel", NoticeSteps.Alert, 0);
        var notice = new ChannelNotice(id, NoticeSteps.Alert, "taishan", "ts-yuanbao-hotel", id.Split(':')[0], ReportKind.LostPerson, true, "天街", DateTimeOffset.UtcNow,
            "now", "test", "http://127.0.0.1/station");
        var queue = new QueueClient(f.Azurite.ConnectionString, QueueNames.Deliveries, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var text = GridAidJson.Serialize(new DeliveryMessage(notice, 0));

        // The same message twice at once (two workers may take them together), then once more after it was delivered.
        await Task.WhenAll(queue.SendMessageAsync(text), queue.SendMessageAsync(text));
        await PostAsync(id);
        await queue.SendMessageAsync(text);
        await Eventually.Get<bool?>(async () => await queue.PeekMessagesAsync(32) is { Value.Length: 0 } ? true : null, Delivered, "the deliveries queue to drain");
        await Task.Delay(TestTimings.Queues.MaxPollingInterval + TestTimings.Step);

        Assert.Single(f.Receiver.Posts, p => p.DeliveryId == id);
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_ends_in_a_failure_the_admin_and_the_station_see()
    {
        var (status, _) = await f.PutChannelsAsync("ts-tianjie-grid", new[] { new { type = "webhook", url = f.Receiver.Url("/fail"), secret = ChannelReceiver.Secret } });
        Assert.Equal(HttpStatusCode.OK, status);

        var code = await f.SubmitLostPersonAsync("ts-nantianmen");
        var id = $"{code}:ts-tianjie-grid:alert:0";

        var failed = await Eventually.Get<JsonElement?>(async () =>
        {
            var list = await f.GetJsonAsync("/api/admin/deliveries/failed", GridAidFixture.TaishanAdmin);
            return list.EnumerateArray().FirstOrDefault(d => d.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } d ? d : null;
        }, Delivered + TimeSpan.FromSeconds(5), "the failed delivery on the admin's list");
        Assert.Equal("failed", failed!.Value.GetProperty("outcome").GetString());
        Assert.Equal(ChannelsFixture.MaxAttempts, failed.Value.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500", failed.Value.GetProperty("error").GetString());
        Assert.Equal(ChannelsFixture.MaxAttempts, f.Receiver.Posts.Count(p => p.DeliveryId == id));

        var own = await f.GetJsonAsync("/api/stations/ts-tianjie-grid/deliveries/failed", GridAidFixture.Station("ts-tianjie-grid"));
        Assert.Contains(own.EnumerateArray(), d => d.GetProperty("id").GetString() == id);
        var other = await f.GetJsonAsync("/api/stations/ts-daiding-police/deliveries/failed", GridAidFixture.Station("ts-daiding-police"));
        Assert.DoesNotContain(other.EnumerateArray(), d => d.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Secrets_and_robot_keys_never_come_back_from_the_api()
    {
        const string key = "robot-key-9f8e7d";
        var (status, body) = await f.PutChannelsAsync("ts-hongmen-police", new object[]
        {
            new { type = "wecom", url = f.Receiver.Url("/wecom?key=" + key) },
            new { type = "webhook", url = f.Receiver.Url("/webhook"), secret = ChannelReceiver.Secret },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        using var response = await f.SendAsync(HttpMethod.Get, "/api/admin/stations/ts-hongmen-police/channels", GridAidFixture.TaishanAdmin);
        var read = await response.Content.ReadAsStringAsync();

        foreach (var text in new[] { body, read })
        {
            Assert.DoesNotContain(ChannelReceiver.Secret, text);
            Assert.DoesNotContain(key, text);
            Assert.Contains("\"hasSecret\":true", text);
            Assert.Contains("wecom", text);
        }

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Bad_channels_are_refused_field_by_field_and_a_test_message_reports_how_it_went()
    {
        var (status, body) = await f.PutChannelsAsync("ts-taohuayu-police", new object[]
        {
            new { type = "sms", url = "https://x.example" },
            new { type = "webhook", url = f.Receiver.Url("/webhook"), secret = "short" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("channels[0].type", body);
        Assert.Contains("channels[1].secret", body);

        Assert.Equal(HttpStatusCode.OK, (await f.PutChannelsAsync("ts-taohuayu-police", new object[]
        {
            new { type = "webhook", url = f.Receiver.Url("/webhook"), secret = ChannelReceiver.Secret },
            new { type = "webhook", url = f.Receiver.Url("/fail"), secret = ChannelReceiver.Secret },
        })).Status);
        var ok = await TestAsync(0);
        var failing = await TestAsync(1);
        using var missing = await f.SendAsync(HttpMethod.Post, "/api/admin/stations/ts-taohuayu-police/channels/7/test", GridAidFixture.TaishanAdmin);

        Assert.True(ok.GetProperty("delivered").GetBoolean());
        Assert.False(failing.GetProperty("delivered").GetBoolean());
        Assert.Equal("HTTP 500", failing.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(f.Receiver.Posts, p => p.Path == "webhook" && p.SignatureValid && p.Body.Contains("\"step\":\"test\"", StringComparison.Ordinal));
    }

    private async Task<JsonElement> TestAsync(int index)
    {
        using var response = await f.SendAsync(HttpMethod.Post, $"/api/admin/stations/ts-taohuayu-police/channels/{index}/test", GridAidFixture.TaishanAdmin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task<ReceivedPost> PostAsync(string id) =>
        Eventually.Get<ReceivedPost>(() => Task.FromResult(f.Receiver.Posts.FirstOrDefault(p => p.DeliveryId == id)), Delivered, "a post of " + id);
}
