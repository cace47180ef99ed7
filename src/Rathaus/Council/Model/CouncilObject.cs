using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>
/// What every council object carries for OParl: when it was created and last changed, and the soft-delete flag
/// (OParl never lets an object vanish; a deleted one stays with <c>deleted: true</c>).
/// </summary>
public abstract class CouncilObject
{
    public int Id { get; set; }
    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }
    public bool Deleted { get; set; }

    /// <summary>
    /// The OParl id (a URL) of the object this one was imported from, so a second import updates it instead of
    /// adding a copy; null for objects entered here.
    /// </summary>
    public string? ExternalId { get; set; }

    /// <summary>Sets both timestamps of a new object.</summary>
    public void Stamp(DateTime now)
    {
        Created = now;
        Modified = now;
    }
}

internal static class CouncilObjectConfiguration
{
    public const int ExternalIdLength = 1000;

    /// <summary>The external id of every council table: looked up once per imported object, unique where set.</summary>
    public static void HasExternalId<T>(this EntityTypeBuilder<T> entity) where T : CouncilObject
    {
        entity.Property(o => o.ExternalId).HasMaxLength(ExternalIdLength);
        entity.HasIndex(o => o.ExternalId).IsUnique();
    }
}
