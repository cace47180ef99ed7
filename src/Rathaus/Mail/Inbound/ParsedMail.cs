namespace Rathaus.Mail.Inbound;

/// <summary>Why a mail must not be answered automatically (RFC 3834 and what helpdesks learned beyond it).</summary>
public enum AutomaticKind
{
    None = 0,
    AutoReply = 1, // out of office, auto-responders
    List = 2,      // mailing lists, newsletters, bulk
    Bounce = 3,    // delivery reports, MAILER-DAEMON, empty return path
    Loop = 4,      // carries an X-Loop header: some system is answering in a circle
}

/// <summary>A file that came with a mail, as it was in the mail (checked later like a web upload).</summary>
public sealed record MailFile(string FileName, string ContentType, byte[] Content);

/// <summary>A delivery status notification (RFC 3464): which of our mails failed, for whom, and why.</summary>
public sealed record DeliveryReport(string? OriginalMessageId, string? Recipient, string? Status, string? Diagnostic, string Text);

/// <summary>An incoming mail reduced to what the intake needs; every field is safe to store and show as text.</summary>
public sealed class ParsedMail
{
    /// <summary><c>mid:</c> + Message-ID, or <c>sha256:</c> + hash of the mail when it has none.</summary>
    public required string Key { get; init; }

    public string? MessageId { get; init; }
    public string? FromAddress { get; init; }
    public string? FromName { get; init; }
    public string Subject { get; init; } = "";

    /// <summary>The readable text: the plain part, or text derived from the sanitized HTML; forwarded mails appended.</summary>
    public string Text { get; init; } = "";

    /// <summary>In-Reply-To and References, newest first, without angle brackets.</summary>
    public IReadOnlyList<string> ReferencedIds { get; init; } = [];

    public IReadOnlyList<MailFile> Files { get; init; } = [];

    /// <summary>Parts that could not be taken (too deeply nested, unreadable), in German for the concern.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public AutomaticKind Automatic { get; init; }

    /// <summary>The header (or sign) that made the mail automatic, for the record.</summary>
    public string? AutomaticReason { get; init; }

    /// <summary>The X-Loop header's value: our own address there means our mail came back.</summary>
    public string? LoopAddress { get; init; }

    public DeliveryReport? Report { get; init; }
}
