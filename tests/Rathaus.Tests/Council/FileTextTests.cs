using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rathaus.Council.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Council;

/// <summary>Text extraction from council files: PDFs with PdfPig, Word and OpenDocument files from their XML.</summary>
public sealed class FileTextTests
{
    private readonly ListLogger _log = new();

    [Fact]
    public void The_demo_pdfs_have_text_that_can_be_extracted_with_umlauts_and_typographic_characters()
    {
        var pdf = TinyPdf.Create("Drucksache 2026/0042", ["Bebauungsplan „Am Schierbrunnen“ – Änderung", "Größe der Fläche: 1.200 m²"]);
        var text = FileText.Of("drucksache.pdf", "application/pdf", pdf, _log);
        Assert.NotNull(text);
        Assert.Contains("Drucksache 2026/0042", text);
        Assert.Contains("Bebauungsplan „Am Schierbrunnen“ – Änderung", text);
        Assert.Contains("Größe der Fläche: 1.200 m²", text);
        Assert.Empty(_log.Entries);
    }

    [Theory]
    [InlineData("kaputt.pdf", "application/pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog")]
    [InlineData("leer.pdf", "application/pdf", "%PDF-")]
    [InlineData("kaputt.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\u0003\u0004 kein zip")]
    public void A_broken_file_gives_no_text_and_is_logged(string fileName, string mimeType, string content)
    {
        Assert.Null(FileText.Of(fileName, mimeType, Encoding.Latin1.GetBytes(content), _log));
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(fileName, entry.Message);
    }

    [Fact]
    public void A_truncated_pdf_gives_no_text_or_its_readable_part_and_never_throws()
    {
        var pdf = TinyPdf.Create("Abgeschnitten", ["Zeile"]);
        for (var length = 10; length < pdf.Length; length += 37)
        {
            var text = FileText.Of("teil.pdf", "application/pdf", pdf[..length], _log);
            Assert.True(text is null || text.Contains("Abgeschnitten", StringComparison.Ordinal), text);
        }
    }

    [Fact]
    public void A_file_that_is_not_what_its_name_claims_gives_no_text()
    {
        Assert.Null(FileText.Of("brief.pdf", "application/pdf", "Nur Text, kein PDF"u8.ToArray(), _log));
        Assert.Null(FileText.Of("bild.png", "image/png", [0x89, 0x50, 0x4E, 0x47], _log));
    }

    [Fact]
    public void Word_documents_give_their_paragraphs()
    {
        var docx = Zip("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            <w:p><w:r><w:t>Beschlussvorschlag zur</w:t></w:r><w:r><w:t xml:space="preserve"> Straßenreinigung</w:t></w:r></w:p>
            <w:p><w:r><w:t>Zweiter Absatz &amp; mehr</w:t></w:r></w:p>
            </w:body></w:document>
            """);
        var text = FileText.Of("vorlage.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, _log);
        Assert.Equal("Beschlussvorschlag zur Straßenreinigung\nZweiter Absatz & mehr", text);
    }

    [Fact]
    public void OpenDocument_texts_give_their_paragraphs_and_headings()
    {
        var odt = Zip("content.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
            <office:body><office:text><text:h>Anfrage</text:h><text:p>Wie viele Parkplätze<text:s/>gibt es?</text:p></office:text></office:body>
            </office:document-content>
            """);
        var text = FileText.Of("anfrage.odt", "application/vnd.oasis.opendocument.text", odt, _log);
        Assert.Equal("Anfrage\nWie viele Parkplätze gibt es?", text);
    }

    [Fact]
    public void Office_xml_with_a_doctype_is_refused_not_expanded()
    {
        var docx = Zip("word/document.xml", """
            <?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>
            """);
        Assert.Null(FileText.Of("bombe.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, _log));
        Assert.Single(_log.Entries);
    }

    private static byte[] Zip(string name, string xml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(xml));
        }

        return buffer.ToArray();
    }
}

/// <summary>Text is extracted whenever a file is saved, for the demo data as for new files.</summary>
public abstract class FileTextStoredTests(RathausApp app)
{
    [Fact]
    public async Task Every_demo_pdf_has_its_text_stored_from_the_pdf_itself()
    {
        await using var db = app.Db();
        // The demo's files are named like einladung-3.pdf, drucksache-2026-0042.pdf; other tests' files have no dash.
        var files = await db.CouncilFiles.Where(f => f.MimeType == "application/pdf" && EF.Functions.Like(f.FileName, "%-%")).Select(f => new { f.Name, f.Text }).ToListAsync();
        Assert.True(files.Count > 200);
        Assert.All(files, f => Assert.Contains(f.Name, f.Text ?? ""));
    }

    [Fact]
    public async Task A_new_file_gets_its_text_when_saved_and_a_broken_one_is_stored_without()
    {
        await using var db = app.Db();
        var paper = await db.Papers.OrderBy(p => p.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var good = CouncilFile.From("Anlage Gut", "gut.pdf", "application/pdf", TinyPdf.Create("Anlage", ["Wasserstandsmeldung Ilmenau"]), now);
        var broken = CouncilFile.From("Anlage Kaputt", "kaputt.pdf", "application/pdf", "%PDF-1.7 kaputt"u8.ToArray(), now);
        good.PaperId = broken.PaperId = paper.Id;
        db.CouncilFiles.AddRange(good, broken);
        await db.SaveChangesAsync();

        await using var check = app.Db();
        Assert.Contains("Wasserstandsmeldung Ilmenau", (await check.CouncilFiles.SingleAsync(f => f.Id == good.Id)).Text);
        Assert.Null((await check.CouncilFiles.SingleAsync(f => f.Id == broken.Id)).Text);
    }
}

[Collection(nameof(SqliteApp))]
public sealed class FileTextStoredTests_Sqlite(SqliteApp app) : FileTextStoredTests(app);

[Collection(nameof(PostgresApp))]
public sealed class FileTextStoredTests_Postgres(PostgresApp app) : FileTextStoredTests(app);

internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
