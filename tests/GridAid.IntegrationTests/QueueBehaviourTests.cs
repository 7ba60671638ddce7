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
        }, TestTimings.PoisonedAndRecorded, "poison record"); // maxDequeueCount failures, then the sweeper's timer records it
        Assert.Equal(text, record.MessageText);

        // Nothing is left behind in either queue: the sweep deletes what it recorded.
        var intake = (await storage.Queue(QueueNames.Intake).PeekMessagesAsync(32)).Value;
        Assert.DoesNotContain(intake, m => m.MessageText.Contains(marker, StringComparison.Ordinal));
        _ = await Eventually.Get(async () => (await storage.Queue(QueueNames.IntakePoison).PeekMessagesAsync(32)).Value
            .Any(m => m.MessageText.Contains(marker, StringComparison.Ordinal)) ? null : "gone", TestTimings.Work(steps: 2), "the poison queue emptied");
    }

    [Fact]
    public async Task No_poison_queue_has_a_trigger_and_the_sweepers_timer_records_and_removes_what_each_holds()
    {
        // Nothing polls a poison queue: docs/benchmarks.md, *A cheap idle*.
        var triggered = FunctionsMetadata.All().Where(fn => fn.Kind == "queueTrigger").Select(fn => fn.Queue!).ToList();
        Assert.DoesNotContain(triggered, q => q.EndsWith("-poison", StringComparison.Ordinal));
        Assert.Equal(triggered.Order(), PoisonQueueReader.Watched.Order());

        var storage = f.Host.Get<StorageClients>();
        var marker = Guid.NewGuid().ToString("N");
        var check = GridAidJson.Serialize(new ScheduledCheck(CheckKind.Escalate, "taishan", "T-" + marker, "key-" + marker));
        await storage.Queue(QueueNames.UrgentPoison).SendMessageAsync("not a routing message " + marker);
        await storage.Queue(QueueNames.ScheduledChecksPoison).SendMessageAsync(check);
        await storage.Queue(QueueNames.DeliveriesPoison).SendMessageAsync("not a delivery " + marker);

        var poison = f.Host.Get<PoisonStore>();
        _ = await Eventually.Get(async () => (await poison.ListAsync(QueueNames.Urgent, 1000, CancellationToken.None))
            .FirstOrDefault(r => r.MessageText.Contains(marker, StringComparison.Ordinal)), TestTimings.PoisonSwept, "the urgent lane's poison record");
        var recordedCheck = await Eventually.Get(async () => (await poison.ListAsync(QueueNames.ScheduledChecks, 1000, CancellationToken.None))
            .FirstOrDefault(r => r.MessageText.Contains(marker, StringComparison.Ordinal)), TestTimings.PoisonSwept, "the check's poison record");
        Assert.Equal("T-" + marker, recordedCheck.TrackingCode);
        foreach (var queue in new[] { QueueNames.UrgentPoison, QueueNames.ScheduledChecksPoison, QueueNames.DeliveriesPoison })
        {
            _ = await Eventually.Get(async () => (await storage.Queue(queue).PeekMessagesAsync(32)).Value
                .Any(m => m.MessageText.Contains(marker, StringComparison.Ordinal)) ? null : "gone", TestTimings.PoisonSwept, queue + " emptied");
        }
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
        }, TestTimings.PoisonedAndRecorded, "poison record for a routable-later report");
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
