using System.Net;
using System.Text.Json;

namespace GridAid.IntegrationTests;

/// <summary>Admin actions land in the area's audit with who, what and when, and never the personal data itself.</summary>
[Collection(SharedGridAid.Name)]
public class AuditTests(GridAidFixture f)
{
    [Fact]
    public async Task Directory_edits_code_rotations_redactions_and_exports_are_audited_without_personal_data()
    {
        var phone = "13912345678";
        var code = await f.SubmitAsync(new
        {
            kind = "lost_item",
            point = "ts-zhongtianmen",
            description = "审计测试的红色雨伞 · audit test umbrella",
            contact = new { name = "审计先生", phone },
            lang = "zh-CN",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { category = "other", colour = "红色" },
        });
        var stationId = "ts-audit-" + Guid.NewGuid().ToString("N")[..8];

        using (var put = await f.SendAsync(HttpMethod.Put, $"/api/admin/stations/{stationId}", GridAidFixture.TaishanAdmin,
            new { name = new { zh = "审计小店", en = "Audit Shop" }, type = "grid_member" }))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var rotate = await f.SendAsync(HttpMethod.Post, $"/api/admin/stations/{stationId}/access-code", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        }

        using (var export = await f.SendAsync(HttpMethod.Get, "/api/admin/reports.csv?kind=lost_item", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Contains(phone, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var redact = await f.SendAsync(HttpMethod.Post, $"/api/admin/reports/{code}/redact", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.NoContent, redact.StatusCode);
        }

        using (var delete = await f.SendAsync(HttpMethod.Delete, $"/api/admin/stations/{stationId}", GridAidFixture.TaishanAdmin))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var response = await f.SendAsync(HttpMethod.Get, "/api/admin/audit?pageSize=200", GridAidFixture.TaishanAdmin);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();

        JsonElement One(string action, string key, string value) =>
            Assert.Single(items, e => e.GetProperty("action").GetString() == action
                && e.GetProperty("target").TryGetProperty(key, out var v) && v.GetString() == value);

        Assert.Equal(201, One("PutStation", "id", stationId).GetProperty("status").GetInt32());
        Assert.Equal(201, One("NewStationAccessCode", "id", stationId).GetProperty("status").GetInt32());
        Assert.Equal(204, One("RedactReport", "trackingCode", code).GetProperty("status").GetInt32());
        Assert.Equal(204, One("DeleteStation", "id", stationId).GetProperty("status").GetInt32());
        Assert.Contains(items, e => e.GetProperty("action").GetString() == "ExportReports" && e.GetProperty("status").GetInt32() == 200);
        Assert.All(items, e => Assert.Equal("admin", e.GetProperty("principal").GetString()));

        // Who, what and when only: no phone number, no name, no description, no new access code.
        Assert.DoesNotContain(phone, body, StringComparison.Ordinal);
        Assert.DoesNotContain("审计先生", body, StringComparison.Ordinal);
        Assert.DoesNotContain("umbrella", body, StringComparison.Ordinal);
        Assert.DoesNotContain("accessCode", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_are_not_audited_and_another_area_sees_none_of_it()
    {
        using var list = await f.SendAsync(HttpMethod.Get, "/api/admin/reports", GridAidFixture.TaishanAdmin);
        list.EnsureSuccessStatusCode();

        var taishan = await f.GetJsonAsync("/api/admin/audit?pageSize=200", GridAidFixture.TaishanAdmin);
        var laoshan = await f.GetJsonAsync("/api/admin/audit?pageSize=200", GridAidFixture.Bearer(LaoshanTestArea.AreaId, "admin", "ls-admin-code"));

        Assert.DoesNotContain(taishan.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "ListReports");
        Assert.All(laoshan.GetProperty("items").EnumerateArray(), e => Assert.Equal(LaoshanTestArea.AreaId, e.GetProperty("areaId").GetString()));
        Assert.All(taishan.GetProperty("items").EnumerateArray(), e => Assert.Equal("taishan", e.GetProperty("areaId").GetString()));
    }
}
