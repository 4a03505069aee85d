"""Zápis: the minutes of a meeting, prefilled from it in the usual Czech order (MEETINGS-AND-PLAN.md,
"Minutes"): heading, Přítomni / Omluveni / Nepřítomni / Hosté, the quorum sentence, chair, minute-taker
and verifiers, the agenda, each item with its discussion, resolutions with their votes and tasks, the
review of open tasks, the next meeting, signature lines.

The minutes exist in two forms that print alike. Generated from the meeting, they are a list of
blocks (`minutes_blocks`). As text (`minutes_text`) they go into the app's editor; what the
minute-taker saved there (Meeting.minutes_text) is read back into blocks by `parse_minutes_text`,
which knows the same conventions: the first paragraph is the heading, "1. …" lines are items,
"Přítomni: …" lines are labelled fields, "– …" lines are list items, "Zapsal(a): …" and
"Ověřil(a): …" get signature lines. The PDF (here) and the DOCX (minutes_docx.py) render blocks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from db.meetings.models import TaskState
from printing import typography as ty
from printing.flowables import BalancedPara
from printing.meetings.data import MeetingDocument, PersonLine, ReviewLine, TaskLine
from printing.meetings.page import HEADER_FILL, DocumentInfo, MeetingStyles, build_pdf, labelled, make_styles
from printing.meetings.text import clock, group_genitive, long_date, ordinal_meeting, short_date
from printing.styles import MUTED, RULE
from printing.typography import czech_plural

# How the minutes word a task's state when reviewing it ("splněno", "trvá": MEETINGS-AND-PLAN.md).
REVIEW_WORDS = {TaskState.OPEN: "trvá", TaskState.DONE: "splněno", TaskState.CANCELLED: "zrušeno",
                TaskState.ONGOING: "trvá (průběžný úkol)"}
BLANK = "_" * 10  # room to write in by hand
VOTE_BLANK = f"Hlasování: pro {BLANK[:6]}, proti {BLANK[:6]}, zdržel se {BLANK[:6]} – usnesení bylo / nebylo přijato."
QUORUM_BLANK = f"Přítomno {BLANK[:6]} z {{members}} členů s hlasovacím právem, skupina je / není usnášeníschopná."
SIGNATURE_LABELS = ("Zapsal(a):", "Ověřil(a):")
FIELD_LABELS = ("Přítomni:", "Omluveni:", "Nepřítomni:", "Hosté:", "Předsedající:", "Zapisovatel(ka):",
                "Ověřovatel(é):", "Předkládá:", "Příští jednání:", "Úkol:")
_ITEM_HEADING = re.compile(r"^\d{1,2}\.\s+\S")
_LIST_ITEM = re.compile(r"^[–\-•]\s+")


@dataclass(frozen=True)
class Block:
    """One piece of the minutes. kind: title, subtitle, field (label + text), heading, para, item
    (a numbered or dashed list line), resolution (label = number), vote, quorum, tasks (rows),
    signatures (rows of (label, name))."""

    kind: str
    text: str = ""
    label: str = ""
    rows: tuple[tuple[str, ...], ...] = field(default=())


def minutes_title(doc: MeetingDocument) -> str:
    """"Zápis z 3. jednání pracovní skupiny Senioři"."""
    return f"Zápis z {ordinal_meeting(doc.number)} {group_genitive(doc.group_name, doc.group_is_steering)}"


def minutes_subtitle(doc: MeetingDocument) -> str:
    """"č. 3/2026, konaného dne 15. 12. 2026 od 9:00 do 11:30, místo: …"."""
    text = f"č.{ty.NBSP}{doc.label}, konaného dne {short_date(doc.date)}"
    start, end = clock(doc.starts_at), clock(doc.ends_at)
    if start and end:
        text += f" od {start} do {end}"
    elif start:
        text += f" v {start}"
    if doc.place.strip():
        text += f", místo: {doc.place.strip()}"
    return text


def _names(people: tuple[PersonLine, ...]) -> str:
    return ", ".join(p.name for p in people)


def _guest_names(guests: tuple[PersonLine, ...]) -> str:
    return ", ".join(g.name + (f" ({g.organisation})" if g.organisation.strip() else "") for g in guests)


def _attendance_blocks(doc: MeetingDocument, by_sheet: bool) -> list[Block]:
    present, excused, absent, guests = doc.present, doc.excused, doc.absent, doc.present_guests
    if doc.has_quorum is None:
        # Attendance not taken yet (minutes prepared ahead): only who excused themselves is known.
        return [Block("field", "dle prezenční listiny", "Přítomni:"),
                Block("field", (czech_plural(len(excused), "člen", "členové", "členů") if by_sheet else
                                _names(excused)) if excused else BLANK, "Omluveni:"),
                Block("field", BLANK, "Nepřítomni:")]
    if by_sheet:
        # Names are personal data: the public form gives counts and points to the signed sheet.
        count = czech_plural(len(present), "člen", "členové", "členů")
        if guests:
            count += " a " + czech_plural(len(guests), "host", "hosté", "hostů")
        blocks = [Block("field", f"dle prezenční listiny ({count})", "Přítomni:")]
        if excused:
            blocks.append(Block("field", czech_plural(len(excused), "člen", "členové", "členů"), "Omluveni:"))
        if absent:
            blocks.append(Block("field", czech_plural(len(absent), "člen", "členové", "členů"), "Nepřítomni:"))
        return blocks
    blocks = [Block("field", _names(present) or "–", "Přítomni:"), Block("field", _names(excused) or "–", "Omluveni:"),
              Block("field", _names(absent) or "–", "Nepřítomni:")]
    if guests:
        blocks.append(Block("field", _guest_names(guests), "Hosté:"))
    return blocks


def _review_line(review: ReviewLine) -> str:
    task = review.task
    details = ", ".join(p for p in (task.responsible, f"termín {short_date(task.due_on)}" if task.due_on else "",
                                    f"z jednání {task.origin}" if task.origin else "") if p)
    text = f"{task.description} ({details}): {REVIEW_WORDS[review.state]}" if details else \
        f"{task.description}: {REVIEW_WORDS[review.state]}"
    note = review.note.strip()
    # A note that only repeats the state ("Splněno.") says nothing more.
    if note and note.rstrip(".").casefold() != REVIEW_WORDS[review.state].casefold():
        text += f" – {note}"
    return text


def _sentence(text: str) -> str:
    """`text` ending with a full stop ("Aktivní senior, z. s." keeps its one)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _task_text(task: TaskLine) -> str:
    parts = [_sentence(task.description)]
    if task.responsible.strip():
        parts.append(f"Odpovídá: {_sentence(task.responsible)}")
    if task.due_on:
        parts.append(f"Termín: {short_date(task.due_on)}.")
    return " ".join(parts)


