namespace Rathaus.Concerns.Model;

/// <summary>
/// One submitted answer to a question of the concern's category (an Open311 service attribute). The question's text
/// is copied, so the answer stays readable when the question is later changed or removed. A multiple choice answer is
/// stored as one row per chosen value.
/// </summary>
public sealed class ConcernAttributeValue
{
    public long Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }

    /// <summary>The attribute's code (Open311 <c>attribute[code]</c>).</summary>
    public required string Code { get; set; }

    /// <summary>The question as it was asked (the attribute's description).</summary>
    public required string Label { get; set; }

    /// <summary>The value as sent (for lists: the key of the chosen value).</summary>
    public required string Value { get; set; }

    /// <summary>For lists: the name of the chosen value; else null.</summary>
    public string? ValueName { get; set; }

    public int Order { get; set; }
}
