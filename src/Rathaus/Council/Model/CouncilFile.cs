using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Council.Model;

/// <summary>What a file is to the object it belongs to.</summary>
public enum FileRole
{
    Auxiliary = 0,        // Anlage
    MainFile = 1,         // Hauptdokument einer Drucksache
    Invitation = 2,       // Einladung
    ResultsProtocol = 3,  // Ergebnisprotokoll
    Resolution = 4,       // Beschluss eines Tagesordnungspunkts
}

/// <summary>
/// A document (PDF, office file) stored in the database with its checksums. It belongs to exactly one paper,
/// meeting or agenda item; one of a non-public agenda item is itself non-public.
/// </summary>
public sealed class CouncilFile : CouncilObject
{
    /// <summary>Title shown to people: "Anlage 1 – Lageplan".</summary>
    public required string Name { get; set; }

    public required string FileName { get; set; }
    public required string MimeType { get; set; }
    public long Size { get; set; }

    /// <summary>SHA-256 in lowercase hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>SHA-512 in lowercase hex: the checksum OParl 1.1 publishes.</summary>
    public required string Sha512 { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Extracted text for the search, where there is one.</summary>
    public string? Text { get; set; }

    public DateOnly? Date { get; set; }
    public FileRole Role { get; set; }
    public int? PaperId { get; set; }
    public Paper? Paper { get; set; }
    public int? MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int? AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }

    /// <summary>A new file with its size and checksums computed from the content.</summary>
    public static CouncilFile From(string name, string fileName, string mimeType, byte[] content, DateTime now) => new()
    {
        Name = name,
        FileName = fileName,
        MimeType = mimeType,
        Size = content.LongLength,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
        Sha512 = Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(content)),
        Content = content,
        Created = now,
        Modified = now,
    };
}

internal sealed class CouncilFileConfiguration : IEntityTypeConfiguration<CouncilFile>
{
    public void Configure(EntityTypeBuilder<CouncilFile> file)
    {
        file.HasExternalId();
        file.ToTable("CouncilFiles");
        file.Property(f => f.Name).HasMaxLength(300);
        file.Property(f => f.FileName).HasMaxLength(255);
        file.Property(f => f.MimeType).HasMaxLength(100);
        file.Property(f => f.Sha256).HasMaxLength(64);
        file.Property(f => f.Sha512).HasMaxLength(128);
        file.HasOne(f => f.Paper).WithMany(p => p.Files).HasForeignKey(f => f.PaperId).OnDelete(DeleteBehavior.Restrict);
        file.HasOne(f => f.Meeting).WithMany(m => m.Files).HasForeignKey(f => f.MeetingId).OnDelete(DeleteBehavior.Restrict);
        file.HasOne(f => f.AgendaItem).WithMany(a => a.Files).HasForeignKey(f => f.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        file.HasIndex(f => f.Modified);
        file.HasIndex(f => f.Sha256);
    }
}
