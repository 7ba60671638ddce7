using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests;

/// <summary>
/// The intake's write path on Azurite: the code's claim row and the report in one transaction of the area's partition,
/// the code's look-up row beside it (docs/benchmarks.md, "Intake at half the ceiling"). A repeat finishes what a first
/// attempt began and creates nothing twice; a code stays unique across areas; a status look-up works at once.
/// </summary>
[Collection(SharedGridAid.Name)]
public class IntakeClaimTests(GridAidFixture f)
{
    private const string Area = "taishan";

    private ReportStore Store => f.Host.Get<ReportStore>();

    private TableClient Table(string name) => f.Host.Get<StorageClients>().Table(name);

    /// <summary>The report the intake makes of <paramref name="body"/>, and the code it gives it on the first attempt.</summary>
    private async Task<(ValidReport Valid, string Code)> AsIntakeSeesAsync(object body)
    {
        var submission = JsonSerializer.Deserialize<ReportSubmission>(JsonSerializer.Serialize(body, GridAidJson.Options), GridAidJson.Options);
        var valid = ReportValidator.Validate(submission).Report!;
        var key = await f.Host.Get<SecretStore>().GetOrCreateAsync("tracking-code-key", TrackingCode.MinKeyBytes, CancellationToken.None);
        return (valid, TrackingCode.For(key, Area, valid.ClientRequestId!));
    }

    private async Task<List<Report>> ReportsWithCodeAsync(string areaId, string code, DateTimeOffset around)
    {
        var found = new List<Report>();
        await foreach (var report in Store.ListBetweenAsync(areaId, around.AddMinutes(-5), around.AddMinutes(5), CancellationToken.None))
        {
            Assert.False(string.IsNullOrEmpty(report.TrackingCode), "a row that is not a report was listed");
            if (report.TrackingCode == code)
            {
                found.Add(report);
            }
        }

        return found;
    }

    private async Task<int> AlertsAtAsync(string stationId, string code)
    {
        var inbox = await f.GetJsonAsync($"/api/stations/{stationId}/alerts", GridAidFixture.Station(stationId));
        return inbox.EnumerateArray().Count(a => a.GetProperty("trackingCode").GetString() == code);
    }

    [Fact]
    public async Task A_retry_after_the_transaction_but_before_the_queue_send_ends_with_one_report_routed_once()
    {
        var body = GridAidFixture.LostItem("ts-nantianmen", GridAidFixture.NewRequestId());
        var (valid, code) = await AsIntakeSeesAsync(body);
        var now = DateTimeOffset.UtcNow;
        var report = Report.Receive(valid, Area, code, now);

        // What the first attempt did before it died: the claim, the report and the look-up row, and no routing message.
        var claim = await Store.ClaimCodeAsync(code, Area, ReportKeys.For(now, code), valid.ClientRequestId, ReportFingerprint.Of(valid), CancellationToken.None, report);
        Assert.True(claim.Claimed);
        Assert.NotNull(claim.Version);
        Assert.Equal("received", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());

        // The phone sends it again: the same code, and the report is queued and routed.
        Assert.Equal(code, await f.SubmitAsync(body));
        await f.WaitForAlertAsync("ts-lost-found", code);
        await f.WaitForStatusAsync(code, "routed");

        // And once more after routing: the same code, nothing new.
        Assert.Equal(code, await f.SubmitAsync(body));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await ReportsWithCodeAsync(Area, code, now));
        Assert.Equal(1, await AlertsAtAsync("ts-lost-found", code));
        Assert.Equal(1, (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("timeline").EnumerateArray()
            .Count(t => t.GetProperty("status").GetString() == "routed"));
    }

    [Fact]
    public async Task Two_areas_cannot_get_the_same_code_and_the_refused_one_leaves_nothing_behind()
    {
        var code = TrackingCode.Random();
        var now = DateTimeOffset.UtcNow;
        var taishan = Report.Receive(Valid(GridAidFixture.NewRequestId()), Area, code, now);
        var laoshanValid = Valid(GridAidFixture.NewRequestId()) with { PointCode = LaoshanTestArea.Point };
        var laoshan = Report.Receive(laoshanValid, LaoshanTestArea.AreaId, code, now.AddMilliseconds(3));
        var laoshanKey = ReportKeys.For(laoshan.SubmittedAt, code);

        Assert.True((await Store.ClaimCodeAsync(code, Area, ReportKeys.For(now, code), taishan.ClientRequestId, "fp-taishan", CancellationToken.None, taishan)).Claimed);
        var refused = await Store.ClaimCodeAsync(code, LaoshanTestArea.AreaId, laoshanKey, laoshan.ClientRequestId, "fp-laoshan", CancellationToken.None, laoshan);

        Assert.False(refused.Claimed);
        Assert.Equal(Area, refused.Owner.AreaId);
        Assert.Null(await Store.GetAsync(LaoshanTestArea.AreaId, laoshanKey, CancellationToken.None));
        Assert.False((await Table(TableNames.Reports).GetEntityIfExistsAsync<TableEntity>(LaoshanTestArea.AreaId, ReportKeys.Claim(code))).HasValue);
        await foreach (var entry in Store.ListReceivedAsync(LaoshanTestArea.AreaId, CancellationToken.None))
        {
            Assert.NotEqual(code, entry.TrackingCode);
        }

        // The code still shows Taishan's report, and Mount Lao's report takes another code.
        Assert.Equal(Area, (await Store.FindByCodeAsync(code, CancellationToken.None))!.Report.AreaId);
        var other = TrackingCode.Random();
        Assert.True((await Store.ClaimCodeAsync(other, LaoshanTestArea.AreaId, ReportKeys.For(laoshan.SubmittedAt, other), laoshan.ClientRequestId, "fp-laoshan",
            CancellationToken.None, laoshan with { TrackingCode = other })).Claimed);
        Assert.Equal(LaoshanTestArea.AreaId, (await Store.FindByCodeAsync(other, CancellationToken.None))!.Report.AreaId);
    }

