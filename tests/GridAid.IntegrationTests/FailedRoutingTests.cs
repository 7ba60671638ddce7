using System.Net;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>
/// A report whose routing failed every delivery reaches a human (the duty station, flagged), shows in the admin's list of
/// failed messages and in health, and one re-drive routes it. The message is put on the poison queue directly, as the
/// Functions host does after maxDequeueCount failures (the failing deliveries themselves are QueueBehaviourTests').
/// </summary>
[Collection(SharedGridAid.Name)]
public class FailedRoutingTests(GridAidFixture f)
{
    [Fact]
    public async Task A_poisoned_report_reaches_the_duty_station_and_an_admin_re_drives_it_to_its_stations()
    {
        var valid = new ValidReport(ReportKind.LostItem, "ts-zhongtianmen", null, "路由失败的背包 · bag whose routing failed", new Contact(null, "13800138000"), "zh-CN",
            GridAidFixture.NewRequestId(), new Dictionary<string, string> { ["category"] = "bag" });
        var report = Report.Receive(valid, "taishan", TrackingCode.Random(), DateTimeOffset.UtcNow);
        var store = f.Host.Get<ReportStore>();
        var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
        Assert.True((await store.ClaimCodeAsync(report.TrackingCode, "taishan", key, valid.ClientRequestId, ReportFingerprint.Of(valid), CancellationToken.None)).Claimed);
        var version = await store.AddAsync(report, CancellationToken.None);
        await store.NoteRoutingErrorAsync("taishan", key, "InvalidOperationException: the directory could not be read", CancellationToken.None);

        await f.Host.Get<StorageClients>().Queue(QueueNames.IntakePoison)
            .SendMessageAsync(GridAidJson.Serialize(new RoutingMessage(report, version)));

        // The duty station has it, flagged.
        var duty = await f.WaitForAlertAsync("ts-daiding-police", report.TrackingCode, within: TestTimings.Alert + TestTimings.Alert);
        Assert.Equal("routing_failed", duty.Single(a => a.GetProperty("trackingCode").GetString() == report.TrackingCode).GetProperty("reason").GetString());

        // The admin sees it, with why; health counts it.
        var failed = await f.GetJsonAsync("/api/admin/failed", GridAidFixture.TaishanAdmin);
        var item = Assert.Single(failed.GetProperty("items").EnumerateArray(), i => i.GetProperty("trackingCode").GetString() == report.TrackingCode);
        Assert.Equal(QueueNames.Intake, item.GetProperty("queue").GetString());
        Assert.Contains("directory could not be read", item.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True((await f.GetJsonAsync("/api/health")).GetProperty("failedMessages").GetInt32() >= 1);

        // Another area's admin sees none of it, and cannot re-drive it.
        var laoshan = GridAidFixture.Bearer(LaoshanTestArea.AreaId, "admin", "ls-admin-code");
        Assert.DoesNotContain((await f.GetJsonAsync("/api/admin/failed", laoshan)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("trackingCode").GetString() == report.TrackingCode);
        var redriveUrl = $"/api/admin/failed/{item.GetProperty("queue").GetString()}/{item.GetProperty("id").GetString()}/redrive";
        using (var refused = await f.SendAsync(HttpMethod.Post, redriveUrl, laoshan))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // One button: routed to its own stations, and the record is gone.
        using (var redrive = await f.SendAsync(HttpMethod.Post, redriveUrl, GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        }

        await f.WaitForAlertAsync("ts-zhongtianmen-police", report.TrackingCode);
        await f.WaitForAlertAsync("ts-lost-found", report.TrackingCode);
        Assert.DoesNotContain((await f.GetJsonAsync("/api/admin/failed", GridAidFixture.TaishanAdmin)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("trackingCode").GetString() == report.TrackingCode);
        var status = await f.GetJsonAsync($"/api/reports/{report.TrackingCode}");
        Assert.Contains(status.GetProperty("timeline").EnumerateArray(), t => t.TryGetProperty("note", out var n) && n.GetString() == "routing_failed");
    }
}
