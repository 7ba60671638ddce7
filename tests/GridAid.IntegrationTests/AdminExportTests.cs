using System.Net;
using System.Text;
using GridAid.Functions.Admin;

namespace GridAid.IntegrationTests;

[Collection(SharedGridAid.Name)]
public class AdminExportTests(GridAidFixture f)
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("黑色, 双肩包", "\"黑色, 双肩包\"")]
    [InlineData("plain", "plain")]
    [InlineData("  =1+1", "'  =1+1")]
    [InlineData("＝SUM(A1)", "'＝SUM(A1)")]
    public void Csv_cells_are_quoted_and_never_run_as_formulas(string value, string expected) =>
        Assert.Equal(expected, ReportCsv.Cell(value));

    [Fact]
    public void Csv_times_are_in_the_area_zone_with_the_offset() =>
        Assert.Equal("2026-12-01 19:05:00 +08:00",
            ReportCsv.Time(new DateTimeOffset(2026, 12, 1, 11, 5, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    [Fact]
    public async Task The_dashboard_counts_a_child_reunited_and_only_admins_see_it()
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var url = $"/api/admin/dashboard?from={year}-01-01&to={year}-12-31&station=ts-zhongtianmen-police";
        var before = await f.GetJsonAsync(url, GridAidFixture.TaishanAdmin);
        var code = await f.SubmitAsync(new
        {
            kind = "lost_person",
            point = "ts-zhongtianmen",
            contact = new { phone = "13900002222" },
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { age = "5", clothing = "黄色雨衣" },
        });
        await f.WaitForAlertAsync("ts-zhongtianmen-police", code);
        using var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/ack", GridAidFixture.Station("ts-zhongtianmen-police"));
        using var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-zhongtianmen-police/alerts/{code}/resolve", GridAidFixture.Station("ts-zhongtianmen-police"));
        resolve.EnsureSuccessStatusCode();

        var after = await f.GetJsonAsync(url, GridAidFixture.TaishanAdmin);
        using var asStation = await f.SendAsync(HttpMethod.Get, "/api/admin/dashboard", GridAidFixture.Station("ts-zhongtianmen-police"));

        // Other tests may resolve people at the same post meanwhile: at least this one child more.
        int Children(System.Text.Json.JsonElement d) => d.GetProperty("peopleReunited").GetProperty("children").GetInt32();
        Assert.True(Children(after) >= Children(before) + 1, $"{Children(before)} → {Children(after)}");
        Assert.True(after.GetProperty("reportsRouted").GetInt32() > before.GetProperty("reportsRouted").GetInt32());
        Assert.Equal(12, after.GetProperty("byMonth").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, asStation.StatusCode);
    }

    [Fact]
    public async Task The_csv_export_has_a_bom_a_header_the_areas_reports_and_its_filters()
    {
        var marker = "csv-" + Guid.NewGuid().ToString("N");
        var code = await f.SubmitAsync(new
        {
            kind = "tip",
            point = "ts-bixia-temple",
            description = "=1+1 " + marker,
            clientRequestId = GridAidFixture.NewRequestId(),
        });
        await f.WaitForAlertAsync("ts-tianjie-grid", code);

        using var all = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv", GridAidFixture.TaishanAdmin);
        using var hazards = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv?kind=hazard", GridAidFixture.TaishanAdmin);
        using var laoshan = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv", GridAidFixture.Bearer("laoshan", "admin", "ls-admin-code"));
        using var anonymous = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv");
        using var badKind = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv?kind=stolen_bike", GridAidFixture.TaishanAdmin);
        using var badYear = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv?year=9999", GridAidFixture.TaishanAdmin);
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        using var thisYear = await f.SendAsync(HttpMethod.Get, $"/api/admin/reports.csv?year={year}", GridAidFixture.TaishanAdmin);
        using var longAgo = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv?year=2001", GridAidFixture.TaishanAdmin);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var bytes = await all.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(ReportCsv.Header, text, StringComparison.Ordinal);
        var line = Assert.Single(text.Split("\r\n"), l => l.Contains(marker, StringComparison.Ordinal));
        Assert.StartsWith(code + ",", line, StringComparison.Ordinal);
        // Times in the area's zone (Asia/Shanghai for Taishan), the offset written: what the station's clock said.
        var submitted = line.Split(',')[1];
        Assert.EndsWith(" +08:00", submitted, StringComparison.Ordinal);
        var at = DateTimeOffset.ParseExact(submitted, "yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - at, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Assert.Contains(",'=1+1 " + marker, line, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await hazards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await laoshan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains(marker, await thisYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReportCsv.Header, (await longAgo.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }
}