def minutes_blocks(doc: MeetingDocument, attendance_by_sheet: bool = False) -> list[Block]:
    """The minutes generated from the meeting (see module docstring). With `attendance_by_sheet`
    the names of those present, excused and absent are replaced by counts ("dle prezenční listiny")."""
    blocks = [Block("title", minutes_title(doc)), Block("subtitle", minutes_subtitle(doc))]
    blocks += _attendance_blocks(doc, attendance_by_sheet)
    voting_members = sum(1 for m in doc.members if m.voting)
    blocks.append(Block("quorum", doc.quorum_sentence or QUORUM_BLANK.format(members=voting_members)))
    blocks += [Block("field", doc.chair or BLANK, "Předsedající:"),
               Block("field", doc.minute_taker or BLANK, "Zapisovatel(ka):"),
               Block("field", ", ".join(doc.verifiers) or BLANK, "Ověřovatel(é):")]
    blocks.append(Block("heading", "Program"))
    blocks += [Block("item", f"{n}. {item.title}") for n, item in enumerate(doc.agenda, start=1)]
    all_tasks: list[TaskLine] = []
    for number, item in enumerate(doc.agenda, start=1):
        blocks.append(Block("heading", f"{number}. {item.title}"))
        if item.presenter.strip():
            blocks.append(Block("field", item.presenter.strip(), "Předkládá:"))
        if item.is_task_review:
            if doc.reviews:
                blocks += [Block("item", f"– {_review_line(r)}") for r in doc.reviews]
            else:
                blocks.append(Block("para", "Z minulých jednání nejsou otevřené úkoly."))
        blocks += [Block("para", p) for p in ty.blocks(item.notes)]
        for resolution in item.resolutions:
            number_text = f"Usnesení č.{ty.NBSP}{resolution.number}" if resolution.number else "Usnesení"
            blocks.append(Block("resolution", resolution.text.strip(), number_text + ":"))
            blocks.append(Block("vote", resolution.vote_sentence or VOTE_BLANK))
        for task in item.tasks:
            blocks.append(Block("field", _task_text(task), "Úkol:"))
            all_tasks.append(task)
    if all_tasks:
        blocks.append(Block("heading", "Úkoly z tohoto jednání"))
        blocks.append(Block("tasks", rows=tuple(
            (t.description.strip(), t.responsible.strip(), short_date(t.due_on)) for t in all_tasks)))
    blocks.append(Block("field", _next_meeting_text(doc), "Příští jednání:"))
    signatures = [("Zapsal(a):", doc.minute_taker)] + [("Ověřil(a):", v) for v in doc.verifiers or ("",)]
    blocks.append(Block("signatures", rows=tuple(signatures)))
    return blocks