    [Theory]
    [InlineData("lost_item")]
    [InlineData("lost_person")] // routed on the intake path
    public async Task The_status_look_up_of_a_fresh_report_works_at_once(string kind)
    {
        var body = kind == "lost_person"
            ? (object)new
            {
                kind,
                point = "ts-nantianmen",
                description = "穿红色外套的小男孩 · boy in a red coat",
                contact = new { phone = "13800138000" },
                lang = "en",
                clientRequestId = GridAidFixture.NewRequestId(),
                details = new { age = "6", clothing = "red coat" },
            }
            : GridAidFixture.LostItem("ts-nantianmen");
        var code = await f.SubmitAsync(body);

        // No waiting: the look-up row and the report were both written before the 202.
        using var response = await f.SendAsync(HttpMethod.Get, $"/api/reports/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lookup = await Table(TableNames.TrackingCodes).GetEntityAsync<TrackingCodeEntity>(code, ReportKeys.TrackingCodeRow);
        Assert.Equal(Area, lookup.Value.AreaId);
        Assert.Null(lookup.Value.ClientRequestId);
        Assert.NotNull(await Store.GetAsync(Area, lookup.Value.ReportKey, CancellationToken.None));
    }

    [Fact]
    public async Task A_look_up_row_left_by_an_attempt_whose_transaction_never_committed_is_pointed_at_the_report()
    {
        var body = GridAidFixture.LostItem("ts-nantianmen", GridAidFixture.NewRequestId());
        var (_, code) = await AsIntakeSeesAsync(body);
        await Table(TableNames.TrackingCodes).AddEntityAsync(new TrackingCodeEntity
        {
            PartitionKey = code, RowKey = ReportKeys.TrackingCodeRow, AreaId = Area, ReportKey = ReportKeys.For(DateTimeOffset.UtcNow.AddSeconds(-3), code),
        });

        Assert.Equal(code, await f.SubmitAsync(body));

        Assert.Equal("lost_item", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("kind").GetString());
        await f.WaitForAlertAsync("ts-lost-found", code);
    }

    [Fact]
    public async Task A_repeat_of_a_report_accepted_before_claims_were_kept_in_the_area_creates_nothing_new()
    {
        var body = GridAidFixture.LostItem("ts-nantianmen", GridAidFixture.NewRequestId());
        var (valid, code) = await AsIntakeSeesAsync(body);
        var now = DateTimeOffset.UtcNow.AddSeconds(-2);
        var report = Report.Receive(valid, Area, code, now);
        var key = ReportKeys.For(now, code);

        // The old layout: the request id and fingerprint on the look-up row, the report without a claim row.
        Assert.NotNull(await Store.AddAsync(report, CancellationToken.None));
        await Table(TableNames.TrackingCodes).AddEntityAsync(new TrackingCodeEntity
        {
            PartitionKey = code, RowKey = ReportKeys.TrackingCodeRow, AreaId = Area, ReportKey = key,
            ClientRequestId = valid.ClientRequestId, Fingerprint = ReportFingerprint.Of(valid),
        });

        Assert.Equal(code, await f.SubmitAsync(body));
        await f.WaitForAlertAsync("ts-lost-found", code);

        Assert.Single(await ReportsWithCodeAsync(Area, code, now));
        Assert.False((await Table(TableNames.Reports).GetEntityIfExistsAsync<TableEntity>(Area, ReportKeys.Claim(code))).HasValue);
    }

    [Fact]
    public async Task Redacting_a_report_forgets_the_request_id_and_fingerprint_kept_with_its_code()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-riguan-peak"));
        await f.WaitForAlertAsync("ts-daiding-police", code);
        var before = (await Table(TableNames.Reports).GetEntityAsync<CodeClaimEntity>(Area, ReportKeys.Claim(code))).Value;
        Assert.NotNull(before.ClientRequestId);
        Assert.NotNull(before.Fingerprint);

        using var redact = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.TaishanAdmin);
        Assert.Equal(HttpStatusCode.NoContent, redact.StatusCode);

        var after = (await Table(TableNames.Reports).GetEntityAsync<CodeClaimEntity>(Area, ReportKeys.Claim(code))).Value;
        Assert.Null(after.ClientRequestId);
        Assert.Null(after.Fingerprint);
        Assert.Equal(before.ReportKey, after.ReportKey);
        Assert.Equal("lost_item", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("kind").GetString());
    }

    private static ValidReport Valid(string requestId) =>
        new(ReportKind.LostItem, "ts-nantianmen", null, "蓝色水壶 · blue bottle", new Contact(null, "13800138000"), "zh-CN",
            requestId, new Dictionary<string, string> { ["category"] = "other" });
}
