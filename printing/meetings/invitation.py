"""Pozvánka: the invitation to a meeting with its agenda (MEETINGS-AND-PLAN.md, "Rules of procedure":
place, time and proposed agenda at least the notice period ahead; members excuse themselves in advance).
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from db.meetings.models import MeetingState
from printing import typography as ty
from printing.meetings.data import AgendaLine, MeetingDocument
from printing.meetings.page import DocumentInfo, MeetingStyles, build_pdf, labelled, make_styles
from printing.meetings.text import group_genitive, long_date, ordinal_meeting, short_date, time_range


def invitation_title(doc: MeetingDocument) -> str:
    return f"Pozvánka – {doc.group_label} {doc.label}, {short_date(doc.date, ' ')}"


def invitation_heading(doc: MeetingDocument) -> str:
    """"na 3. jednání pracovní skupiny Senioři"."""
    return f"na {ordinal_meeting(doc.number)} {group_genitive(doc.group_name, doc.group_is_steering)}"


def excuse_sentence(doc: MeetingDocument) -> str:
    """"Svou případnou neúčast prosím omluvte do 11. 12. 2026 u Bc. Lucie Hrubé …" in a neutral form
    that needs no declension of the name; "" when the meeting names nobody to excuse oneself to."""
    if not doc.excuse_to.strip():
        return ""
    by = f" nejpozději do {long_date(doc.excuse_by, genitive=True)}" if doc.excuse_by else " předem"
    return f"Svou případnou neúčast prosím omluvte{by}. Omluvy přijímá: {doc.excuse_to.strip()}."


def signatory(doc: MeetingDocument) -> tuple[str, str]:
    """(name, caption) under the invitation: the group's leader, else its coordinator, else the chair."""
    for role, caption in (("vedoucí", "vedoucí"), ("koordinátor", "koordinátor")):
        person = next((m for m in doc.members if m.role == role), None)
        if person is not None:
            return person.name, f"{caption} {group_genitive(doc.group_name, doc.group_is_steering)}"
    return doc.chair, ""


def build_invitation(doc: MeetingDocument, path: Path | str) -> int:
    """Write the invitation of `doc` to `path` (A4 PDF). Returns the page count. Raises UserError if
    the file cannot be written or the strip's image cannot be read."""
    styles = make_styles()
    story: list[Flowable] = []
    sender = ", ".join(p for p in (doc.office.town.strip(), doc.office.department.strip()) if p)
    if sender:
        story.append(Paragraph(ty.prose(sender), styles.small))
        story.append(Spacer(1, 6 * mm))
    story += [Paragraph("Pozvánka", styles.title), Paragraph(ty.prose(invitation_heading(doc)), styles.subtitle)]
    if doc.state is MeetingState.CANCELLED:
        story.append(Paragraph("<b>Jednání bylo zrušeno.</b>", styles.body))
    when = long_date(doc.date)
    if time_range(doc.starts_at, doc.ends_at):
        when += f", {time_range(doc.starts_at, doc.ends_at)}"
    story.append(labelled("Termín:", when, styles.label))
    if doc.place.strip():
        story.append(labelled("Místo:", doc.place, styles.label))
    story.append(Paragraph("Program", styles.heading))
    for number, item in enumerate(doc.agenda, start=1):
        story += _agenda_item(number, item, doc, styles)
    excuse = excuse_sentence(doc)
    if excuse:
        story += [Spacer(1, 4 * mm), Paragraph(ty.prose(excuse), styles.body)]
    name, caption = signatory(doc)
    closing: list[Flowable] = [Spacer(1, 6 * mm), Paragraph("Srdečně zveme všechny členy skupiny.", styles.body),
                               Spacer(1, 8 * mm), Paragraph("S pozdravem", styles.body_tight)]
    if name:
        closing += [Spacer(1, 10 * mm), Paragraph(ty.prose(name), styles.body_tight)]
        if caption:
            closing.append(Paragraph(ty.prose(caption), styles.small))
    story.append(KeepTogether(closing))
    info = DocumentInfo(invitation_title(doc), "Pozvánka na jednání", doc.office.town or doc.office.department)
    return build_pdf(path, story, info, doc.strip, styles)


def presenter_note(item: AgendaLine) -> str:
    """"předkládá Petr Svoboda, 40 min" or ""."""
    parts = []
    if item.presenter.strip():
        parts.append(f"předkládá {item.presenter.strip()}")
    if item.planned_minutes:
        parts.append(f"{item.planned_minutes} min")
    return ", ".join(parts)


def _agenda_item(number: int, item: AgendaLine, doc: MeetingDocument, styles: MeetingStyles) -> list[Flowable]:
    text = f"{number}.\u2002{ty.prose(item.title)}"
    note = presenter_note(item)
    if note:
        text += f' <font size="{styles.item.fontSize * 0.85:.1f}" color="#4a4a4a">({ty.prose(note)})</font>'
    out: list[Flowable] = [Paragraph(text, styles.item)]
    if item.is_task_review and doc.reviews:
        for review in doc.reviews:
            task = review.task
            details = ", ".join(p for p in (task.responsible, f"termín {short_date(task.due_on)}" if task.due_on else "")
                                if p)
            line = f"– {ty.prose(task.description)}" + (f" ({ty.prose(details)})" if details else "")
            out.append(Paragraph(line, styles.sub_item))
    return out