def _next_meeting_text(doc: MeetingDocument) -> str:
    following = doc.next_meeting
    if following is None:
        return "termín bude upřesněn"
    text = long_date(following.date)
    if clock(following.starts_at):
        text += f" v {clock(following.starts_at)}"
    if following.place.strip():
        text += f", {following.place.strip()}"
    return text


# -- text form ------------------------------------------------------------------------------------

def blocks_to_text(blocks: list[Block]) -> str:
    """The editable text of the minutes: paragraphs separated by blank lines; fields, list items and
    a resolution with its vote line by line within one paragraph."""
    paragraphs: list[list[str]] = []
    previous: Block | None = None
    for block in blocks:
        lines = _text_lines(block)
        if previous is not None and _continues(previous, block):
            paragraphs[-1] += lines
        else:
            paragraphs.append(lines)
        previous = block
    return "\n\n".join("\n".join(p) for p in paragraphs).replace(ty.NBSP, " ").strip() + "\n"


def _is_list_heading(block: Block) -> bool:
    return block.kind == "heading" and not _ITEM_HEADING.match(block.text)


def _continues(previous: Block, block: Block) -> bool:
    if block.kind in ("subtitle", "vote"):
        return True
    if block.kind == "field":
        return previous.kind == "field"
    if block.kind in ("item", "tasks"):
        return previous.kind in ("item", "tasks") or _is_list_heading(previous)
    return False


def _text_lines(block: Block) -> list[str]:
    if block.kind in ("field", "resolution"):
        return [f"{block.label} {block.text}"]
    if _is_list_heading(block):
        return [block.text + ":"]
    if block.kind == "tasks":
        lines = []
        for description, responsible, due in block.rows:
            details = ", ".join(p for p in (responsible, f"termín {due}" if due else "") if p)
            lines.append(f"– {description}" + (f" ({details})" if details else ""))
        return lines
    if block.kind == "signatures":
        return [f"{label} {name}".rstrip() for label, name in block.rows]
    return [block.text]


def minutes_text(doc: MeetingDocument, attendance_by_sheet: bool = False) -> str:
    """The generated minutes as plain text, for the app's editor (see module docstring)."""
    return blocks_to_text(minutes_blocks(doc, attendance_by_sheet))


def parse_minutes_text(text: str) -> list[Block]:
    """Blocks of minutes text as edited by the minute-taker (conventions in the module docstring).
    Anything not recognised is a paragraph, so no text is ever lost."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if p.strip()]
    blocks: list[Block] = []
    for index, paragraph in enumerate(paragraphs):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if index == 0:
            blocks.append(Block("title", lines[0]))
            if len(lines) > 1:
                blocks.append(Block("subtitle", " ".join(lines[1:])))
            continue
        if lines[0].startswith(SIGNATURE_LABELS) and all(line.startswith(SIGNATURE_LABELS) for line in lines):
            blocks.append(Block("signatures", rows=tuple(_split_label(line) for line in lines)))
            continue
        blocks += _parse_lines(lines)
    return blocks


def _split_label(line: str) -> tuple[str, str]:
    label, _, rest = line.partition(":")
    return label + ":", rest.strip()


def _parse_lines(lines: list[str]) -> list[Block]:
    if len(lines) == 1 and _ITEM_HEADING.match(lines[0]) and len(lines[0]) <= 160:
        return [Block("heading", lines[0])]
    if lines[0].endswith(":") and len(lines[0]) <= 60 and len(lines) > 1:
        return [Block("heading", lines[0][:-1])] + _parse_lines(lines[1:])
    blocks: list[Block] = []
    running: list[str] = []

    def flush() -> None:
        if running:
            blocks.append(Block("para", " ".join(running)))
            running.clear()

    for line in lines:
        label = next((lab for lab in FIELD_LABELS if line.startswith(lab)), None)
        if label:
            flush()
            blocks.append(Block("field", line[len(label):].strip(), label))
        elif line.startswith("Usnesení"):
            flush()
            number, _, rest = line.partition(":")
            blocks.append(Block("resolution", rest.strip(), number + ":"))
        elif line.startswith("Hlasování:"):
            flush()
            blocks.append(Block("vote", line))
        elif line.startswith("Přítomn") and "usnášeníschopn" in line:
            flush()
            blocks.append(Block("quorum", line))
        elif _LIST_ITEM.match(line) or (_ITEM_HEADING.match(line) and len(lines) > 1):
            flush()
            blocks.append(Block("item", _LIST_ITEM.sub("– ", line)))
        else:
            running.append(line)
    flush()
    return blocks


def document_blocks(doc: MeetingDocument, attendance_by_sheet: bool = False) -> list[Block]:
    """What the minutes print: the edited text if the meeting has one, else the generated minutes."""
    if doc.minutes_text.strip():
        return parse_minutes_text(doc.minutes_text)
    return minutes_blocks(doc, attendance_by_sheet)


# -- PDF ------------------------------------------------------------------------------------------

def minutes_document_title(doc: MeetingDocument) -> str:
    return f"Zápis – {doc.group_label} {doc.label}, {short_date(doc.date, ' ')}"


def build_minutes_pdf(doc: MeetingDocument, path: Path | str, attendance_by_sheet: bool = False) -> int:
    """Write the minutes of `doc` to `path` (A4 PDF): the edited text if there is one, else generated
    from the meeting (`attendance_by_sheet`: counts instead of names). Returns the page count. Raises
    UserError if the file cannot be written or the strip's image cannot be read."""
    styles = make_styles()
    story: list[Flowable] = []
    for block in document_blocks(doc, attendance_by_sheet):
        flowables = _flowables(block, styles)
        if block.kind == "signatures" and story:
            # Signatures never stand alone on the last page: the line before them comes along.
            flowables = [KeepTogether([story.pop(), *flowables])]
        elif block.kind == "field" and block.label == "Příští jednání:":
            flowables.insert(0, Spacer(1, 3 * mm))
        story += flowables
    info = DocumentInfo(minutes_document_title(doc), "Zápis z jednání", doc.office.town or doc.office.department)
    return build_pdf(path, story, info, doc.strip, styles)


