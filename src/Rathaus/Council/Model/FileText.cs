using System.IO.Compression;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig;

namespace Rathaus.Council.Model;

/// <summary>
/// The text of a council file for the full-text search: PDFs with PdfPig, Word (.docx) and OpenDocument (.odt)
/// files from their XML inside the zip. A file that cannot be read (broken, encrypted, scanned without text layer)
/// keeps no text: it is stored and published all the same, and the reason is logged.
/// </summary>
public static class FileText
{
    /// <summary>More text than this is cut: a search document needs no more, and PostgreSQL's tsvector has a 1 MB limit.</summary>
    public const int MaxLength = 200_000;

    /// <summary>The most XML read from an office file, against zip bombs.</summary>
    private const long MaxXmlBytes = 50_000_000;

    /// <summary>
    /// Fills the text of every council file added or given new content in this save, so each way of storing a file
    /// (office forms, import, demo data) gets it. Called from <c>RathausDb.SaveChangesAsync</c>.
    /// </summary>
    public static void Extract(ChangeTracker changes, ILogger logger)
    {
        foreach (var entry in changes.Entries<CouncilFile>())
        {
            var file = entry.Entity;
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Added && file.Text is null
                || entry.State == Microsoft.EntityFrameworkCore.EntityState.Modified && entry.Property(f => f.Content).IsModified && !entry.Property(f => f.Text).IsModified)
            {
                file.Text = Of(file.FileName, file.MimeType, file.Content, logger);
            }
        }
    }

    /// <summary>The text of a file, or null when it has none or cannot be read.</summary>
    public static string? Of(string fileName, string mimeType, byte[] content, ILogger logger)
    {
        try
        {
            var text = Kind(fileName, mimeType, content) switch
            {
                "pdf" => Pdf(content),
                "docx" => Office(content, "word/document.xml", "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "t", ["p", "br", "tab"]),
                "odt" => Office(content, "content.xml", "urn:oasis:names:tc:opendocument:xmlns:text:1.0", null, ["p", "h", "line-break", "tab", "s"]),
                _ => null,
            };
            text = text?.Trim();
            return string.IsNullOrEmpty(text) ? null : text.Length > MaxLength ? text[..MaxLength] : text;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig and the zip/XML readers throw many kinds of exceptions on damaged files; none may stop a save.
            logger.LogWarning(e, "No text from council file {FileName} ({MimeType}, {Size} bytes): it cannot be read", fileName, mimeType, content.Length);
            return null;
        }
    }

    /// <summary>What the content is, by its first bytes (a file may claim another type than it has).</summary>
    private static string? Kind(string fileName, string mimeType, byte[] content)
    {
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            return "pdf";
        }

        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return null;
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension == ".docx" || mimeType.Contains("wordprocessingml", StringComparison.Ordinal) ? "docx"
            : extension == ".odt" || mimeType.Contains("opendocument.text", StringComparison.Ordinal) ? "odt"
            : null;
    }

    private static string Pdf(byte[] content)
    {
        using var document = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            // The words with their gaps: the page's raw letters would run the words of a line together.
            text.AppendJoin(' ', page.GetWords().Select(w => w.Text)).Append('\n');
            if (text.Length > MaxLength)
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The text nodes of an office document's XML part, with a line break or space for the elements named in
    /// <paramref name="breaks"/>. <paramref name="textElement"/> limits it to one element's text (Word's w:t).
    /// </summary>
    private static string? Office(byte[] content, string part, string ns, string? textElement, string[] breaks)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var entry = zip.GetEntry(part);
        if (entry is null || entry.Length > MaxXmlBytes)
        {
            return null;
        }

        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxXmlBytes });
        var text = new StringBuilder();
        var inText = textElement is null ? 1 : 0;
        while (reader.Read() && text.Length <= MaxLength)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.NamespaceURI == ns && reader.LocalName == textElement && !reader.IsEmptyElement:
                    inText++;
                    break;
                case XmlNodeType.EndElement when reader.NamespaceURI == ns && reader.LocalName == textElement:
                    inText--;
                    break;
                case XmlNodeType.Element when reader.NamespaceURI == ns && breaks.Contains(reader.LocalName):
                    text.Append(reader.LocalName is "p" or "h" or "br" or "line-break" ? '\n' : ' ');
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA when inText > 0:
                    text.Append(reader.Value);
                    break;
            }
        }

        return text.ToString();
    }
}
