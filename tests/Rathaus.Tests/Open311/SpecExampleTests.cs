using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rathaus.Open311.Attributes;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Open311.Open311Api;

namespace Rathaus.Tests.Open311;

/// <summary>
/// Every endpoint in both formats against the examples of the GeoReport v2 specification (wiki.open311.org/GeoReport_v2
/// and /Service_Discovery): the same element names in the same order, XML lists as element/child elements, JSON lists
/// as arrays (the Spark convention), ids and codes as strings, datetimes ISO 8601 with offset.
/// </summary>
public abstract partial class SpecExampleTests(RathausApp app)
{
    // The field order of the spec's examples.
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"];
    private static readonly string[] PostFields = ["service_request_id", "service_notice", "account_id"];
    private static readonly string[] TokenFields = ["service_request_id", "token"];
    private static readonly string[] ErrorFields = ["code", "description"];
    private static readonly string[] DiscoveryFields = ["changeset", "contact", "key_service", "endpoints"];
    private static readonly string[] EndpointFields = ["specification", "url", "changeset", "type", "formats"];

    internal static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
        "lat", "long", "media_url",
    ];

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")]
    internal static partial Regex W3Datetime();

    [Fact]
    public async Task Services_list_has_the_fields_of_the_spec_example_in_xml_and_json()
    {
        var code = await CategoryAsync(app, Attribute("tiefe", AttributeDatatype.Number, true, 1));
        using var client = app.Client();

        var xml = await XmlAsync(await client.Http.GetAsync("/open311/v2/services.xml"));
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.All(xml.Root.Elements(), s => Assert.Equal("service", s.Name.LocalName));
        var service = xml.Root.Elements().Single(s => s.Element("service_code")!.Value == code);
        Assert.Equal(ServiceFields, Names(service));
        Assert.Equal(["Testdienst " + code, "Für Tests", "true", "realtime", "", "Straßen und Verkehr"], ServiceFields[1..].Select(f => service.Element(f)!.Value));
        Assert.DoesNotContain(xml.Root.Elements(), s => s.Element("service_code")!.Value == "strasse-verkehr"); // a group is no service
        Assert.Equal("false", xml.Root.Elements().Single(s => s.Element("service_code")!.Value == "schlagloch").Element("metadata")!.Value);

        var json = await JsonAsync(await client.Http.GetAsync("/open311/v2/services.json"));
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        var item = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == code);
        Assert.Equal(ServiceFields, Names(item));
        Assert.True(item.GetProperty("metadata").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("keywords").ValueKind);
        Assert.Equal(xml.Root.Elements().Count(), json.GetArrayLength());
    }

    [Fact]
    public async Task Service_definition_has_the_fields_of_the_spec_example()
    {
        var code = await CategoryAsync(app,
            Attribute("art", AttributeDatatype.SingleValueList, true, 1, ("123", "Ford"), ("124", "Chrysler")),
            Attribute("tiefe", AttributeDatatype.Number, false, 2));
        using var client = app.Client();

        var xml = await XmlAsync(await client.Http.GetAsync($"/open311/v2/services/{code}.xml"));
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], Names(xml.Root));
        var attributes = xml.Root.Element("attributes")!.Elements().ToList();
        Assert.All(attributes, a => Assert.Equal("attribute", a.Name.LocalName));
        Assert.Equal(AttributeFields, Names(attributes[0]));
        Assert.Equal(["true", "art", "singlevaluelist", "true", "", "1", "Frage art"], AttributeFields[..7].Select(f => attributes[0].Element(f)!.Value));
        var values = attributes[0].Element("values")!.Elements().ToList();
        Assert.Equal(["value", "value"], values.Select(v => v.Name.LocalName));
        Assert.Equal(["key", "name"], Names(values[0]));
        Assert.Equal(["123", "Ford", "124", "Chrysler"], values.SelectMany(v => v.Elements().Select(e => e.Value)));
        Assert.Equal("number", attributes[1].Element("datatype")!.Value);

        var json = await JsonAsync(await client.Http.GetAsync($"/open311/v2/services/{code}.json"));
        Assert.Equal(["service_code", "attributes"], Names(json));
        var first = json.GetProperty("attributes")[0];
        Assert.Equal(AttributeFields, Names(first));
        Assert.True(first.GetProperty("variable").GetBoolean());
        Assert.Equal(1, first.GetProperty("order").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("datatype_description").ValueKind);
        Assert.Equal("123", first.GetProperty("values")[0].GetProperty("key").GetString()); // keys are strings
    }

    [Fact]
    public async Task Post_answers_as_in_the_spec_example_and_get_request_shows_every_response_field()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app);
        using var client = app.Client();

        foreach (var format in new[] { "xml", "json" })
        {
            var posted = await PostAsync(client.Http, format, [.. Report(key, code, "Schlagloch " + format), ("account_id", "konto-7"), ("address_string", "Am Sande 1, Lüneburg"), ("address_id", "A-4711"), ("first_name", "Erika"), ("email", "erika@example.org")]);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            string id;
            if (format == "xml")
            {
                var doc = await XmlAsync(posted);
                Assert.Equal("service_requests", doc.Root!.Name.LocalName);
                var request = Assert.Single(doc.Root.Elements());
                Assert.Equal("request", request.Name.LocalName);
                Assert.Equal(PostFields, Names(request));
                Assert.Equal("konto-7", request.Element("account_id")!.Value);
                id = request.Element("service_request_id")!.Value;
            }
            else
            {
                var doc = await JsonAsync(posted);
                var request = Assert.Single(doc.EnumerateArray());
                Assert.Equal(PostFields, Names(request));
                Assert.Equal(JsonValueKind.String, request.GetProperty("service_request_id").ValueKind);
                id = request.GetProperty("service_request_id").GetString()!;
            }

            Assert.Matches(@"^\d{4}-\d{6}$", id);
            var xml = await XmlAsync(await client.Http.GetAsync($"/open311/v2/requests/{id}.xml"));
            var element = Assert.Single(xml.Root!.Elements());
            Assert.Equal(RequestFields, Names(element));
            Assert.Equal("open", element.Element("status")!.Value);
            Assert.Equal(code, element.Element("service_code")!.Value);
            Assert.Equal("Schlagloch " + format, element.Element("description")!.Value);
            Assert.Equal("Am Sande 1, Lüneburg", element.Element("address")!.Value);
            Assert.Equal("A-4711", element.Element("address_id")!.Value);
            Assert.Equal(Lat, element.Element("lat")!.Value);
            Assert.Equal(Long, element.Element("long")!.Value);
            Assert.Matches(W3Datetime(), element.Element("requested_datetime")!.Value);
            Assert.Matches(W3Datetime(), element.Element("updated_datetime")!.Value);
            Assert.DoesNotContain("Erika", xml.ToString(), StringComparison.Ordinal); // no personal data in a GET
            Assert.DoesNotContain("erika@example.org", xml.ToString(), StringComparison.Ordinal);

            var json = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests/{id}.json"));
            var item = Assert.Single(json.EnumerateArray());
            Assert.Equal(RequestFields, Names(item));
            Assert.Equal(id, item.GetProperty("service_request_id").GetString());
            Assert.Equal(53.2489, item.GetProperty("lat").GetDouble());
            Assert.Equal(JsonValueKind.String, item.GetProperty("address_id").ValueKind);
            Assert.Equal(JsonValueKind.Null, item.GetProperty("zipcode").ValueKind);
        }
    }

    [Fact]
    public async Task Tokens_list_and_errors_follow_the_spec_examples()
    {
        var key = await IssueKeyAsync(app);
        var code = await CategoryAsync(app);
        using var client = app.Client();
        var id = (await XmlAsync(await PostAsync(client.Http, "xml", Report(key, code)))).Root!.Element("request")!.Element("service_request_id")!.Value;
        string token;
        await using (var db = app.Db())
        {
            token = db.Open311Requests.Single(r => r.Concern!.ReferenceNumber == id).Token;
        }

        var xml = await XmlAsync(await client.Http.GetAsync($"/open311/v2/tokens/{token}.xml"));
        Assert.Equal(TokenFields, Names(xml.Root!.Element("request")!));
        Assert.Equal(id, xml.Root.Element("request")!.Element("service_request_id")!.Value);
        var json = await JsonAsync(await client.Http.GetAsync($"/open311/v2/tokens/{token}.json"));
        Assert.Equal(TokenFields, Names(json[0]));
        Assert.Equal(token, json[0].GetProperty("token").GetString());

        var list = await XmlAsync(await client.Http.GetAsync($"/open311/v2/requests.xml?service_code={code}"));
        var request = Assert.Single(list.Root!.Elements());
        Assert.Equal(RequestFields, Names(request));
        var listJson = await JsonAsync(await client.Http.GetAsync($"/open311/v2/requests.json?service_code={code}&status=open"));
        Assert.Equal(RequestFields, Names(Assert.Single(listJson.EnumerateArray())));

        var forbidden = await PostAsync(client.Http, "xml", Report("falsch", code));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var errors = await XmlAsync(forbidden);
        Assert.Equal("errors", errors.Root!.Name.LocalName);
        var error = Assert.Single(errors.Root.Elements());
        Assert.Equal("error", error.Name.LocalName);
        Assert.Equal(ErrorFields, Names(error));
        Assert.Equal("403", error.Element("code")!.Value);
        Assert.StartsWith("api_key: ", error.Element("description")!.Value, StringComparison.Ordinal);
        var errorsJson = await JsonAsync(await PostAsync(client.Http, "json", Report("falsch", code)));
        Assert.Equal(ErrorFields, Names(errorsJson[0]));
        Assert.Equal(403, errorsJson[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Discovery_document_has_the_fields_of_the_spec_example()
    {
        using var client = app.Client();
        var xml = await XmlAsync(await client.Http.GetAsync("/open311/discovery.xml"));
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.Equal(DiscoveryFields, Names(xml.Root));
        var endpoint = Assert.Single(xml.Root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal(EndpointFields, Names(endpoint));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value, StringComparison.Ordinal);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));

        var json = await JsonAsync(await client.Http.GetAsync("/open311/discovery.json"));
        Assert.Equal(DiscoveryFields, Names(json));
        Assert.Equal(EndpointFields, Names(json.GetProperty("endpoints")[0]));
        Assert.Equal("application/json", json.GetProperty("endpoints")[0].GetProperty("formats")[1].GetString());
    }

    [Fact]
    public async Task Get_answers_carry_cors_an_empty_result_is_an_empty_list_and_a_foreign_jurisdiction_is_404()
    {
        using var client = app.Client();
        var empty = await client.Http.GetAsync("/open311/v2/requests.json?service_code=gibt-es-nicht");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("*", empty.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(0, (await JsonAsync(empty)).GetArrayLength());
        var emptyXml = await XmlAsync(await client.Http.GetAsync("/open311/v2/requests.xml?service_code=gibt-es-nicht"));
        Assert.Equal("service_requests", emptyXml.Root!.Name.LocalName);
        Assert.Empty(emptyXml.Root.Elements());

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/open311/v2/services.xml?jurisdiction_id=lueneburg.de")).StatusCode);
        var foreign = await client.Http.GetAsync("/open311/v2/services.json?jurisdiction_id=sfgov.org");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.StartsWith("jurisdiction_id: ", (await JsonAsync(foreign))[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/open311/v2/services/gibt-es-nicht.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/open311/v2/requests/1999-000001.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/open311/v2/tokens/unbekannt.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/open311/v2/services.csv")).StatusCode);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class SpecExampleTests_Sqlite(SqliteApp app) : SpecExampleTests(app);

[Collection(nameof(PostgresApp))]
public sealed class SpecExampleTests_Postgres(PostgresApp app) : SpecExampleTests(app);
