using Rathaus.Concerns.Mails;
using Rathaus.Concerns.Model;

namespace Rathaus.Tests.Concerns.Mails;

public sealed class AcknowledgementMailTests
{
    private static Concern ConcernFrom(string? name, string language = "de") => new()
    {
        Id = 7,
        ReferenceNumber = "2026-000042",
        TrackingTokenHash = [],
        TrackingTokenProtected = "",
        Description = "Schlagloch",
        ContactName = name,
        ContactEmail = "erika@buerger.example",
        Language = language,
    };

    [Fact]
    public void What_a_citizen_typed_as_their_name_appears_as_text_in_the_html_never_as_markup()
    {
        var mail = ConcernMails.Acknowledgement(ConcernFrom("<script>alert(1)</script> & Co"), "https://rathaus.example/anliegen/a?b=1&c=2", "strasse@rathaus-lueneburg.example");

        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("Guten Tag &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,", mail.HtmlBody);
        Assert.Contains("<a href=\"https://rathaus.example/anliegen/a?b=1&amp;c=2\">Stand Ihres Anliegens ansehen</a>", mail.HtmlBody);
        Assert.Contains("Guten Tag <script>alert(1)</script> & Co,", mail.TextBody); // plain text is never interpreted
        Assert.Contains("https://rathaus.example/anliegen/a?b=1&c=2", mail.TextBody);
    }

    [Fact]
    public void Acknowledgement_names_the_reference_number_and_is_addressed_to_the_citizen_with_replies_to_the_unit()
    {
        var mail = ConcernMails.Acknowledgement(ConcernFrom(null), "https://rathaus.example/anliegen/t", "strasse@rathaus-lueneburg.example");

        Assert.Equal("Ihr Anliegen ist eingegangen [Vorgang 2026-000042]", mail.Subject);
        Assert.Equal("erika@buerger.example", mail.To);
        Assert.Equal("strasse@rathaus-lueneburg.example", mail.ReplyTo);
        Assert.Equal(7, mail.ConcernId);
        Assert.StartsWith("Guten Tag,\n\nvielen Dank für Ihr Anliegen.", mail.TextBody);
        Assert.Contains("Ihre Vorgangsnummer ist: 2026-000042", mail.TextBody);
        Assert.Contains("<title>Ihr Anliegen ist eingegangen [Vorgang 2026-000042]</title>", mail.HtmlBody);
        Assert.Contains("<p>Mit freundlichen Grüßen<br>\nIhre Stadtverwaltung</p>", mail.HtmlBody);
    }

    [Fact]
    public void A_citizen_who_wrote_in_English_is_answered_in_English()
    {
        var mail = ConcernMails.Acknowledgement(ConcernFrom("Jane Doe", "en"), "https://rathaus.example/anliegen/t", "strasse@rathaus-lueneburg.example");

        Assert.Equal("Your concern has been received [Vorgang 2026-000042]", mail.Subject);
        Assert.StartsWith("Dear Jane Doe,", mail.TextBody);
        Assert.Contains("<html lang=\"en\">", mail.HtmlBody);
        Assert.DoesNotContain("Vorgangsnummer", mail.TextBody);
    }
}
