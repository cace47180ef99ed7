using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Rathaus.Concerns.Mails;

/// <summary>
/// The body of a mail to a citizen, written once and rendered twice: as plain text and as simple HTML (one language
/// attribute, paragraphs, a link with a telling name, no layout tables or images) that screen readers read well.
/// Every text is HTML-encoded, so what a citizen or a case worker typed never becomes markup.
/// </summary>
internal sealed class MailBody(string language)
{
    /// <summary>Encodes markup characters but keeps umlauts readable in the source of the mail.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly List<(string Text, string? Url)> _blocks = [];

    /// <summary>A paragraph; line breaks in it are kept.</summary>
    public MailBody Paragraph(string text)
    {
        _blocks.Add((text, null));
        return this;
    }

    /// <summary>A link: in plain text the address itself, in HTML the address behind a telling name.</summary>
    public MailBody Link(string name, string url)
    {
        _blocks.Add((name, url));
        return this;
    }

    public string Text() =>
        string.Join("\n\n", _blocks.Select(b => b.Url ?? b.Text)) + "\n";

    public string Html(string title)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n</head>\n<body>\n");
        foreach (var (text, url) in _blocks)
        {
            html.Append("<p>");
            if (url is null)
            {
                html.AppendJoin("<br>\n", text.Split('\n').Select(Encode));
            }
            else
            {
                html.Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(text)).Append("</a>");
            }

            html.Append("</p>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
