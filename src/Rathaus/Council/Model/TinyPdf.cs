using System.Text;

namespace Rathaus.Council.Model;

/// <summary>
/// Writes a minimal valid one-page PDF with a few lines of text (Helvetica, WinAnsi): enough for demo documents
/// and tests without a PDF library.
/// </summary>
public static class TinyPdf
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    // WinAnsiEncoding is Windows-1252: Latin-1 plus typographic quotes, dashes and a few more in 0x80–0x9F.
    private static char WinAnsi(char c) => c switch
    {
        '€' => '\u0080',
        '‚' => '\u0082',
        '„' => '\u0084',
        '…' => '\u0085',
        '‘' => '\u0091',
        '’' => '\u0092',
        '“' => '\u0093',
        '”' => '\u0094',
        '•' => '\u0095',
        '–' => '\u0096',
        '—' => '\u0097',
        _ => c,
    };

    public static byte[] Create(string title, IEnumerable<string> lines)
    {
        var text = new StringBuilder("BT /F1 14 Tf 56 780 Td ");
        text.Append('(').Append(Escape(title)).Append(") Tj /F1 10 Tf");
        foreach (var line in lines)
        {
            text.Append(" 0 -18 Td (").Append(Escape(line)).Append(") Tj");
        }

        text.Append(" ET");
        var stream = text.ToString();

        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {Latin1.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
        ];

        using var output = new MemoryStream();
        void Write(string s) => output.Write(Latin1.GetBytes(s));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    // Characters outside Windows-1252 become '?', which is acceptable in demo documents.
    private static string Escape(string s) =>
        string.Concat(s.Select(WinAnsi)).Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
}
