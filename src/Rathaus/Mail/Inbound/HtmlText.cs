using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Rathaus.Mail.Inbound;

/// <summary>
/// Plain text from an HTML-only mail. The HTML first goes through HtmlSanitizer (maintained, used by many helpdesks)
/// so that scripts, styles and other active content never reach the text, then block elements become line breaks
/// and quoted blocks (<c>blockquote</c>, as Apple Mail and Thunderbird quote) become "&gt; " lines, which the
/// display folds like quotes in plain-text mails.
/// </summary>
internal static class HtmlText
{
    private static readonly HtmlSanitizer Sanitizer = new();

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr", "section", "article", "header", "footer",
    };

    public static string ToPlain(string html)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        Sanitizer.SanitizeDom(document);
        var text = new StringBuilder();
        Append(document.Body ?? (INode)document, text, 0);
        return Tidy(text.ToString());
    }

    private static void Append(INode node, StringBuilder text, int quoteDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(string.Join(' ', t.Data.Split((char[]?)null, StringSplitOptions.None)).Replace('\u00A0', ' '));
                    break;
                case IElement { LocalName: "br" }:
                    NewLine(text, quoteDepth);
                    break;
                case IElement { LocalName: "blockquote" } quote:
                    NewLine(text, quoteDepth + 1);
                    Append(quote, text, quoteDepth + 1);
                    NewLine(text, quoteDepth);
                    break;
                case IElement { LocalName: "a" } link when link.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                                                          && !link.TextContent.Contains(href, StringComparison.OrdinalIgnoreCase):
                    Append(link, text, quoteDepth);
                    text.Append(" (").Append(href).Append(')');
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    NewLine(text, quoteDepth);
                    Append(element, text, quoteDepth);
                    NewLine(text, quoteDepth);
                    break;
                case IElement element:
                    Append(element, text, quoteDepth);
                    break;
            }
        }
    }

    private static void NewLine(StringBuilder text, int quoteDepth)
    {
        text.Append('\n');
        for (var i = 0; i < quoteDepth; i++)
        {
            text.Append("> ");
        }
    }

    /// <summary>Runs of spaces collapsed, trailing spaces removed, at most one empty line in a row.</summary>
    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => CollapseSpaces(l).TrimEnd()).ToList();
        var kept = new List<string>();
        foreach (var line in lines)
        {
            var empty = line.TrimStart('>', ' ').Length == 0;
            if (empty && (kept.Count == 0 || kept[^1].TrimStart('>', ' ').Length == 0))
            {
                continue;
            }

            kept.Add(line);
        }

        while (kept.Count > 0 && kept[^1].TrimStart('>', ' ').Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Join('\n', kept).Trim();
    }

    private static string CollapseSpaces(string line)
    {
        var result = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (c is ' ' or '\t' or '\r')
            {
                if (!space)
                {
                    result.Append(' ');
                }

                space = true;
            }
            else
            {
                result.Append(c);
                space = false;
            }
        }

        return result.ToString().TrimStart();
    }
}
