namespace Rathaus.Concerns.Model;

/// <summary>
/// A file attached to a concern. Stored in the database, so that every node can serve it (no shared disk);
/// images are stored after their metadata (EXIF, GPS) was removed.
/// </summary>
public sealed class ConcernAttachment
{
    public long Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }

    /// <summary>The timeline entry the file came with (the submission, a citizen message, a reply).</summary>
    public long? EntryId { get; set; }

    public required string FileName { get; set; }

    /// <summary>Determined from the content, not from the name.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }
    public required byte[] Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedAt { get; set; }
    public bool FromCitizen { get; set; }

    /// <summary>A file that passed the upload checks, stored with the timeline entry it came with.</summary>
    public static ConcernAttachment From(Intake.AcceptedFile file, long entryId, DateTime uploadedAt, bool fromCitizen) => new()
    {
        EntryId = entryId,
        FileName = file.FileName,
        ContentType = file.ContentType,
        Size = file.Content.LongLength,
        Sha256 = System.Security.Cryptography.SHA256.HashData(file.Content),
        Content = file.Content,
        UploadedAt = uploadedAt,
        FromCitizen = fromCitizen,
    };
}

/// <summary>The last reference number handed out per year; incremented in the concern's own transaction (gap-free).</summary>
public sealed class ReferenceCounter
{
    public int Year { get; set; }
    public int Last { get; set; }
}
