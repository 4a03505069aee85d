"""The invitation as an e-mail message file (.eml) the coordinator opens, checks and sends herself.

The app never sends anything. "X-Unsent: 1" makes Outlook open the file as a new message ready to
send rather than as a received one; Thunderbird opens it and offers "Upravit jako novou". There is no
From: the mail program fills in the account it sends from (a fixed sender would make Outlook try to
send "on behalf of" the office). To: lists every member and invited guest with an e-mail address.
The invitation PDF and the .ics of the meeting are attached under plain ASCII names, which every
mail program keeps intact.
"""
from __future__ import annotations

import re
import tempfile
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from db.errors import UserError
from printing.meetings.data import MeetingDocument, PersonLine
from printing.meetings.ics import meeting_calendar, program_lines
from printing.meetings.invitation import build_invitation, invitation_heading, signatory
from printing.meetings.page import atomic_output
from printing.meetings.text import file_slug, on_date, short_date, time_range


def invitation_subject(doc: MeetingDocument) -> str:
    """"Pozvánka na 3. jednání pracovní skupiny Senioři – 15. 12. 2026"."""
    return f"Pozvánka {invitation_heading(doc)} – {short_date(doc.date, ' ')}".replace("\u00a0", " ")


def invitation_body(doc: MeetingDocument) -> str:
    """The message text (plain, Czech): when, where, the agenda, whom to excuse oneself to."""
    when = on_date(doc.date, " ")
    times = time_range(doc.starts_at, doc.ends_at)
    if times:
        when += f" od {times.replace('–', ' do ')}" if "–" in times else f" v {times}"
    sentence = f"zveme Vás {invitation_heading(doc)}, které se uskuteční {when}"
    sentence += f", místo konání: {doc.place.strip()}." if doc.place.strip() else "."
    lines = ["Dobrý den,", "", sentence, "", *program_lines(doc)]
    lines += ["", "V příloze posíláme pozvánku a termín jednání do kalendáře (soubor .ics).", "", "S pozdravem"]
    name, caption = signatory(doc)
    if name:
        lines += ["", name] + ([caption] if caption else [])
    return "\n".join(lines).replace("\u00a0", " ") + "\n"


def _addresses(person: PersonLine) -> list[Address]:
    """The person's address(es): a field holding "a@x.cz; b@y.cz" gives both."""
    name = person.name.replace("\u00a0", " ")
    try:
        return [Address(display_name=name, addr_spec=part) for part in re.split(r"[,;\s]+", person.email.strip())
                if part]
    except (ValueError, IndexError, HeaderParseError) as exc:  # what the header parser raises for a bad address
        raise UserError(f"E-mailová adresa osoby „{name}“ není platná; opravte ji v seznamu osob.") from exc


def invitation_message(doc: MeetingDocument, pdf: bytes, pdf_name: str) -> EmailMessage:
    """The message with the invitation PDF (`pdf`, attached as `pdf_name`) and the meeting's .ics."""
    message = EmailMessage(policy=policy.SMTP)
    message["X-Unsent"] = "1"
    message["Subject"] = invitation_subject(doc)
    recipients = [address for person in doc.recipients for address in _addresses(person)]
    if recipients:
        message["To"] = recipients
    message.set_content(invitation_body(doc))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    message.add_attachment(meeting_calendar(doc).to_ical(), maintype="text", subtype="calendar",
                           filename=f"jednani-{file_slug(doc.group_label)}-{doc.number}-{doc.year}.ics",
                           params={"method": "PUBLISH", "charset": "utf-8"})
    return message


def invitation_pdf_name(doc: MeetingDocument) -> str:
    return f"pozvanka-{file_slug(doc.group_label)}-{doc.number}-{doc.year}.pdf"


def write_eml(doc: MeetingDocument, path: Path | str, invitation_pdf: Path | str | None = None) -> None:
    """Write the invitation e-mail to `path` (.eml, RFC 5322 with CRLF line ends).

    `invitation_pdf` is an invitation already built for the same meeting; without it one is built.
    Raises UserError if a file cannot be read or written or an e-mail address is malformed.
    """
    if invitation_pdf is not None:
        try:
            pdf = Path(invitation_pdf).read_bytes()
        except OSError as exc:
            raise UserError(f"Pozvánku „{invitation_pdf}“ nelze přečíst ({exc.strerror or exc}).") from exc
    else:
        with tempfile.TemporaryDirectory(prefix="kp-invitation-") as folder:
            built = Path(folder) / "pozvanka.pdf"
            build_invitation(doc, built)
            pdf = built.read_bytes()
    data = invitation_message(doc, pdf, invitation_pdf_name(doc)).as_bytes()
    with atomic_output(path, ".eml") as tmp:
        tmp.write_bytes(data)
