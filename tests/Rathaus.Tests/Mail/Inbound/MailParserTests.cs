using System.Text;
using MimeKit;
using Rathaus.Concerns.Email;
using Rathaus.Mail.Inbound;

namespace Rathaus.Tests.Mail.Inbound;

/// <summary>
/// Mails as real mail programs write them (composed here byte by byte): what the intake reads from them as text,
/// sender, files and threading information, and which of them no automatic answer may go to.
/// </summary>
public sealed class MailParserTests
{
    private static ParsedMail Parse(string raw) => Parse(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));

    private static ParsedMail Parse(byte[] raw) => MailParser.Parse(MailParser.Load(new MemoryStream(raw)), raw);

    [Fact]
    public void Outlook_mail_in_windows_1252_with_an_encoded_subject_and_a_quoted_answer_below()
    {
        var mail = Parse(Latin1("""
            From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <j.mueller@buerger.example>
            To: stadt@rathaus-lueneburg.example
            Subject: =?iso-8859-1?Q?AW:_Stra=DFenlaterne_defekt_[Vorgang_2026-000042]?=
            Message-ID: <DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.outlook.com>
            In-Reply-To: <abc123@rathaus-lueneburg.example>
            References: <first@rathaus-lueneburg.example> <abc123@rathaus-lueneburg.example>
            X-MS-Has-Attach:
            Thread-Topic: Straßenlaterne defekt
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="_000_DB9PR01_"

            --_000_DB9PR01_
            Content-Type: text/plain; charset="windows-1252"
            Content-Transfer-Encoding: quoted-printable

            Sehr geehrte Damen und Herren,

            die Laterne ist immer noch aus. Gr=FC=DFe =96 J=FCrgen M=FCller

            Von: Hansestadt L=FCneburg <rathaus@rathaus-lueneburg.example>
            Gesendet: Montag, 23. November 2026 10:00
            An: J=FCrgen M=FCller <j.mueller@buerger.example>
            Betreff: Stra=DFenlaterne defekt

            Vielen Dank f=FCr Ihr Anliegen.

            --_000_DB9PR01_
            Content-Type: text/html; charset="windows-1252"
            Content-Transfer-Encoding: quoted-printable

            <html><body><p>Sehr geehrte Damen und Herren,</p><p>HTML-Fassung</p></body></html>

            --_000_DB9PR01_--
            """));

        Assert.Equal("j.mueller@buerger.example", mail.FromAddress);
        Assert.Equal("Jürgen Müller", mail.FromName);
        Assert.Equal("AW: Straßenlaterne defekt [Vorgang 2026-000042]", mail.Subject);
        Assert.Contains("Grüße – Jürgen Müller", mail.Text); // 0x96 is the en dash in windows-1252
        Assert.DoesNotContain("HTML-Fassung", mail.Text); // the plain part is preferred
        Assert.Equal(["abc123@rathaus-lueneburg.example", "first@rathaus-lueneburg.example"], mail.ReferencedIds);
        Assert.Equal("mid:DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.outlook.com", mail.Key);
        Assert.Equal(AutomaticKind.None, mail.Automatic);

        var (said, quoted) = QuotedText.Split(mail.Text);
        Assert.EndsWith("Grüße – Jürgen Müller", said);
        Assert.StartsWith("Von: Hansestadt Lüneburg", quoted);
    }

    [Fact]
    public void Apple_Mail_with_flowed_text_and_an_inline_photo_in_the_HTML_branch()
    {
        var photo = Convert.ToBase64String(Concerns.Uploads.SampleFiles.Jpeg([]));
        var mail = Parse($"""
            From: Erika Muster <erika@buerger.example>
            To: stadt@rathaus-lueneburg.example
            Subject: =?utf-8?Q?M=C3=BCll_am_Stint?=
            Message-Id: <5A1F0C3E-1111-4C1B-9E1A-0123456789AB@buerger.example>
            Mime-Version: 1.0 (Mac OS X Mail 16.0 \(3774.600.62\))
            Content-Type: multipart/alternative; boundary="Apple-Mail=_A1"

            --Apple-Mail=_A1
            Content-Transfer-Encoding: quoted-printable
            Content-Type: text/plain; charset=utf-8; format=flowed

            Am Stint liegt seit gestern viel M=C3=BCll.

            --Apple-Mail=_A1
            Content-Type: multipart/related; type="text/html"; boundary="Apple-Mail=_R1"

            --Apple-Mail=_R1
            Content-Transfer-Encoding: quoted-printable
            Content-Type: text/html; charset=utf-8

            <html><body>Am Stint liegt seit gestern viel M=C3=BCll.<img src=3D"cid:F00D@buerger.example"></body></html>
            --Apple-Mail=_R1
            Content-Transfer-Encoding: base64
            Content-Disposition: inline; filename=IMG_0042.jpeg
            Content-Type: image/jpeg; name="IMG_0042.jpeg"
            Content-Id: <F00D@buerger.example>

            {photo}
            --Apple-Mail=_R1--

            --Apple-Mail=_A1--
            """);

        Assert.Equal("Müll am Stint", mail.Subject);
        Assert.Equal("Am Stint liegt seit gestern viel Müll.", mail.Text);
        var file = Assert.Single(mail.Files);
        Assert.Equal("IMG_0042.jpeg", file.FileName);
        Assert.Equal("image/jpeg", file.ContentType);
    }

    [Fact]
    public void Thunderbird_mail_with_a_quote_and_a_forwarded_mail_attached()
    {
        var mail = Parse("""
            From: Karl Beispiel <karl@buerger.example>
            To: stadt@rathaus-lueneburg.example
            Subject: Fwd: Baustelle Bardowicker Straße
            Message-ID: <7d1c2f00-aaaa-bbbb-cccc-0123456789ab@buerger.example>
            User-Agent: Mozilla Thunderbird
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="------------TB1"

            --------------TB1
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            Bitte kümmern Sie sich darum, siehe unten.

            Am 24.11.2026 um 09:15 schrieb Nachbar:
            > Die Absperrung ist umgefallen.
            > Gruß

            --------------TB1
            Content-Type: message/rfc822; name="Baustelle.eml"
            Content-Disposition: attachment; filename="Baustelle.eml"

            From: Nachbar <nachbar@buerger.example>
            Subject: Baustelle
            Date: Tue, 24 Nov 2026 09:15:00 +0100
            Message-ID: <inner@buerger.example>
            Content-Type: multipart/mixed; boundary="INNER"

            --INNER
            Content-Type: text/plain; charset=UTF-8

            Die Absperrung ist umgefallen.
            --INNER
            Content-Type: application/pdf; name="plan.pdf"
            Content-Disposition: attachment; filename="plan.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==
            --INNER--

            --------------TB1--
            """);

        Assert.Contains("Bitte kümmern Sie sich darum, siehe unten.", mail.Text);
        Assert.Contains("---------- Weitergeleitete Nachricht ----------\nVon: Nachbar <nachbar@buerger.example>", mail.Text);
        Assert.Contains("Betreff: Baustelle", mail.Text);
        Assert.Equal("plan.pdf", Assert.Single(mail.Files).FileName);
        Assert.Equal("mid:7d1c2f00-aaaa-bbbb-cccc-0123456789ab@buerger.example", mail.Key);

        var (said, quoted) = QuotedText.Split(mail.Text);
        Assert.Equal("Bitte kümmern Sie sich darum, siehe unten.", said);
        Assert.StartsWith("Am 24.11.2026 um 09:15 schrieb Nachbar:", quoted);
    }

    [Fact]
    public void HTML_only_mail_is_sanitized_to_text_without_script_or_style_and_keeps_quotes_and_links()
    {
        var mail = Parse("""
            From: web@buerger.example
            To: stadt@rathaus-lueneburg.example
            Subject: Nur HTML
            Message-ID: <html-only@buerger.example>
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <html><head><style>p { color: red }</style><script>alert('x')</script></head>
            <body onload="steal()"><p>Erste&nbsp;Zeile<br>Zweite Zeile</p>
            <div>Mehr unter <a href="https://buerger.example/foto">diesem Link</a>.</div>
            <script>document.cookie</script>
            <blockquote><p>Ihre Antwort vom Montag</p></blockquote></body></html>
            """);

        Assert.Equal("Erste Zeile\nZweite Zeile\n\nMehr unter diesem Link (https://buerger.example/foto).\n\n> Ihre Antwort vom Montag", mail.Text);
        Assert.DoesNotContain("alert", mail.Text);
        Assert.DoesNotContain("color", mail.Text);
    }

    [Fact]
    public void Eight_bit_headers_unknown_charsets_and_an_empty_body_are_read_without_failing()
    {
        var eightBit = Parse(Latin1("""
            From: Straßenbauer <bau@buerger.example>
            To: stadt@rathaus-lueneburg.example
            Subject: Grüße aus Lüneburg
            Content-Type: text/plain; charset=x-unbekannt-42

            Inhalt mit Umlaut: ä
            """));
        Assert.Equal("Grüße aus Lüneburg", eightBit.Subject);
        Assert.Equal("Straßenbauer", eightBit.FromName);
        Assert.StartsWith("Inhalt mit Umlaut:", eightBit.Text);
        Assert.StartsWith("sha256:", eightBit.Key); // no Message-ID: the content decides

        var empty = Parse("""
            From: leer@buerger.example
            Subject:
            Message-ID: <leer@buerger.example>

            """);
        Assert.Equal("", empty.Text);
        Assert.Equal("", empty.Subject);
    }

    [Fact]
    public void A_mail_without_From_has_no_sender_and_a_mail_without_Message_ID_gets_the_same_key_every_time()
    {
        const string raw = """
            To: stadt@rathaus-lueneburg.example
            Subject: Ohne Absender

            Text
            """;
        var mail = Parse(raw);
        Assert.Null(mail.FromAddress);
        Assert.Equal(mail.Key, Parse(raw).Key);
        Assert.NotEqual(mail.Key, Parse(raw + "mehr").Key);
    }

    [Fact]
    public void Deeply_nested_multiparts_do_not_crash_the_parser_and_the_text_on_top_is_kept()
    {
        var raw = new StringBuilder("From: tief@buerger.example\r\nSubject: Tief\r\nMessage-ID: <tief@buerger.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        raw.Append("--b0\r\nContent-Type: text/plain\r\n\r\nOben\r\n");
        for (var i = 1; i < 500; i++)
        {
            raw.Append($"--b{i - 1}\r\nContent-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n");
        }

        raw.Append("--b499\r\nContent-Type: text/plain\r\n\r\nGanz unten\r\n");
        for (var i = 499; i >= 0; i--)
        {
            raw.Append($"--b{i}--\r\n");
        }

        var mail = Parse(Encoding.ASCII.GetBytes(raw.ToString()));
        Assert.StartsWith("Oben", mail.Text);
        Assert.DoesNotContain("Ganz unten", mail.Text);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", AutomaticKind.AutoReply)]
    [InlineData("Auto-Submitted: no", AutomaticKind.None)]
    [InlineData("Precedence: bulk", AutomaticKind.List)]
    [InlineData("Precedence: junk", AutomaticKind.List)]
    [InlineData("Precedence: list", AutomaticKind.List)]
    [InlineData("Precedence: auto_reply", AutomaticKind.AutoReply)]
    [InlineData("X-Autoreply: yes", AutomaticKind.AutoReply)]
    [InlineData("X-Autorespond: Abwesend", AutomaticKind.AutoReply)]
    [InlineData("X-Auto-Response-Suppress: All", AutomaticKind.AutoReply)]
    [InlineData("X-Auto-Response-Suppress: OOF, AutoReply", AutomaticKind.AutoReply)]
    [InlineData("X-Loop: helpdesk@buerger.example", AutomaticKind.Loop)]
    [InlineData("List-Id: Verein <verein.lists.buerger.example>", AutomaticKind.List)]
    [InlineData("List-Unsubscribe: <mailto:leave@lists.buerger.example>", AutomaticKind.List)]
    [InlineData("Return-Path: <>", AutomaticKind.Bounce)]
    [InlineData("Return-Path: <MAILER-DAEMON@mx.buerger.example>", AutomaticKind.Bounce)]
    [InlineData("Return-Path: <erika@buerger.example>", AutomaticKind.None)]
    public void Automatic_mails_are_recognised_by_their_headers(string header, AutomaticKind expected)
    {
        var mail = Parse($"""
            {header}
            From: erika@buerger.example
            Subject: Hallo
            Message-ID: <h@buerger.example>

            Text
            """);
        Assert.Equal(expected, mail.Automatic);
    }

    [Theory]
    [InlineData("Automatische Antwort: Ihr Anliegen")]
    [InlineData("Abwesenheitsnotiz: Straßenlaterne")]
    [InlineData("Out of Office: Street light")]
    [InlineData("Automatic reply: Street light")]
    public void Out_of_office_subjects_without_headers_are_recognised(string subject)
    {
        var mail = Parse($"From: erika@buerger.example\nSubject: {subject}\nMessage-ID: <o@buerger.example>\n\nText\n");
        Assert.Equal(AutomaticKind.AutoReply, mail.Automatic);
    }

    [Fact]
    public void A_delivery_status_notification_names_the_failed_mail_the_recipient_and_the_reason()
    {
        var message = MailIntakeTests.DeliveryStatusNotification("weg@buerger.example", "abc@rathaus-lueneburg.example");
        var mail = MailParser.Parse(message);
        Assert.Equal(AutomaticKind.Bounce, mail.Automatic);
        Assert.NotNull(mail.Report);
        Assert.Equal("abc@rathaus-lueneburg.example", mail.Report.OriginalMessageId);
        Assert.Equal("weg@buerger.example", mail.Report.Recipient);
        Assert.Equal("5.1.1", mail.Report.Status);
        Assert.Equal("550 5.1.1 User unknown", mail.Report.Diagnostic);
    }

    [Fact]
    public void Forwarded_text_is_no_quote_and_a_mail_without_quote_stays_whole()
    {
        Assert.Equal(("Nur Text\nZweite Zeile", null), QuotedText.Split("Nur Text\nZweite Zeile"));
        var forwarded = "Siehe unten.\n\n---------- Weitergeleitete Nachricht ----------\nVon: a@b.example\nDatum: 23.11.2026 10:00\nBetreff: X\n\nInhalt";
        Assert.Null(QuotedText.Split(forwarded).Quoted);
        var (said, quoted) = QuotedText.Split("Danke!\n\nOn Mon, 23 Nov 2026 at 10:00, Rathaus <rathaus@rathaus-lueneburg.example> wrote:\n> Text");
        Assert.Equal("Danke!", said);
        Assert.NotNull(quoted);
    }

    [Fact]
    public void Outlook_rich_text_mail_gives_the_files_inside_winmail_dat_and_its_text_only_once()
    {
        var photo = Concerns.Uploads.SampleFiles.Jpeg([]);
        var winmail = new Winmail()
            .Body("Die Laterne vor Haus 12 ist aus.")
            .File("LATERNE.JPG", photo)
            .File("Lageplan.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())
            .ToArray();
        var mail = Parse($"""
            From: Jens Peters <j.peters@buerger.example>
            To: stadt@rathaus-lueneburg.example
            Subject: Laterne defekt
            Message-ID: <AM0PR01MB5555@AM0PR01MB5555.eurprd01.prod.outlook.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="_002_AM0PR01_"

            --_002_AM0PR01_
            Content-Type: text/plain; charset="iso-8859-1"

            Die Laterne vor Haus 12 ist aus.

            --_002_AM0PR01_
            Content-Type: application/ms-tnef; name="winmail.dat"
            Content-Disposition: attachment; filename="winmail.dat"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(winmail, Base64FormattingOptions.InsertLineBreaks)}
            --_002_AM0PR01_--
            """);

        Assert.Equal("Die Laterne vor Haus 12 ist aus.", mail.Text); // the TNEF copy of the body is not added again
        Assert.Equal(["LATERNE.JPG", "Lageplan.pdf"], mail.Files.Select(f => f.FileName));
        Assert.Equal(photo, mail.Files[0].Content);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void A_broken_winmail_dat_is_kept_as_a_file_and_the_text_still_counts()
    {
        var broken = new Winmail().File("foto.jpg", Concerns.Uploads.SampleFiles.Jpeg([])).ToArray()[..40];
        var mail = Parse($"""
            From: j.peters@buerger.example
            Subject: Kaputt
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Text bleibt.
            --b
            Content-Type: application/ms-tnef; name="winmail.dat"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(broken)}
            --b--
            """);

        Assert.Equal("Text bleibt.", mail.Text);
        Assert.Equal("winmail.dat", Assert.Single(mail.Files).FileName);
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text.ReplaceLineEndings("\r\n"));
}
