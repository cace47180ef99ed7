using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Templates;

/// <summary>
/// A Textbaustein: a prepared answer with placeholders such as {Vorgangsnummer}. It belongs to a unit (only that
/// unit and its staff use it) or, without a unit, to the whole administration.
/// </summary>
public sealed class ReplyTemplate : IDeactivatable
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }

    /// <summary>Null: offered to every unit.</summary>
    public int? OrgUnitId { get; set; }

    public OrgUnit? OrgUnit { get; set; }
    public bool IsActive { get; set; } = true;

    public string AuditKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public object Snapshot() => new { Title, Text, OrgUnitId, UnitCode = OrgUnit?.Code, IsActive };
}

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> template)
    {
        template.Property(t => t.Title).HasMaxLength(200);
        template.Property(t => t.Text).HasMaxLength(10_000);
        template.HasOne(t => t.OrgUnit).WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        template.HasIndex(t => new { t.OrgUnitId, t.Title });
    }
}
