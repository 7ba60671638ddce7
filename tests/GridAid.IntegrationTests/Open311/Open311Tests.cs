using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace GridAid.IntegrationTests.Open311;

/// <summary>
/// Open311 GeoReport v2 (XML and JSON) through the local host on Azurite, with requests shaped like the specification's own examples
/// (http://wiki.open311.org/GeoReport_v2: "Example Request" of POST Service Request, the sample URLs of the GET methods),
/// with GridAid's service codes, QR point codes and area ids in place of the city's.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class Open311Tests(GridAidFixture f)
{
    private const string Base = "/api/open311/v2";

    /// <summary>POSTs a GeoReport v2 form body exactly as written (the specification's example leaves <c>[</c> and <c>]</c> unencoded).</summary>
    private async Task<HttpResponseMessage> PostAsync(string form, string? lang = "en")
    {
        using var content = new StringContent(form, Encoding.UTF8);
        content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        return await f.Http.PostAsync($"{Base}/requests.json" + (lang is null ? string.Empty : "?lang=" + lang), content);
    }

    private async Task<string> CreateAsync(string form)
    {
        using var response = await PostAsync(form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.EnumerateArray().Single().GetProperty("service_request_id").GetString()!;
    }

    private static async Task<JsonElement[]> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.Equal((int)status, e.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("description").GetString()));
        });
        return errors;
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Discovery_names_the_GeoReport_v2_endpoint_in_json()
    {
        var discovery = await f.GetJsonAsync($"{Base}/discovery.json");

        Assert.False(string.IsNullOrEmpty(discovery.GetProperty("changeset").GetString()));
        Assert.False(string.IsNullOrEmpty(discovery.GetProperty("key_service").GetString()));
        var endpoint = discovery.GetProperty("endpoints").EnumerateArray().Single();
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/api/open311/v2", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("production", endpoint.GetProperty("type").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(x => x.GetString()));

        using var xml = await f.Http.GetAsync($"{Base}/discovery.xml");
        var doc = await XmlAsync(xml, HttpStatusCode.OK);
        Assert.Equal("discovery", doc.Root!.Name.LocalName);
        Assert.Equal(["text/xml", "application/json"], doc.Root.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(e => e.Value));
    }

    /// <summary>An XML answer as GeoReport v2 asks for it: <c>text/xml</c>, UTF-8, the XML declaration first, no namespace.</summary>
    private static async Task<XDocument> XmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        var doc = XDocument.Parse(text);
        Assert.Equal(XNamespace.None, doc.Root!.Name.Namespace);
        return doc;
    }

    [Fact]
    public async Task The_same_resources_answer_in_xml()
    {
        using (var services = await f.Http.GetAsync($"{Base}/services.xml?jurisdiction_id=taishan&lang=en"))
        {
            var doc = await XmlAsync(services, HttpStatusCode.OK);
            Assert.Equal("services", doc.Root!.Name.LocalName);
            var person = doc.Root.Elements("service").Single(s => s.Element("service_code")!.Value == "lost_person");
            Assert.Equal(("Lost person", "true", "realtime"), (person.Element("service_name")!.Value, person.Element("metadata")!.Value, person.Element("type")!.Value));
        }

        using (var definition = await f.Http.GetAsync($"{Base}/services/hazard.xml?lang=en"))
        {
            var doc = await XmlAsync(definition, HttpStatusCode.OK);
            Assert.Equal("service_definition", doc.Root!.Name.LocalName);
            var type = doc.Root.Element("attributes")!.Elements("attribute").First();
            Assert.Equal(("hazardType", "singlevaluelist", "1"), (type.Element("code")!.Value, type.Element("datatype")!.Value, type.Element("order")!.Value));
            Assert.Contains(type.Element("values")!.Elements("value"), v => v.Element("key")!.Value == "fire" && v.Element("name")!.Value == "Fire");
        }

        // The specification's example request, posted to requests.xml.
        var marker = Unique();
        using var content = new StringContent(
            $"api_key=xyz&jurisdiction_id=taishan&service_code=found_item&address_id=ts-nantianmen&first_name=john&phone=13800138000&description=Found+a+camera+{marker}&attribute[category]=camera",
            Encoding.UTF8, "application/x-www-form-urlencoded");
        using var created = await f.Http.PostAsync($"{Base}/requests.xml?lang=en", content);
        var answer = await XmlAsync(created, HttpStatusCode.OK);
        Assert.Equal("service_requests", answer.Root!.Name.LocalName);
        var request = answer.Root.Element("request")!;
        var id = request.Element("service_request_id")!.Value;
        Assert.Equal(string.Empty, request.Element("account_id")!.Value);
        Assert.False(string.IsNullOrEmpty(request.Element("service_notice")!.Value));

        await f.WaitForAlertAsync("ts-daiding-police", id);
        using (var read = await f.Http.GetAsync($"{Base}/requests/{id}.xml?lang=en"))
        {
            var doc = await XmlAsync(read, HttpStatusCode.OK);
            Assert.Equal(id, doc.Root!.Element("request")!.Element("service_request_id")!.Value);
            Assert.DoesNotContain("13800138000", doc.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(marker, doc.ToString(), StringComparison.Ordinal);
        }

        using (var list = await f.Http.GetAsync($"{Base}/requests.xml?service_request_id={id}&status=open"))
        {
            Assert.Equal(id, (await XmlAsync(list, HttpStatusCode.OK)).Root!.Element("request")!.Element("service_request_id")!.Value);
        }

        // Errors too: <errors><error><code>404</code><description>…</description></error></errors>.
        using var missing = await f.Http.GetAsync($"{Base}/requests/ZZZZ-ZZZZ.xml");
        var errors = await XmlAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal("errors", errors.Root!.Name.LocalName);
        Assert.Equal("404", errors.Root.Element("error")!.Element("code")!.Value);

        using var other = await f.Http.GetAsync($"{Base}/services.csv");
        await ErrorsAsync(other, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_kinds_are_services_and_their_detail_fields_attributes()
    {
        // Sample URL: services.xml?jurisdiction_id=city.gov
        var services = (await f.GetJsonAsync($"{Base}/services.json?jurisdiction_id=taishan&lang=en")).EnumerateArray().ToArray();
        Assert.Equal(["lost_item", "found_item", "lost_person", "help", "hazard", "tip", "found_person"], services.Select(s => s.GetProperty("service_code").GetString()));
        var person = services.Single(s => s.GetProperty("service_code").GetString() == "lost_person");
        Assert.Equal("Lost person", person.GetProperty("service_name").GetString());
        Assert.True(person.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", person.GetProperty("type").GetString());
        Assert.False(services.Single(s => s.GetProperty("service_code").GetString() == "help").GetProperty("metadata").GetBoolean());
        var chinese = (await f.GetJsonAsync($"{Base}/services.json")).EnumerateArray().ToArray();
        Assert.Equal("走失的人", chinese[2].GetProperty("service_name").GetString());

        // Sample URL: services/033.xml?jurisdiction_id=city.gov
        var definition = await f.GetJsonAsync($"{Base}/services/lost_person.json?jurisdiction_id=taishan&lang=en");
        Assert.Equal("lost_person", definition.GetProperty("service_code").GetString());
        var attributes = definition.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);
        Assert.Equal("number", attributes["age"].GetProperty("datatype").GetString());
        Assert.True(attributes["age"].GetProperty("required").GetBoolean());
        Assert.Equal("text", attributes["clothing"].GetProperty("datatype").GetString());
        Assert.Equal("singlevaluelist", attributes["sex"].GetProperty("datatype").GetString());
        Assert.Equal(["male", "female", "unknown"], attributes["sex"].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.Equal("Not sure", attributes["sex"].GetProperty("values")[2].GetProperty("name").GetString());
        Assert.Equal(Enumerable.Range(1, attributes.Count), attributes.Values.Select(a => a.GetProperty("order").GetInt32()).Order());

        var found = (await f.GetJsonAsync($"{Base}/services/found_person.json?lang=en")).GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);
        Assert.Equal("Found person", services.Single(s => s.GetProperty("service_code").GetString() == "found_person").GetProperty("service_name").GetString());
        Assert.Equal("people", services.Single(s => s.GetProperty("service_code").GetString() == "found_person").GetProperty("group").GetString());
        Assert.True(found["ageBand"].GetProperty("required").GetBoolean());
        Assert.Contains(found["ageBand"].GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == "3_6" && v.GetProperty("name").GetString() == "3–6");
        Assert.Contains(found["whereNow"].GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == "at_station" && v.GetProperty("name").GetString() == "At a station / police post");

        var item = await f.GetJsonAsync($"{Base}/services/lost_item.json?lang=en");
        var category = item.GetProperty("attributes")[0];
        Assert.Equal(("category", "singlevaluelist", true), (category.GetProperty("code").GetString(), category.GetProperty("datatype").GetString(), category.GetProperty("required").GetBoolean()));
        Assert.Contains(category.GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == "bag" && v.GetProperty("name").GetString() == "Bag");

        using var unknown = await f.Http.GetAsync($"{Base}/services/pothole.json");
        await ErrorsAsync(unknown, HttpStatusCode.NotFound);
        using var nowhere = await f.Http.GetAsync($"{Base}/services.json?jurisdiction_id=city.gov");
        Assert.Contains("jurisdiction_id", (await ErrorsAsync(nowhere, HttpStatusCode.NotFound))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_specifications_example_request_creates_a_report_that_is_routed_and_read_back_without_contact_data()
    {
        // The specification's example, field for field: api_key, jurisdiction_id, service_code, a location, email,
        // device_id, account_id, first_name, last_name, phone, description, media_url, attribute[...].
        var marker = Unique();
        var form = "api_key=xyz&jurisdiction_id=taishan&service_code=lost_item&address_id=ts-nantianmen"
            + "&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=13800138000"
            + $"&description=A+black+backpack+with+a+bear+on+the+zip+{marker}&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg"
            + "&attribute[category]=bag&attribute[colour]=black&attribute[secret]=a+blue+notebook";
        using var response = await PostAsync(form);
        var created = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = created.GetProperty("service_request_id").GetString()!;
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", id);
        Assert.StartsWith("What happens next", created.GetProperty("service_notice").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("account_id").ValueKind);

        // The same intake and router as the report form: the owning station and the lost-and-found desk have it, with the contact.
        var inbox = await f.WaitForAlertAsync("ts-daiding-police", id);
        var alert = inbox.Single(a => a.GetProperty("trackingCode").GetString() == id);
        Assert.Equal("lost_item", alert.GetProperty("kind").GetString());
        Assert.Equal("john smith", alert.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal("13800138000", alert.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal("black", alert.GetProperty("details").GetProperty("colour").GetString());
        Assert.Contains(marker, alert.GetProperty("description").GetString(), StringComparison.Ordinal);
        await f.WaitForAlertAsync("ts-lost-found", id);
        var status = await f.WaitForStatusAsync(id, "routed");
        Assert.Equal("en", (await f.GetJsonAsync("/api/admin/reports?kind=lost_item&pageSize=500", GridAidFixture.TaishanAdmin))
            .GetProperty("items").EnumerateArray().Single(r => r.GetProperty("trackingCode").GetString() == id).GetProperty("lang").GetString());

        // Sample URL: requests/123456.xml?jurisdiction_id=city.gov
        using var read = await f.Http.GetAsync($"{Base}/requests/{id}.json?jurisdiction_id=taishan&lang=en");
        var text = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var request = JsonDocument.Parse(text).RootElement.EnumerateArray().Single();
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("Sent to the station", request.GetProperty("status_notes").GetString());
        Assert.Equal(("lost_item", "Lost item"), (request.GetProperty("service_code").GetString(), request.GetProperty("service_name").GetString()));
        Assert.Equal("ts-nantianmen", request.GetProperty("address_id").GetString());
        Assert.Equal("South Heaven Gate", request.GetProperty("address").GetString());
        Assert.Contains("Lost & Found Desk", request.GetProperty("agency_responsible").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", request.GetProperty("requested_datetime").GetString());
        Assert.Equal(2, status!.Value.GetProperty("timeline").GetArrayLength());
        foreach (var secret in new[] { "13800138000", "john", "smith", "sfgov", marker, "notebook", "backpack" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        // A client that posts twice (a retry after a timeout) gets the same report, not a second one.
        Assert.Equal(id, await CreateAsync(form));
    }

    [Fact]
    public async Task A_request_placed_by_lat_long_reaches_the_duty_station_with_the_coordinates()
    {
        // The example's own coordinates: GridAid's points have none, so the report has no point and the duty station gets it.
        var marker = Unique();
        var id = await CreateAsync($"service_code=hazard&lat=37.76524078&long=-122.4212043&description=Rockfall+on+the+path+{marker}&attribute[hazardType]=damaged_path&attribute[severity]=high");

        var alert = (await f.WaitForAlertAsync("ts-daiding-police", id)).Single(a => a.GetProperty("trackingCode").GetString() == id);
        Assert.True(alert.GetProperty("urgent").GetBoolean());
        Assert.Equal("damaged_path", alert.GetProperty("details").GetProperty("hazardType").GetString());
        Assert.EndsWith("\n📍 37.76524,-122.42120", alert.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_come_back_as_the_specifications_error_list()
    {
        using (var noCode = await PostAsync("address_id=ts-nantianmen&description=x"))
        {
            Assert.Contains("service_code", (await ErrorsAsync(noCode, HttpStatusCode.BadRequest))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        using (var unknownCode = await PostAsync("service_code=001&address_id=ts-nantianmen"))
        {
            await ErrorsAsync(unknownCode, HttpStatusCode.NotFound);
        }

        using (var unknownArea = await PostAsync("jurisdiction_id=city.gov&service_code=tip&address_id=ts-nantianmen&description=x"))
        {
            await ErrorsAsync(unknownArea, HttpStatusCode.NotFound);
        }

        using (var nowhere = await PostAsync("service_code=tip&description=x"))
        {
            Assert.Contains("address_id", (await ErrorsAsync(nowhere, HttpStatusCode.BadRequest))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        using (var halfPlace = await PostAsync("service_code=tip&lat=37.7&description=x"))
        {
            await ErrorsAsync(halfPlace, HttpStatusCode.BadRequest);
        }

        // The report form's validation, one entry per field, named as GeoReport v2 names the fields.
        using (var person = await PostAsync("service_code=lost_person&address_id=ts-nantianmen&attribute[age]=200"))
        {
            var descriptions = (await ErrorsAsync(person, HttpStatusCode.BadRequest)).Select(e => e.GetProperty("description").GetString()!).ToArray();
            Assert.Contains(descriptions, d => d.StartsWith("phone: ", StringComparison.Ordinal));
            Assert.Contains(descriptions, d => d.StartsWith("attribute[age]: ", StringComparison.Ordinal));
            Assert.Contains(descriptions, d => d.StartsWith("attribute[clothing]: ", StringComparison.Ordinal));
        }

        using var json = await f.SendAsync(HttpMethod.Post, $"{Base}/requests.json", body: new { service_code = "tip" });
        await ErrorsAsync(json, HttpStatusCode.BadRequest);
        using var missing = await f.Http.GetAsync($"{Base}/requests/ZZZZ-ZZZZ.json");
        await ErrorsAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requests_are_listed_only_by_the_tracking_codes_given_and_the_filters_narrow_them()
    {
        var tip = await CreateAsync($"service_code=tip&address_id=ts-nantianmen&description=Loose+railing+{Unique()}");
        var item = await CreateAsync($"service_code=found_item&address_id=ts-nantianmen&description=Found+a+phone+{Unique()}&attribute[category]=phone");
        await f.WaitForAlertAsync("ts-daiding-police", item);
        using (var resolved = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{item}/resolve", GridAidFixture.Station("ts-daiding-police")))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        // Without service_request_id the area's every report would be public: refused.
        using (var everything = await f.Http.GetAsync($"{Base}/requests.json?jurisdiction_id=taishan"))
        {
            await ErrorsAsync(everything, HttpStatusCode.BadRequest);
        }

        async Task<string[]> ListAsync(string query) =>
            [.. (await f.GetJsonAsync($"{Base}/requests.json?service_request_id={tip},{item},ABCD-EFGH{query}&lang=en")).EnumerateArray()
                .Select(r => r.GetProperty("service_request_id").GetString()!)];

        Assert.Equal([tip, item], await ListAsync(string.Empty));
        Assert.Equal([item], await ListAsync("&status=closed"));
        Assert.Equal([tip], await ListAsync("&status=open"));
        Assert.Equal([tip, item], await ListAsync("&status=open,closed&jurisdiction_id=taishan"));
        Assert.Equal([item], await ListAsync("&service_code=found_item,lost_item"));
        Assert.Empty(await ListAsync("&jurisdiction_id=laoshan"));
        var today = DateTimeOffset.UtcNow;
        Assert.Equal([tip, item], await ListAsync($"&start_date={today.AddDays(-1):yyyy-MM-dd}T00:00:00Z&end_date={today.AddDays(1):yyyy-MM-dd}T00:00:00Z"));
        Assert.Empty(await ListAsync($"&start_date={today.AddDays(1):yyyy-MM-dd}T00:00:00Z"));

        var closed = (await f.GetJsonAsync($"{Base}/requests/{item}.json?lang=en"))[0];
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.StartsWith("Resolved · ", closed.GetProperty("status_notes").GetString(), StringComparison.Ordinal);

        using var badStatus = await f.Http.GetAsync($"{Base}/requests.json?service_request_id={tip}&status=pending");
        await ErrorsAsync(badStatus, HttpStatusCode.BadRequest);
        using var badDate = await f.Http.GetAsync($"{Base}/requests.json?service_request_id={tip}&start_date=yesterday");
        await ErrorsAsync(badDate, HttpStatusCode.BadRequest);
    }
}
