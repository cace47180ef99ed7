namespace Rathaus.Mail;

/// <summary>The <c>Mail</c> section: how Rathaus sends mail.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Sender of all automatic mails, e.g. <c>Hansestadt Lüneburg &lt;rathaus@stadt.example&gt;</c>.</summary>
    public string From { get; set; } = "Hansestadt Lüneburg <rathaus@rathaus-lueneburg.example>";

    /// <summary>Domain of our Message-IDs; defaults to the sender's domain.</summary>
    public string? MessageIdDomain { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the dispatcher looks for due mails in the outbox.</summary>
    public int DispatchIntervalSeconds { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; it doubles with every further failure …</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>… up to this.</summary>
    public int RetryAtMostSeconds { get; set; } = 3600;

    /// <summary>The mailboxes Rathaus reads (IMAP), e.g. the city's general address and the units' functional mailboxes.</summary>
    public List<InboxOptions> Inboxes { get; set; } = [];

    public IntakeOptions Intake { get; set; } = new();
}

/// <summary>One mailbox to read. Passwords belong in the environment (<c>Mail__Inboxes__0__Password</c>), not in files.</summary>
public sealed class InboxOptions
{
    /// <summary>Unique name; the claim in the database and the intake records use it.</summary>
    public string Name { get; set; } = "";

    /// <summary>The mailbox's own address: mails from it are never answered automatically.</summary>
    public string? Address { get; set; }

    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    public string InboxFolder { get; set; } = "INBOX";

    /// <summary>Where a mail goes once its concern or case message is committed.</summary>
    public string ProcessedFolder { get; set; } = "Verarbeitet";

    /// <summary>Where a mail goes that could not be processed (after retries) or is too large.</summary>
    public string FailedFolder { get; set; } = "Fehler";

    /// <summary>Code of the org unit new concerns from this mailbox go to; none: the central triage.</summary>
    public string? UnitCode { get; set; }
}

public sealed class IntakeOptions
{
    /// <summary>How often a mailbox is looked at when the server offers no IDLE (and at the latest with IDLE).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>IMAP IDLE where the server offers it: new mail is taken in at once.</summary>
    public bool UseIdle { get; set; } = true;

    /// <summary>How long a node's claim on a mailbox lasts without renewal; a node that died loses it after this.</summary>
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>Larger mails are not taken in: they go to the error folder and the sender is told.</summary>
    public long MaxMessageBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>A mail that fails this often goes to the error folder and is listed for administrators.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before a failed mail is tried again.</summary>
    public int RetrySeconds { get; set; } = 30;

    /// <summary>At most this many automatic mails (acknowledgements, notices) to one address …</summary>
    public int AutomaticMailsPerAddress { get; set; } = 5;

    /// <summary>… within this many minutes.</summary>
    public int AutomaticMailsPerAddressMinutes { get; set; } = 60;

    /// <summary>At most this many automatic mails about one concern …</summary>
    public int AutomaticMailsPerConcern { get; set; } = 10;

    /// <summary>… within this many minutes.</summary>
    public int AutomaticMailsPerConcernMinutes { get; set; } = 10;
}

public sealed class SmtpOptions
{
    /// <summary>No host: mails stay in the outbox (nothing is lost) until one is configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}
