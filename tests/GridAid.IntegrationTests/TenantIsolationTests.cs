using System.Net;
using System.Text.Json;

namespace GridAid.IntegrationTests;

[Collection(SharedGridAid.Name)]
public class TenantIsolationTests(GridAidFixture f)
{
    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue LaoshanAdmin = GridAidFixture.Bearer("laoshan", "admin", "ls-admin-code");
    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue LaoshanStation = GridAidFixture.Bearer("laoshan", LaoshanTestArea.Station, "ls-code");

    [Fact]
    public async Task Each_area_sees_only_its_own_reports_and_alerts()
    {
        var laoshan = await f.SubmitAsync(GridAidFixture.LostItem(LaoshanTestArea.Point));
        var taishan = await f.SubmitAsync(GridAidFixture.LostItem("ts-nantianmen"));
        await f.WaitForAlertAsync(LaoshanTestArea.Station, laoshan, LaoshanStation);
        await f.WaitForAlertAsync("ts-daiding-police", taishan);

        var laoshanReports = Codes(await f.GetJsonAsync("/api/admin/reports?pageSize=500", LaoshanAdmin));
        var taishanReports = Codes(await f.GetJsonAsync("/api/admin/reports?pageSize=500", GridAidFixture.TaishanAdmin));
        Assert.Contains(laoshan, laoshanReports);
        Assert.DoesNotContain(taishan, laoshanReports);
        Assert.Contains(taishan, taishanReports);
        Assert.DoesNotContain(laoshan, taishanReports);

        var taishanInbox = await f.GetJsonAsync("/api/stations/ts-daiding-police/alerts", GridAidFixture.Station("ts-daiding-police"));
        Assert.DoesNotContain(taishanInbox.EnumerateArray(), a => a.GetProperty("trackingCode").GetString() == laoshan);
    }

    [Fact]
    public async Task Credentials_of_one_area_open_nothing_in_another()
    {
        // A Taishan admin naming the Laoshan station: the code is checked against Laoshan's stored hash and fails.
        using var crossAdmin = await f.SendAsync(HttpMethod.Get, $"/api/stations/{LaoshanTestArea.Station}/alerts", GridAidFixture.Bearer("laoshan", "admin", "demo-admin"));
        // A Taishan admin asking for a Laoshan station's inbox: Taishan has no such station, so the gate answers 404.
        using var taishanAdminView = await f.SendAsync(HttpMethod.Get, $"/api/stations/{LaoshanTestArea.Station}/alerts", GridAidFixture.TaishanAdmin);

        Assert.Equal(HttpStatusCode.Unauthorized, crossAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, taishanAdminView.StatusCode);
    }

    private static List<string?> Codes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("trackingCode").GetString()).ToList();
}
