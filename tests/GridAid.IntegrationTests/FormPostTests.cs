using System.Net;
using System.Text.RegularExpressions;

namespace GridAid.IntegrationTests;

/// <summary>The no-JavaScript path: a plain HTML form post gets HTML back, and a double tap is one report.</summary>
[Collection(SharedGridAid.Name)]
public partial class FormPostTests(GridAidFixture f)
{
    private static FormUrlEncodedContent Form(string marker) => new(new Dictionary<string, string>
    {
        ["kind"] = "found_item",
        ["point"] = "ts-tang-inscriptions",
        ["description"] = "捡到一部手机 " + marker,
        ["contact.phone"] = "13700001234",
        ["lang"] = "en",
        ["details.category"] = "phone",
        ["details.whereNow"] = "handed_to_station",
    });

    [Fact]
    public async Task A_form_post_twice_gets_the_same_html_receipt_and_one_report()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var first = await f.Http.PostAsync("/api/reports", Form(marker));
        using var second = await f.Http.PostAsync("/api/reports", Form(marker));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        var code1 = Code().Match(await first.Content.ReadAsStringAsync()).Value;
        var code2 = Code().Match(await second.Content.ReadAsStringAsync()).Value;
        Assert.NotEmpty(code1);
        Assert.Equal(code1, code2);

        await f.WaitForAlertAsync("ts-daiding-police", code1);
        var admin = await f.GetJsonAsync("/api/admin/reports?kind=found_item&pageSize=500", GridAidFixture.TaishanAdmin);
        Assert.Single(admin.GetProperty("items").EnumerateArray(), r => r.GetProperty("description").GetString()!.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_post_with_errors_gets_an_html_page_in_the_persons_language()
    {
        using var response = await f.Http.PostAsync("/api/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "lost_person",
            ["lang"] = "en",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("phone", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}")]
    private static partial Regex Code();
}
