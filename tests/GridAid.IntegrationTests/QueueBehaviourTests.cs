using Azure.Data.Tables;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Functions.Routing;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

[Collection(SharedGridAid.Name)]
public class QueueBehaviourTests(GridAidFixture f)
{
    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_poison_queue_and_is_recorded()
    {
        var storage = f.Host.Get<StorageClients>();
        var marker = Guid.NewGuid().ToString("N");
        var text = "{\"report\": \"not a report " + marker + "\"}";

        await storage.Queue(QueueNames.Intake).SendMessageAsync(text);

        var record = await Eventually.Get(async () =>
        {
            var rows = await f.Host.Get<PoisonStore>().ListAsync(QueueNames.Intake, 1000, CancellationToken.None);
            return rows.FirstOrDefault(r => r.MessageText.Contains(marker, StringComparison.Ordinal));
        }, TestTimings.Poisoned(thenDeliveries: 1), "poison record"); // maxDequeueCount failures, then the poison queue's recorder
        Assert.Equal(text, record.MessageText);

        // Nothing is left behind in either queue.
        var intake = (await storage.Queue(QueueNames.Intake).PeekMessagesAsync(32)).Value;
        Assert.DoesNotContain(intake, m => m.MessageText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_routing_message_for_an_unknown_area_is_poisoned_by_reference_and_the_report_stays_received()
    {
        // Routing fails on every delivery (the area does not exist); the report row is kept, never dropped.
        var storage = f.Host.Get<StorageClients>();
        var report = new Report
        {
            AreaId = "late-area-" + Guid.NewGuid().ToString("N")[..8],
            TrackingCode = TrackingCode.Random(),
            Kind = ReportKind.Tip,
            Description = "retry me",
            SubmittedAt = DateTimeOffset.UtcNow,
        };
        var reports = f.Host.Get<ReportStore>();
        var etag = await reports.AddAsync(report, CancellationToken.None);
        await storage.Queue(QueueNames.Intake).SendMessageAsync(GridAidJson.Serialize(new RoutingMessage(report, etag?.ToString())));

        var poison = await Eventually.Get(async () =>
        {
            var rows = await f.Host.Get<PoisonStore>().ListAsync(QueueNames.Intake, 1000, CancellationToken.None);
            return rows.FirstOrDefault(r => r.TrackingCode == report.TrackingCode);
        }, TestTimings.Poisoned(thenDeliveries: 1), "poison record for a routable-later report");
        Assert.Equal(report.AreaId, poison.AreaId);
        var stored = await reports.GetAsync(report.AreaId, ReportKeys.For(report.SubmittedAt, report.TrackingCode), CancellationToken.None);
        Assert.Equal(ReportStatus.Received, stored!.Report.Status);
    }

    [Fact]
    public async Task Redelivering_a_routing_message_creates_no_second_alert_and_keeps_the_acknowledgement()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-riguan-peak"));
        await f.WaitForAlertAsync("ts-daiding-police", code);
        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/ack", GridAidFixture.Station("ts-daiding-police"));
        ack.EnsureSuccessStatusCode();

        // The original message as the intake sent it (stale ETag and all), delivered twice more.
        var stored = await f.Host.Get<ReportStore>().FindByCodeAsync(code, CancellationToken.None);
        var original = stored!.Report with
        {
            Status = ReportStatus.Received,
            StationIds = [],
            Timeline = [stored.Report.Timeline[0]],
        };
        var message = GridAidJson.Serialize(new RoutingMessage(original, "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""));
        await f.Host.Get<ReportRouting>().HandleAsync(message, CancellationToken.None);
        var intake = f.Host.Get<StorageClients>().Queue(QueueNames.Intake);
        await intake.SendMessageAsync(message);
        await Eventually.Get<string>(async () =>
            (await intake.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "consumed" : null,
            TestTimings.Work(steps: 1, deliveries: 1), "the redelivered message to be consumed");

        var table = f.Host.Get<StorageClients>().Table(TableNames.Alerts);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"taishan"} and TrackingCode eq {code}")).ToListAsync();
        Assert.Equal(["ts-daiding-police", "ts-lost-found"], rows.Select(r => r.GetString("StationId")).Order());
        Assert.Equal("acknowledged", rows.Single(r => r.GetString("StationId") == "ts-daiding-police").GetString("Status"));

        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Equal("acknowledged", status.GetProperty("status").GetString());
        Assert.Single(status.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("status").GetString() == "routed");
    }
}

internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
