using Rathaus.Concerns.Categories;

namespace Rathaus.Open311.Attributes;

/// <summary>GeoReport v2 "datatype" of a service attribute; the names are the spec's values in lower case.</summary>
public enum AttributeDatatype
{
    ShortText = 0,       // "string": a line of text without line breaks
    Number = 1,          // a numeric value
    Datetime = 2,        // must transform into a valid ISO 8601 date
    Text = 3,            // "text": text that may contain line breaks
    SingleValueList = 4, // exactly one of the values
    MultiValueList = 5,  // several of the values
}

/// <summary>
/// A question that reports of one category answer (an Open311 service attribute, GET services/{code}): staff define
/// them per category, apps show them as form fields, and the answers are stored with the concern.
/// </summary>
public sealed class ServiceAttribute
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }

    /// <summary>Unique within the category; apps send the answer as <c>attribute[code]</c>.</summary>
    public required string Code { get; set; }

    public AttributeDatatype Datatype { get; set; }

    /// <summary>GeoReport v2: false means "only used to present information to the user within the description field".</summary>
    public bool Variable { get; set; } = true;

    public bool Required { get; set; }
    public string? DatatypeDescription { get; set; }

    /// <summary>GeoReport v2: "1 is shown first"; a positive integer not used by another attribute of the category.</summary>
    public int Order { get; set; }

    /// <summary>The question or instruction shown to the citizen.</summary>
    public required string Description { get; set; }

    public List<ServiceAttributeValue> Values { get; set; } = [];

    public bool IsList => Datatype is AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList;

    public string AuditKey => (Category?.Code ?? CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "/" + Code;

    public object Snapshot() => new
    {
        CategoryCode = Category?.Code,
        Code,
        Datatype,
        Variable,
        Required,
        DatatypeDescription,
        Order,
        Description,
        Values = Values.OrderBy(v => v.Order).Select(v => v.Key + "=" + v.Name).ToList(),
    };

    /// <summary>The GeoReport v2 spelling of the datatype.</summary>
    public static string SpecName(AttributeDatatype datatype) => datatype switch
    {
        AttributeDatatype.ShortText => "string",
        _ => datatype.ToString().ToLowerInvariant(),
    };
}

/// <summary>One choice of a single or multiple value list: key (sent by apps) and name (shown to people).</summary>
public sealed class ServiceAttributeValue
{
    public int Id { get; set; }
    public int ServiceAttributeId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}