def _flowables(block: Block, styles: MeetingStyles) -> list[Flowable]:
    kind = block.kind
    if kind == "title":
        return [BalancedPara(ty.prose(block.text), styles.title)]  # a long group name: even lines
    if kind == "subtitle":
        return [Paragraph(ty.prose(block.text), styles.subtitle)]
    if kind == "field":
        return [labelled(block.label, block.text, styles.label)]
    if kind == "quorum":
        return [Paragraph(ty.prose(block.text), styles.emphasis)]
    if kind == "heading":
        return [Paragraph(ty.prose(block.text), styles.heading)]
    if kind == "item":
        return [Paragraph(ty.prose(block.text), styles.item if not block.text.startswith("– ") else styles.sub_item)]
    if kind == "resolution":
        return [Spacer(1, 1.5 * mm), labelled(block.label, block.text, styles.body_tight)]
    if kind == "vote":
        return [Paragraph(ty.prose(block.text), styles.vote)]
    if kind == "tasks":
        return [_task_table(block.rows, styles)]
    if kind == "signatures":
        return [Spacer(1, 6 * mm), _signature_table(block.rows, styles)]
    return [Paragraph(p, styles.body) for p in ty.paragraphs(block.text)]


def _task_table(rows: tuple[tuple[str, ...], ...], styles: MeetingStyles) -> Table:
    head = [Paragraph(h, styles.cell_head) for h in ("Úkol", "Odpovídá", "Termín")]
    body = [[Paragraph(ty.prose(d), styles.cell), Paragraph(ty.prose(r), styles.cell_name),
             Paragraph(ty.prose(t), styles.cell_sans)] for d, r, t in rows]
    table = Table([head] + body, colWidths=(104 * mm, 46 * mm, 24 * mm), repeatRows=1, splitInRow=1)
    table.setStyle(_grid_style())
    return table


def _grid_style() -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.4 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.6 * mm),
    ])


def _signature_table(rows: tuple[tuple[str, ...], ...], styles: MeetingStyles) -> Flowable:
    """Each signer: label, name, then lines for the date and the signature."""
    data = []
    for label, name in rows:
        data.append([Paragraph(ty.escape(label), styles.cell_head), Paragraph(ty.prose(name), styles.cell_name),
                     Paragraph("dne", styles.cell_sans), "", Paragraph("podpis", styles.cell_sans), ""])
    table = Table(data, colWidths=(26 * mm, 56 * mm, 9 * mm, 26 * mm, 14 * mm, 43 * mm),
                  rowHeights=[11 * mm] * len(data))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (3, 0), (3, -1), 0.5, MUTED),
        ("LINEBELOW", (5, 0), (5, -1), 0.5, MUTED),
        ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
    ]))
    return table
