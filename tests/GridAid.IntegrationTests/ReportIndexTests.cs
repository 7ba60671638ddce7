using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests;

/// <summary>
/// Routing marks a report routed and moves it from the "still received" index to the "open" one in one transaction
/// (what the sweeper and the unattended-closing sweep read), on Azurite through the store itself.
/// </summary>
[Collection(SharedGridAid.Name)]
public class ReportIndexTests(GridAidFixture f)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)] // a report accepted before the "still received" index existed
    public async Task Routing_moves_the_report_to_the_open_index_and_a_repeat_writes_nothing(bool hasReceivedEntry)
    {
        var store = f.Host.Get<ReportStore>();
        var now = DateTimeOffset.UtcNow;
        var valid = new ValidReport(ReportKind.Help, "ts-nantianmen", null, "需要帮助 · need help", new Contact(null, "13800138000"), "zh-CN",
            GridAidFixture.NewRequestId(), new Dictionary<string, string>());
        var report = Report.Receive(valid, "taishan", TrackingCode.Random(), now);
        var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
        var version = await store.AddAsync(report, CancellationToken.None);
        Assert.NotNull(version);
        if (!hasReceivedEntry)
        {
            await store.ForgetReceivedAsync("taishan", key, CancellationToken.None);
        }

        var known = new StoredReport(report, key, version);
        var routed = await store.RouteAsync("taishan", key, r => ReportLifecycle.Routed(r, ["ts-daiding-police"], now), CancellationToken.None, known);

        Assert.True(routed!.Changed);
        Assert.Equal(ReportStatus.Routed, (await store.GetAsync("taishan", key, CancellationToken.None))!.Report.Status);
        Assert.False(await ListedAsync(store.ListReceivedAsync("taishan", CancellationToken.None), e => e.TrackingCode, report.TrackingCode));
        Assert.True(await ListedAsync(store.ListOpenUntilAsync("taishan", now, CancellationToken.None), e => e.TrackingCode, report.TrackingCode));
        Assert.False(await ListedAsync(store.ListOpenUntilAsync("taishan", now.AddSeconds(-1), CancellationToken.None), e => e.TrackingCode, report.TrackingCode));

        // The same delivery again, with the intake's now stale version: nothing left to change.
        var repeat = await store.RouteAsync("taishan", key, r => ReportLifecycle.Routed(r, ["ts-daiding-police"], now), CancellationToken.None, known);
        Assert.False(repeat!.Changed);
    }

    private static async Task<bool> ListedAsync<T>(IAsyncEnumerable<T> entries, Func<T, string> code, string wanted)
    {
        await foreach (var entry in entries)
        {
            if (code(entry) == wanted)
            {
                return true;
            }
        }

        return false;
    }
}
