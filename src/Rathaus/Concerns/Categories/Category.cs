using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Categories;

/// <summary>A Kategorie of concerns; a tree whose codes double as Open311 service codes.</summary>
public sealed class Category : IDeactivatable
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }

    /// <summary>Working days until the first reply is due; null means the installation's default (Deadlines:FirstReplyDays).</summary>
    public int? FirstReplyDays { get; set; }

    /// <summary>Working days until the final answer is due; null means the default (Deadlines:FinalAnswerDays).</summary>
    public int? FinalAnswerDays { get; set; }

    public string AuditKey => Code;

    public object Snapshot() => new { Code, Name, Description, ParentId, ParentCode = Parent?.Code, SortOrder, FirstReplyDays, FinalAnswerDays, IsActive };
}

/// <summary>A Zuständigkeit: concerns of this category (optionally in this district) go to this unit.</summary>
public sealed class ResponsibilityRule
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }

    /// <summary>District name (Stadtteil); null means the whole city.</summary>
    public string? District { get; set; }

    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }

    /// <summary>Names the category and unit by code: load <see cref="Category"/> and <see cref="OrgUnit"/> first.</summary>
    public object Snapshot() => new { CategoryId, CategoryCode = Category?.Code, District, OrgUnitId, UnitCode = OrgUnit?.Code, UnitName = OrgUnit?.Name };
}
