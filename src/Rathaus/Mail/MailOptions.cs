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
