namespace Rathaus.Platform.Alerts;

public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>When the daily digest goes out (Lüneburg time, every day).</summary>
    public TimeOnly DigestAt { get; set; } = new(7, 0);

    /// <summary>When unconfirmed subscriptions past their week are deleted.</summary>
    public TimeOnly CleanupAt { get; set; } = new(6, 45);

    /// <summary>How long the link in a confirmation mail is valid; afterwards the subscription is deleted.</summary>
    public int ConfirmWithinDays { get; set; } = 7;

    /// <summary>Subscriptions (confirmed or not) one address may hold.</summary>
    public int MaxPerEmail { get; set; } = 10;

    /// <summary>Confirmation mails to one address per 24 hours: nobody can use the form to flood someone's inbox.</summary>
    public int ConfirmationMailsPerDay { get; set; } = 3;

    /// <summary>
    /// How far back a digest looks for items not yet sent. Items that arrive late (a long transaction, a report
    /// captured with an earlier receipt time) are still found; the sent-log is kept this long.
    /// </summary>
    public int LookBackDays { get; set; } = 30;

    /// <summary>Items listed in one mail; more are counted and linked, never dropped silently.</summary>
    public int ListedAtMost { get; set; } = 50;
}
