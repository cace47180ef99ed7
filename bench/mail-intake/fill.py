"""Puts N mails into a Dovecot mailbox over IMAP (APPEND): the benchmark's input. Usage: fill.py HOST PORT USER N"""
import imaplib
import sys
import uuid
from email.message import EmailMessage

host, port, user, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
PDF = b"%PDF-1.4\n%\xc3\xa4\xc3\xbc\n1 0 obj\n<</Type/Catalog>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"
TEXT = ("Sehr geehrte Damen und Herren,\n\nin der Straße vor unserem Haus ist seit Tagen die Laterne aus. "
        "Abends ist es dort sehr dunkel, besonders für die Kinder auf dem Schulweg. Bitte kümmern Sie sich darum.\n\n") * 3

imap = imaplib.IMAP4(host, port)
imap.login(user, "test")
for i in range(count):
    message = EmailMessage()
    message["From"] = f"Bürgerin {i} <b{i}-{uuid.uuid4().hex[:8]}@buerger.example>"
    message["To"] = user
    message["Subject"] = f"Anliegen {i}: Straßenlaterne defekt"
    message["Message-ID"] = f"<{uuid.uuid4().hex}@buerger.example>"
    message.set_content(TEXT + f"Mit freundlichen Grüßen\nBürgerin {i}\n")
    if i % 10 in (1, 2):
        message.add_alternative(f"<html><body><p>{TEXT}</p><p>Bürgerin {i}</p></body></html>", subtype="html")
    elif i % 10 == 3:
        message.add_attachment(PDF, maintype="application", subtype="pdf", filename="foto.pdf")
    imap.append("INBOX", None, None, message.as_bytes())
imap.logout()
