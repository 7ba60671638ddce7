using System.Net;
using System.Text.Json;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests;

/// <summary>The fixture keeps personal data <see cref="TestTimings.KeepResolvedFor"/> after a report is resolved (90 days in production).</summary>
[Collection(SharedGridAid.Name)]
public class RetentionTests(GridAidFixture f)
{
    private async Task<JsonElement> AdminViewAsync(string code)
    {
        var page = await f.GetJsonAsync("/api/admin/reports?pageSize=500", GridAidFixture.TaishanAdmin);
        return page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("trackingCode").GetString() == code);
    }

    /// <summary>Waits until the resolved report's personal data is gone: the retention time, then the redaction check.</summary>
    private async Task<JsonElement> WaitForRedactionAsync(string code)
    {
        var redacted = await Eventually.Get<JsonElement?>(async () =>
        {
            var item = await AdminViewAsync(code);
            return HasPersonalData(item) ? null : item;
        }, TestTimings.AfterScheduledCheck(TestTimings.KeepResolvedFor), "redaction of " + code);
        return redacted!.Value;
    }

    private async Task ResolveAsync(string code)
    {
        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/resolve", GridAidFixture.Station("ts-daiding-police"));
        resolve.EnsureSuccessStatusCode();
    }

    private static bool HasPersonalData(JsonElement item) =>
        (item.TryGetProperty("contact", out var c) && c.TryGetProperty("phone", out _))
        || item.GetProperty("description").GetString() is { Length: > 0 };

    [Fact]
    public async Task Personal_data_is_removed_from_report_and_alerts_after_the_retention_time_once_resolved()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-tang-inscriptions"));
        await f.WaitForAlertAsync("ts-daiding-police", code);
        Assert.True(HasPersonalData(await AdminViewAsync(code)));

        // Unresolved reports keep their data however long they wait. The clock is a second report, resolved after the
        // first was routed: once its data is gone, the retention time has passed for the first report too, and any
        // check that could have come due for it has been delivered. No fixed sleep that a slow machine could outrun.
        var clock = await f.SubmitAsync(GridAidFixture.LostItem("ts-tang-inscriptions"));
        await f.WaitForAlertAsync("ts-daiding-police", clock);
        await ResolveAsync(clock);
        await WaitForRedactionAsync(clock);
        Assert.True(HasPersonalData(await AdminViewAsync(code)));

        await ResolveAsync(code);

        var redacted = await WaitForRedactionAsync(code);
        Assert.Equal("resolved", redacted.GetProperty("status").GetString());
        Assert.Empty(redacted.GetProperty("details").EnumerateObject());

        var inbox = await f.GetJsonAsync("/api/stations/ts-daiding-police/alerts", GridAidFixture.Station("ts-daiding-police"));
        var alert = inbox.EnumerateArray().Single(a => a.GetProperty("trackingCode").GetString() == code);
        Assert.False(HasPersonalData(alert));

        var status = await f.GetJsonAsync($"/api/reports/{code}");
        Assert.Equal("redacted", status.GetProperty("timeline").EnumerateArray().Last().GetProperty("note").GetString());
    }

    [Fact]
    public async Task An_admin_can_redact_at_once_on_request_and_nobody_else_can()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-riguan-peak"));
        await f.WaitForAlertAsync("ts-daiding-police", code);

        using var byStation = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.Station("ts-daiding-police"));
        using var unknown = await f.SendAsync(HttpMethod.Post, "/api/admin/reports/ZZZZ-ZZZZ/redact", GridAidFixture.TaishanAdmin);
        using var otherArea = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.Bearer("laoshan", "admin", "ls-admin-code"));
        Assert.Equal(HttpStatusCode.Forbidden, byStation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherArea.StatusCode);
        Assert.True(HasPersonalData(await AdminViewAsync(code)));
        Assert.NotNull((await LookupAsync(code)).Fingerprint);

        using var redact = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.TaishanAdmin);

        Assert.Equal(HttpStatusCode.NoContent, redact.StatusCode);
        Assert.False(HasPersonalData(await AdminViewAsync(code)));
        // The look-up row kept the request id and a hash of what was written, for retries: both are gone.
        var lookup = await LookupAsync(code);
        Assert.Equal<(string?, string?)>((null, null), (lookup.ClientRequestId, lookup.Fingerprint));
        Assert.Equal("lost_item", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("kind").GetString());
    }

    private async Task<TrackingCodeEntity> LookupAsync(string code) =>
        (await f.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TrackingCodes)
            .GetEntityAsync<TrackingCodeEntity>(code, ReportKeys.TrackingCodeRow)).Value;
}
