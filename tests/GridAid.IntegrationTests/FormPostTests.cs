using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridAid.Functions.Http;
using GridAid.Functions.Reports;
using Microsoft.AspNetCore.Http;

namespace GridAid.IntegrationTests;

/// <summary>
/// The no-JavaScript path: a plain HTML form post gets HTML back, and a double tap is one report. A post past its limits
/// gets a bilingual page (400 or 413), never a 500 or a stack trace; the back link stays on this site; a filled honeypot is refused.
/// </summary>
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
    public async Task A_korean_form_post_gets_korean_pages_from_the_language_files_with_chinese_beside_the_receipt()
    {
        using var refused = await f.Http.PostAsync("/api/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "lost_person",
            ["lang"] = "ko",
        }));
        var errors = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<html lang=\"ko\">", errors, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(GridAid.Core.Text.Texts.Get("ko", "rule.phone_required")), errors, StringComparison.Ordinal);
        Assert.Contains("경찰이 연락할 수 있도록", errors, StringComparison.Ordinal);

        var form = Form(Guid.NewGuid().ToString("N"));
        var fields = (await form.ReadAsStringAsync()).Replace("lang=en", "lang=ko", StringComparison.Ordinal);
        using var accepted = await f.Http.PostAsync("/api/reports", new StringContent(fields, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var receipt = await accepted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("보고가 접수되었습니다 <span lang=\"zh-CN\">· 已收到您的报告</span>", receipt, StringComparison.Ordinal);
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

    /// <summary>Posts past each limit: the body, the number of fields, one value's length, and a field name's length.</summary>
    public static TheoryData<string, int> OverTheLimits() => new()
    {
        { "body over 64 KB", StatusCodes.Status413PayloadTooLarge },
        { "5 MB value", StatusCodes.Status413PayloadTooLarge },
        { "body over 64 KB, chunked", StatusCodes.Status413PayloadTooLarge },
        { "more fields than allowed", StatusCodes.Status400BadRequest },
        { "2,000 fields", StatusCodes.Status400BadRequest },
        { "a value over the reader's limit", StatusCodes.Status400BadRequest },
        { "a field name over its limit", StatusCodes.Status400BadRequest },
    };

    [Theory]
    [MemberData(nameof(OverTheLimits))]
    public async Task A_form_post_past_its_limits_gets_the_bilingual_page_and_no_report(string what, int expected)
    {
        var marker = "limit-" + Guid.NewGuid().ToString("N");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("kind", "tip"),
            new("point", "ts-nantianmen"),
            new("lang", "en"),
        };
        var chunked = false;
        switch (what)
        {
            case "body over 64 KB":
                fields.Add(new("description", marker + new string('a', RequestReader.MaxBodyBytes)));
                break;
            case "5 MB value":
                fields.Add(new("description", marker + new string('a', 5 * 1024 * 1024)));
                break;
            case "body over 64 KB, chunked":
                fields.Add(new("description", marker + new string('a', RequestReader.MaxBodyBytes)));
                chunked = true;
                break;
            case "more fields than allowed":
                fields.Add(new("description", marker));
                fields.AddRange(Enumerable.Range(0, ReportForm.MaxFields).Select(i => new KeyValuePair<string, string>("details.x" + i, "1")));
                break;
            case "2,000 fields":
                fields.Add(new("description", marker));
                fields.AddRange(Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>("f" + i, "1")));
                break;
            case "a value over the reader's limit":
                fields.Add(new("description", marker + new string('a', ReportForm.MaxValueBytes)));
                break;
            case "a field name over its limit":
                fields.Add(new("description", marker));
                fields.Add(new("details." + new string('n', ReportForm.MaxNameLength), "1"));
                break;
        }

        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = chunked ? new StreamContent(await content.ReadAsStreamAsync()) : content,
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.Referrer = new Uri(f.Host.BaseAddress, "/r/ts-nantianmen");
        request.Headers.AcceptLanguage.ParseAdd("en");

        using var response = await f.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == expected, $"{what}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 300)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Report not sent", html, StringComparison.Ordinal);
        Assert.Contains("报告没有发出", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/r/ts-nantianmen\"", html, StringComparison.Ordinal);
        AssertNoStackTrace(html);
        var admin = await f.GetJsonAsync("/api/admin/reports?kind=tip&pageSize=500", GridAidFixture.TaishanAdmin);
        Assert.DoesNotContain(admin.GetProperty("items").EnumerateArray(), r => r.GetProperty("description").GetString()!.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_post_at_its_limits_still_goes_through()
    {
        // The longest description there is, every character a three-byte one; and the form's own fields, each filled.
        var description = "报" + Guid.NewGuid().ToString("N") + new string('告', 2000 - 33);
        using var response = await f.Http.PostAsync("/api/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "lost_item",
            ["point"] = "ts-nantianmen",
            ["lang"] = "zh-CN",
            ["description"] = description,
            ["contact.name"] = new string('王', 50),
            ["contact.phone"] = "13800138000",
            ["details.category"] = "bag",
            ["details.colour"] = new string('黑', 50),
            ["details.brand"] = new string('牌', 100),
            ["details.lastSeenAt"] = new string('时', 50),
            ["details.lastSeenPlace"] = new string('地', 200),
            ["details.secret"] = new string('密', 200),
            ["website"] = string.Empty,
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html[..Math.Min(html.Length, 500)]);
        Assert.Matches(Code(), html);
    }

    [Fact]
    public async Task A_value_over_its_fields_length_gets_the_errors_page()
    {
        using var response = await f.Http.PostAsync("/api/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "tip",
            ["lang"] = "en",
            ["description"] = new string('a', 2001),
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Use at most 2000 characters", html, StringComparison.Ordinal);
        AssertNoStackTrace(html);
    }

    [Theory]
    [InlineData("/r/ts-nantianmen", "/r/ts-nantianmen")]
    [InlineData("/r/ts-nantianmen?area=taishan", "/r/ts-nantianmen?area=taishan")]
    [InlineData("//evil.example/x", "/r/")]
    [InlineData("/\\evil.example/x", "/r/")]
    [InlineData("/%09/evil.example/x", "/%09/evil.example/x")]
    public async Task The_back_link_is_a_path_on_this_site(string refererPath, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "lost_person", ["lang"] = "en" }),
        };
        request.Headers.TryAddWithoutValidation("Referer", f.Host.BaseAddress.GetLeftPart(UriPartial.Authority) + refererPath);

        using var response = await f.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, System.Net.WebUtility.HtmlDecode(BackLink().Match(html).Groups[1].Value));
    }

    [Theory]
    [InlineData("http://h.example//evil.example/x", "/r/")]
    [InlineData("http://h.example/\\evil.example", "/r/")]
    [InlineData("javascript:alert(1)", "/r/")]
    [InlineData("http://other.example/r/ts-nantianmen", "/r/ts-nantianmen")]
    [InlineData("", "/r/")]
    [InlineData("/r/relative", "/r/")]
    public void Back_paths_begin_with_one_slash_and_never_leave_the_site(string referer, string expected)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Referer = referer;

        Assert.Equal(expected, ReportForm.BackPath(request));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/r/x", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/r\\x", false)]
    [InlineData("/r/\tx", false)]
    [InlineData("r/x", false)]
    [InlineData("", false)]
    public void A_local_path_has_one_leading_slash(string path, bool local)
    {
        Assert.Equal(local, ReportForm.IsLocalPath(path));
    }

    [Fact]
    public async Task A_form_post_that_fills_the_honeypot_is_refused()
    {
        var marker = "honeypot-" + Guid.NewGuid().ToString("N");
        var form = new Dictionary<string, string>
        {
            ["kind"] = "tip",
            ["point"] = "ts-nantianmen",
            ["lang"] = "en",
            ["description"] = "cheap watches " + marker,
            ["website"] = "http://spam.example",
        };

        using var response = await f.Http.PostAsync("/api/reports", new FormUrlEncodedContent(form));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The report could not be sent", html, StringComparison.Ordinal);
        await AssertNoReportAsync(marker);
    }

    [Fact]
    public async Task A_json_submission_that_fills_the_honeypot_is_refused()
    {
        var marker = "honeypot-json-" + Guid.NewGuid().ToString("N");
        using var response = await f.SendAsync(HttpMethod.Post, "/api/reports", body: new
        {
            kind = "tip",
            point = "ts-nantianmen",
            lang = "en",
            description = "cheap watches " + marker,
            clientRequestId = GridAidFixture.NewRequestId(),
            website = "http://spam.example",
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("honeypot", problem.GetProperty("codes").GetProperty("website")[0].GetString());
        await AssertNoReportAsync(marker);
    }

    private async Task AssertNoReportAsync(string marker)
    {
        var admin = await f.GetJsonAsync("/api/admin/reports?kind=tip&pageSize=500", GridAidFixture.TaishanAdmin);
        Assert.DoesNotContain(admin.GetProperty("items").EnumerateArray(), r => r.GetProperty("description").GetString()!.Contains(marker, StringComparison.Ordinal));
    }

    private static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a class=\"primary btn\" href=\"([^\"]*)\"")]
    private static partial Regex BackLink();

    [GeneratedRegex("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}")]
    private static partial Regex Code();
}
