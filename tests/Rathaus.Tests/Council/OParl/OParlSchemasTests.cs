using System.Text.Json.Nodes;

namespace Rathaus.Tests.Council.OParl;

/// <summary>The schema check itself finds what is wrong, so a passing OParl test means something.</summary>
public sealed class OParlSchemasTests
{
    [Fact]
    public void A_missing_required_field_a_wrong_type_and_a_bad_embedded_object_are_found()
    {
        var valid = JsonNode.Parse("""{"id":"https://x.example/oparl/v1.1/agendaItem/1","type":"https://schema.oparl.org/1.1/AgendaItem","order":1,"public":true}""")!;
        Assert.Empty(OParlSchemas.Violations("AgendaItem", valid));

        var noOrder = JsonNode.Parse("""{"id":"https://x.example/oparl/v1.1/agendaItem/1","type":"https://schema.oparl.org/1.1/AgendaItem"}""")!;
        Assert.NotEmpty(OParlSchemas.Violations("AgendaItem", noOrder));

        var wrongType = JsonNode.Parse("""{"id":"https://x.example/oparl/v1.1/agendaItem/1","type":"https://schema.oparl.org/1.1/Meeting","order":1}""")!;
        Assert.NotEmpty(OParlSchemas.Violations("AgendaItem", wrongType));

        var badDate = JsonNode.Parse("""{"id":"https://x.example/m/1","type":"https://schema.oparl.org/1.1/Meeting","start":"gestern"}""")!;
        Assert.NotEmpty(OParlSchemas.Violations("Meeting", badDate));

        var badEmbedded = JsonNode.Parse("""{"id":"https://x.example/m/1","type":"https://schema.oparl.org/1.1/Meeting","agendaItem":[{"id":"https://x.example/a/1","type":"https://schema.oparl.org/1.1/AgendaItem"}]}""")!;
        Assert.Contains(OParlSchemas.Violations("Meeting", badEmbedded), v => v.StartsWith("AgendaItem/agendaItem/0", StringComparison.Ordinal));
    }
}
