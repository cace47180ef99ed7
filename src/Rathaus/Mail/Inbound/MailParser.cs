using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Tnef;

namespace Rathaus.Mail.Inbound;

/// <summary>
/// Reads a mail with MimeKit into a <see cref="ParsedMail"/>: the text (plain part preferred, otherwise derived from the
/// sanitized HTML), every file (attachments, inline images, the contents of winmail.dat), forwarded mails, and
/// delivery reports. Never throws for bad content: what cannot be read is named in <see cref="ParsedMail.Problems"/>.
/// </summary>
public static class MailParser
{
    /// <summary>Deeper nesting is refused, not followed: no mail program nests further, an attack might.</summary>
    public const int MaxDepth = 32;

    /// <summary>Also the parser's own limit, so that a hostile mail cannot make it recurse thousands of levels deep.</summary>
    public static readonly ParserOptions Options = CreateOptions();

    private static ParserOptions CreateOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = MaxDepth + 8;
        // 8-bit header bytes that are no UTF-8 are most likely Windows-1252 (German mail programs of old).
        options.CharsetEncoding = CodePagesEncoding("windows-1252");
        return options;
    }

    public static MimeMessage Load(Stream stream) => MimeMessage.Load(Options, stream);

    public static ParsedMail Parse(MimeMessage message, byte[]? raw = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reader = new Reader();
        if (message.Body is not null)
        {
            reader.Walk(message.Body, 0);
        }

        var (automatic, reason) = AutomaticMail.Classify(message);
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender ?? message.ReplyTo.Mailboxes.FirstOrDefault();
        var referenced = new List<string>();
        if (message.InReplyTo is { Length: > 0 } inReplyTo)
        {
            referenced.Add(inReplyTo);
        }

        referenced.AddRange(message.References.Reverse().Where(r => !referenced.Contains(r)));
        return new ParsedMail
        {
            Key = KeyOf(message, raw),
            MessageId = Clean(message.MessageId),
            FromAddress = from?.Address is { Length: > 0 } address && address.Contains('@') ? address.Trim().ToLowerInvariant() : null,
            FromName = Clean(from?.Name),
            Subject = Clean(message.Subject) ?? "",
            Text = reader.Text(),
            ReferencedIds = referenced,
            Files = reader.Files,
            Problems = reader.Problems,
            Automatic = automatic,
            AutomaticReason = reason,
            LoopAddress = message.Headers["X-Loop"]?.Trim(),
            Report = reader.Report,
        };
    }

    /// <summary>The idempotency key: the Message-ID, or (without one) a hash of the mail as it was received.</summary>
    public static string KeyOf(MimeMessage message, byte[]? raw = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.MessageId is { Length: > 0 } id)
        {
            var key = "mid:" + id.Trim();
            return key.Length <= 300 ? key : "mid-sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        }

        if (raw is null)
        {
            using var buffer = new MemoryStream();
            message.WriteTo(buffer);
            raw = buffer.ToArray();
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));
    }

    /// <summary>Control characters out, whitespace runs in headers collapsed; null when nothing is left.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            kept.Append(char.IsControl(c) ? ' ' : c);
        }

        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Encoding CodePagesEncoding(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    private sealed class Reader
    {
        private readonly List<string> _texts = [];
        public List<MailFile> Files { get; } = [];
        public List<string> Problems { get; } = [];
        public DeliveryReport? Report { get; private set; }

        // NUL characters are refused by PostgreSQL text columns and mean nothing in a mail.
        public string Text() => string.Join("\n\n", _texts.Select(t => t.Replace("\0", "", StringComparison.Ordinal).Trim('\n', '\r', ' ')).Where(t => t.Length > 0));

        public void Walk(MimeEntity entity, int depth)
        {
            if (depth > MaxDepth)
            {
                Problems.Add("Ein Teil der E-Mail ist zu tief verschachtelt und wurde nicht übernommen.");
                return;
            }

            switch (entity)
            {
                case MultipartReport report:
                    ReadReport(report, depth);
                    break;
                case MultipartAlternative alternative:
                    ReadAlternative(alternative, depth);
                    break;
                case MultipartRelated related:
                    ReadRelated(related, depth);
                    break;
                case Multipart multipart:
                    foreach (var part in multipart)
                    {
                        Walk(part, depth + 1);
                    }

                    break;
                case MessagePart { Message: { } forwarded }:
                    ReadForwarded(forwarded, depth);
                    break;
                case TnefPart tnef:
                    ReadTnef(tnef, depth);
                    break;
                case TextPart text when !text.IsAttachment && (text.IsPlain || text.IsHtml):
                    _texts.Add(TextOf(text));
                    break;
                case MimePart part:
                    AddFile(part);
                    break;
            }
        }

        // Prefer the plain text the sender wrote; derive it from HTML only when there is none.
        private void ReadAlternative(MultipartAlternative alternative, int depth)
        {
            var plain = alternative.OfType<TextPart>().FirstOrDefault(t => t.IsPlain && !t.IsAttachment && TextOf(t).Trim().Length > 0);
            if (plain is not null)
            {
                _texts.Add(TextOf(plain));
                // Inline images live in the HTML branch (multipart/related); take them too.
                foreach (var related in alternative.OfType<MultipartRelated>())
                {
                    foreach (var part in related.Skip(1))
                    {
                        Walk(part, depth + 2);
                    }
                }

                return;
            }

            var best = alternative.LastOrDefault(p => p is MultipartRelated or TextPart { IsHtml: true }) ?? alternative.LastOrDefault();
            if (best is not null)
            {
                Walk(best, depth + 1);
            }
        }

        private void ReadRelated(MultipartRelated related, int depth)
        {
            var root = related.Root;
            if (root is not null)
            {
                Walk(root, depth + 1);
            }

            foreach (var part in related.Where(p => p != root))
            {
                Walk(part, depth + 1);
            }
        }

        private void ReadForwarded(MimeMessage forwarded, int depth)
        {
            var header = new StringBuilder("---------- Weitergeleitete Nachricht ----------\n");
            if (forwarded.From.Mailboxes.FirstOrDefault() is { } from)
            {
                header.Append("Von: ").Append(Clean(from.Name) is { } name ? $"{name} <{from.Address}>" : from.Address).Append('\n');
            }

            if (forwarded.Date != DateTimeOffset.MinValue)
            {
                header.Append("Datum: ").Append(forwarded.Date.ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }

            header.Append("Betreff: ").Append(Clean(forwarded.Subject) ?? "").Append('\n');
            _texts.Add(header.ToString());
            if (forwarded.Body is not null)
            {
                Walk(forwarded.Body, depth + 1);
            }
        }

        // Outlook's winmail.dat: the files inside are what the sender attached. Its copy of the body (plain, HTML or
        // RTF) repeats the mail's own text part and counts only when the mail has no text of its own.
        private void ReadTnef(TnefPart tnef, int depth)
        {
            List<MimeEntity> parts;
            try
            {
                parts = IsBroken(tnef) ? [] : [.. tnef.ExtractAttachments()];
            }
#pragma warning disable CA1031 // a broken winmail.dat is kept as a file, the rest of the mail still counts
            catch (Exception)
#pragma warning restore CA1031
            {
                parts = [];
            }

            if (parts.Count == 0)
            {
                AddFile(tnef);
                return;
            }

            var hasText = _texts.Count > 0;
            foreach (var part in parts)
            {
                if (part is TextPart { IsAttachment: false } body && (body.IsPlain || body.IsHtml || body.IsRichText))
                {
                    if (!hasText && !body.IsRichText)
                    {
                        _texts.Add(TextOf(body));
                        hasText = true;
                    }

                    continue;
                }

                Walk(part, depth + 1);
            }
        }

        // MimeKit reads a cut-off winmail.dat without complaint and yields nothing; the reader's status tells.
        private static bool IsBroken(TnefPart tnef)
        {
            if (tnef.Content is null)
            {
                return true;
            }

            using var content = tnef.Content.Open();
            using var reader = new TnefReader(content, 0, TnefComplianceMode.Loose);
            while (reader.ReadNextAttribute())
            {
            }

            const TnefComplianceStatus broken = TnefComplianceStatus.StreamTruncated | TnefComplianceStatus.InvalidTnefSignature
                | TnefComplianceStatus.InvalidAttributeLength | TnefComplianceStatus.AttributeOverflow;
            return (reader.ComplianceStatus & broken) != 0;
        }

        private void ReadReport(MultipartReport report, int depth)
        {
            var human = report.OfType<TextPart>().FirstOrDefault();
            var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
            var original = report.OfType<MessagePart>().FirstOrDefault()?.Message;
            if (status is null)
            {
                // Another kind of report (e.g. a read receipt): read it as an ordinary mail.
                foreach (var part in report)
                {
                    Walk(part, depth + 1);
                }

                return;
            }

            string? recipient = null, code = null, diagnostic = null;
            foreach (var group in status.StatusGroups.Skip(1))
            {
                recipient ??= AfterSemicolon(group["Final-Recipient"] ?? group["Original-Recipient"]);
                code ??= group["Status"]?.Trim();
                diagnostic ??= AfterSemicolon(group["Diagnostic-Code"]);
            }

            var text = human is null ? "" : TextOf(human);
            _texts.Add(text);
            Report = new DeliveryReport(Clean(original?.MessageId), recipient?.ToLowerInvariant(), code, Clean(diagnostic), text.Trim());
        }

        private static string? AfterSemicolon(string? value)
        {
            if (value is null)
            {
                return null;
            }

            var semicolon = value.IndexOf(';', StringComparison.Ordinal);
            return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim();
        }

        private void AddFile(MimePart part)
        {
            try
            {
                using var content = new MemoryStream();
                part.Content?.DecodeTo(content);
                var name = part.FileName ?? part.ContentId ?? part.ContentType.MimeType.Replace('/', '.');
                Files.Add(new MailFile(name, part.ContentType.MimeType, content.ToArray()));
            }
#pragma warning disable CA1031 // an undecodable part is named as refused, the rest of the mail still counts
            catch (Exception)
#pragma warning restore CA1031
            {
                Problems.Add("Ein Anhang der E-Mail war beschädigt und wurde nicht übernommen.");
            }
        }

        private static string TextOf(TextPart part)
        {
            string text;
            try
            {
                text = part.Text ?? "";
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // An unknown charset: Latin-1 maps every byte to some character, nothing is lost.
                text = part.GetText(Encoding.Latin1);
            }

            return part.IsHtml ? HtmlText.ToPlain(text) : text.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
    }
}
