using GridAid.Core.Reports;
using GridAid.Functions.Routing;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridAid.IntegrationTests;

/// <summary>A report written but never queued (the process died in between) is found through its index and routed.</summary>
[Collection(SharedGridAid.Name)]
public class SweeperTests(GridAidFixture f)
{
    private StrandedReportSweeper Sweeper(TimeSpan strandedAfter) => new(
        f.Host.Get<DirectoryStore>(),
        f.Host.Get<ReportStore>(),
        f.Host.Get<IntakeQueueSender>(),
        Options.Create(new SweeperOptions { StrandedAfter = strandedAfter }),
        TimeProvider.System,
        NullLogger<StrandedReportSweeper>.Instance);

    private async Task<Report> StrandAsync()
    {
        // What intake does before its crash: the report row (and its index entry), but no routing message.
        var valid = new ValidReport(ReportKind.LostItem, "ts-nantianmen", null, "搁浅的背包 · stranded bag", new Contact(null, "13800138000"), "zh-CN",
            GridAidFixture.NewRequestId(), new Dictionary<string, string> { ["category"] = "bag" });
        var report = Report.Receive(valid, "taishan", TrackingCode.Random(), DateTimeOffset.UtcNow);
        var store = f.Host.Get<ReportStore>();
        var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
        Assert.True((await store.ClaimCodeAsync(report.TrackingCode, "taishan", key, valid.ClientRequestId, ReportFingerprint.Of(valid), CancellationToken.None)).Claimed);
        Assert.NotNull(await store.AddAsync(report, CancellationToken.None));
        return report;
    }

    private async Task<bool> IndexedAsync(Report report)
    {
        await foreach (var entry in f.Host.Get<ReportStore>().ListReceivedAsync("taishan", CancellationToken.None))
        {
            if (entry.TrackingCode == report.TrackingCode)
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task A_report_that_was_never_queued_is_re_driven_and_routed_and_leaves_the_index()
    {
        var report = await StrandAsync();
        Assert.True(await IndexedAsync(report));

        // Not yet stranded for a sweeper that waits a minute.
        Assert.Equal(0, await Sweeper(TimeSpan.FromMinutes(1)).SweepAsync(CancellationToken.None));

        Assert.True(await Sweeper(TimeSpan.Zero).SweepAsync(CancellationToken.None) >= 1);
        await f.WaitForAlertAsync("ts-lost-found", report.TrackingCode);
        Assert.NotEqual("received", (await f.GetJsonAsync($"/api/reports/{report.TrackingCode}")).GetProperty("status").GetString());
        Assert.False(await Eventually.Get<bool?>(async () => await IndexedAsync(report) ? null : false, TestTimings.Alert, "index entry removed"));
    }

    [Fact]
    public async Task A_re_driven_report_is_not_sent_again_until_it_is_stranded_again()
    {
        var report = await StrandAsync();
        var sweeper = Sweeper(TimeSpan.FromMinutes(1));
        var entry = await FindEntryAsync(report);

        // Marked as re-driven now: a sweep within the next minute leaves it alone, whatever its age.
        Assert.True(await f.Host.Get<ReportStore>().MarkRedrivenAsync(entry, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.True(await IndexedAsync(report));

        // Clean up: route it.
        Assert.True(await Sweeper(TimeSpan.Zero).SweepAsync(CancellationToken.None) >= 1);
        await f.WaitForAlertAsync("ts-lost-found", report.TrackingCode);
    }

    [Fact]
    public async Task Report_listings_never_show_index_entries()
    {
        var report = await StrandAsync();
        var page = await f.GetJsonAsync("/api/admin/reports?pageSize=500&status=received", GridAidFixture.TaishanAdmin);

        Assert.All(page.GetProperty("items").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("trackingCode").GetString())));
        Assert.Single(page.GetProperty("items").EnumerateArray(), r => r.GetProperty("trackingCode").GetString() == report.TrackingCode);
        await Sweeper(TimeSpan.Zero).SweepAsync(CancellationToken.None);
        await f.WaitForAlertAsync("ts-lost-found", report.TrackingCode);
    }

    private async Task<ReceivedIndexEntity> FindEntryAsync(Report report)
    {
        await foreach (var entry in f.Host.Get<ReportStore>().ListReceivedAsync("taishan", CancellationToken.None))
        {
            if (entry.TrackingCode == report.TrackingCode)
            {
                return entry;
            }
        }

        throw new InvalidOperationException("No index entry for " + report.TrackingCode);
    }

    [Theory]
    [InlineData(null, false)] // the lane is empty: its message is gone, so it is stranded
    [InlineData(-5, true)]    // a message queued before it still waits: it waits its turn behind it
    [InlineData(0, true)]
    [InlineData(5, false)]    // only newer messages wait: its own is not there
    public void A_report_waits_its_turn_while_its_lane_holds_an_older_message(int? oldestOffsetSeconds, bool waiting)
    {
        var sent = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(waiting, StrandedReportSweeper.Waiting(sent, oldestOffsetSeconds is { } s ? sent.AddSeconds(s) : null));
    }

    [Fact]
    public async Task A_stranded_report_behind_a_backlog_is_sent_again_only_once_the_backlog_has_gone()
    {
        // Storage of its own with no host listening, so that a message stays in the lane until the test takes it.
        await using var azurite = await AzuriteInstance.StartAsync();
        var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));
        await storage.EnsureCreatedAsync();
        var directory = new DirectoryStore(storage);
        await directory.SeedAsync(GridAid.Core.Demo.TaishanDemo.Seed, CancellationToken.None);
        var store = new ReportStore(storage);
        var lane = new IntakeQueueSender(storage);
        var sweeper = new StrandedReportSweeper(directory, store, lane, Options.Create(new SweeperOptions { StrandedAfter = TimeSpan.Zero }), TimeProvider.System, NullLogger<StrandedReportSweeper>.Instance);

        // A message already waiting in the lane (queued before the report), then the report, stranded.
        var earlier = Report.Receive(Valid(), "taishan", TrackingCode.Random(), DateTimeOffset.UtcNow);
        await lane.SendAsync(new RoutingMessage(earlier, null), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // InsertedOn has whole seconds
        var stranded = Report.Receive(Valid(), "taishan", TrackingCode.Random(), DateTimeOffset.UtcNow);
        Assert.NotNull(await store.AddAsync(stranded, CancellationToken.None));
        Assert.NotNull(await lane.OldestWaitingAsync(ReportKind.LostItem, CancellationToken.None));

        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));

        // The router took the earlier message: now nothing older waits, and the report is sent again.
        var intake = storage.Queue(QueueNames.Intake);
        var taken = (await intake.ReceiveMessagesAsync(maxMessages: 32)).Value;
        foreach (var m in taken)
        {
            await intake.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        }

        Assert.Null(await lane.OldestWaitingAsync(ReportKind.LostItem, CancellationToken.None));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        var resent = (await intake.ReceiveMessagesAsync(maxMessages: 32)).Value;
        Assert.Contains(resent, m => GridAid.Core.Serialization.GridAidJson.Deserialize<RoutingMessage>(m.Body.ToString())?.Report.TrackingCode == stranded.TrackingCode);
    }

    private static ValidReport Valid() =>
        new(ReportKind.LostItem, "ts-nantianmen", null, "排队的背包 · a bag in the queue", new Contact(null, "13800138000"), "zh-CN",
            GridAidFixture.NewRequestId(), new Dictionary<string, string> { ["category"] = "bag" });
}
