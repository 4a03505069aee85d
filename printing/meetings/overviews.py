"""Přehled úkolů and evidence usnesení: the tasks and resolutions of one group or of all groups, as
an A4 landscape PDF (wide tables read better across the page) and as an XLSX for the coordinator's
own filtering. A long task or resolution text may fill more than a page: its table row then splits
across pages instead of overflowing.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from db.spreadsheet.files import SheetLayout, write_xlsx
from printing import typography as ty
from printing.meetings.data import ResolutionRegister, TaskOverview, TaskLine
from printing.meetings.page import HEADER_FILL, SECTION_FILL, DocumentInfo, MeetingStyles, build_pdf, make_styles
from printing.meetings.text import short_date
from printing.styles import RULE
from printing.typography import czech_plural

OVERDUE = "#9b1c1c"  # dark red: still legible in greyscale
FRAME_WIDTH = 261 * mm  # A4 landscape less the side margins


def _record_rows(cells: list, long_texts: dict[int, tuple[str, object]]) -> list[list]:
    """One record as table rows: the first row carries every cell, the long texts (column → (text,
    style)) continue paragraph by paragraph in the rows below, so a long description flows across a
    page break like running text instead of forcing one oversized cell."""
    columns = {index: [Paragraph(p, style) for p in ty.paragraphs(text)] for index, (text, style) in long_texts.items()}
    height = max([1] + [len(paragraphs) for paragraphs in columns.values()])
    rows = [list(cells)] + [[""] * len(cells) for _ in range(height - 1)]
    for index, paragraphs in columns.items():
        for line, paragraph in enumerate(paragraphs):
            rows[line][index] = paragraph
        if not paragraphs:
            rows[0][index] = ""
    return rows


def _table(header: tuple[str, ...], widths: tuple[float, ...], records: list[list[list] | str],
           styles: MeetingStyles) -> Table:
    """The overview's table. A record is its rows (see _record_rows); a string between records is a
    group's name, set as a shaded row across the table that never ends a page."""
    scale = FRAME_WIDTH / sum(widths)
    rows: list[list] = [[Paragraph(h, styles.cell_head) for h in header]]
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.cell_sans.fontName),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.5, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, RULE),  # a record cut by a page break
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.3 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
    ]
    for record in records:
        first = len(rows)
        if isinstance(record, str):
            rows.append([Paragraph(ty.prose(record), styles.cell_head)] + [""] * (len(header) - 1))
            commands += [("SPAN", (0, first), (-1, first)), ("BACKGROUND", (0, first), (-1, first), SECTION_FILL),
                         ("LINEBELOW", (0, first), (-1, first), 0.5, RULE), ("NOSPLIT", (0, first), (-1, first + 1))]
            continue
        rows += record
        last = len(rows) - 1
        commands.append(("LINEBELOW", (0, last), (-1, last), 0.5, RULE))
        if last > first:  # continuation rows sit close, as the paragraphs of one cell would
            commands += [("TOPPADDING", (0, first + 1), (-1, last), 0),
                         ("BOTTOMPADDING", (0, first), (-1, last - 1), 1.2 * mm)]
    table = Table(rows, colWidths=[w * scale for w in widths], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(commands))
    return table


def _build_overview(path: Path | str, doc: TaskOverview | ResolutionRegister, summary: str, header, widths,
                    records: list[list[list] | str], styles: MeetingStyles) -> int:
    """The title, filter and `summary` over the table of `records` (none: no table), as an A4 landscape
    PDF under the document's strip; returns the page count."""
    story: list[Flowable] = [
        Paragraph(ty.prose(doc.title), styles.title),
        Paragraph(ty.prose(f"{doc.filter_text}; stav k {short_date(doc.made_on)}"), styles.subtitle),
        Paragraph(ty.prose(summary), styles.body)]
    if records:
        story.append(_table(header, widths, records, styles))
    info = DocumentInfo(f"{doc.title} – {doc.filter_text}", doc.title, doc.office.town or doc.office.department)
    return build_pdf(path, story, info, doc.strip, styles, wide=True)


# -- tasks ----------------------------------------------------------------------------------------

def task_summary(overview: TaskOverview) -> str:
    """"Celkem 12 úkolů, z toho 3 po termínu."."""
    overdue = sum(1 for t in overview.tasks if t.overdue)
    text = f"Celkem {czech_plural(len(overview.tasks), 'úkol', 'úkoly', 'úkolů')}"
    return text + (f", z toho {overdue} po termínu." if overdue else ".")


def _state_text(task: TaskLine) -> str:
    text = task.state_label
    if task.closed_on:
        text += f" {short_date(task.closed_on)}"
    if task.overdue:
        text += f'<br/><font color="{OVERDUE}"><b>po termínu</b></font>'
    return text


def build_task_overview(overview: TaskOverview, path: Path | str) -> int:
    """Write the task overview to `path` (A4 landscape PDF). Returns the page count. Raises UserError
    if the file cannot be written or the strip's image cannot be read."""
    styles = make_styles(10.5)
    many_groups = len({t.group for t in overview.tasks}) > 1
    header = ("Úkol", "Odpovídá", "Termín", "Stav", "Zadáno", "Průběh a poznámka")
    widths = (100, 44, 23, 26, 20, 48)
    records: list[list[list] | str] = []
    for index, task in enumerate(overview.tasks):
        if many_groups and (index == 0 or overview.tasks[index - 1].group != task.group):
            records.append(task.group)
        progress = "; ".join(task.history)
        if task.note.strip():
            progress = f"{progress}\n\n{task.note}" if progress else task.note
        cells = [
            "", Paragraph(ty.prose(task.responsible), styles.cell_name),
            Paragraph(short_date(task.due_on), styles.cell_sans),
            Paragraph(_state_text(task), styles.cell_sans),
            Paragraph(ty.prose(task.origin), styles.cell_sans), ""]
        records.append(_record_rows(cells, {0: (task.description, styles.cell),
                                            len(cells) - 1: (progress, styles.cell_sans)}))
    return _build_overview(path, overview, task_summary(overview), header, widths, records, styles)


TASK_COLUMNS = ["Skupina", "Úkol", "Odpovídá", "Termín", "Stav", "Po termínu", "Zadáno na jednání",
                "Datum jednání", "Uzavřeno dne", "Průběh", "Poznámka"]


def write_task_overview_xlsx(overview: TaskOverview, path: Path | str) -> None:
    """Write the tasks to `path` (.xlsx, one row per task, dates as Excel dates, a filter on the header).
    Raises UserError if the file cannot be written."""
    rows = ([t.group, t.description, t.responsible, t.due_on, t.state_label,
             "ano" if t.overdue else "", t.origin, t.origin_date, t.closed_on,
             "; ".join(t.history), t.note] for t in overview.tasks)
    layout = SheetLayout(widths={"Skupina": 26, "Úkol": 60, "Odpovídá": 26, "Termín": 12, "Stav": 12,
                                 "Po termínu": 11, "Zadáno na jednání": 12, "Datum jednání": 13,
                                 "Uzavřeno dne": 13, "Průběh": 36, "Poznámka": 40},
                         date_columns=("Termín", "Datum jednání", "Uzavřeno dne"))
    write_xlsx(Path(path), "Úkoly", TASK_COLUMNS, rows, layout)


# -- resolutions ----------------------------------------------------------------------------------

def _votes(votes_for, votes_against, votes_abstained) -> str:
    if votes_for is None:
        return "–"
    return f"{votes_for}{ty.NBSP}/ {votes_against or 0}{ty.NBSP}/ {votes_abstained or 0}"


def build_resolution_register(register: ResolutionRegister, path: Path | str) -> int:
    """Write the register of resolutions to `path` (A4 landscape PDF). Returns the page count.
    Raises UserError if the file cannot be written or the strip's image cannot be read."""
    styles = make_styles(10.5)
    many_groups = len({r.group for r in register.rows}) > 1
    header = ("Číslo", "Jednání", "Text usnesení", "Pro / proti / zdržel se", "Výsledek")
    widths = (44, 28, 140, 24, 26)
    records: list[list[list] | str] = []
    for index, r in enumerate(register.rows):
        if many_groups and (index == 0 or register.rows[index - 1].group != r.group):
            records.append(r.group)
        cells = [
            Paragraph(ty.prose(r.number), styles.cell_name),
            Paragraph(f"{ty.escape(r.meeting)}<br/>{short_date(r.meeting_date)}", styles.cell_sans), "",
            Paragraph(_votes(r.votes_for, r.votes_against, r.votes_abstained), styles.cell_sans),
            Paragraph(r.outcome, styles.cell_sans)]
        records.append(_record_rows(cells, {2: (r.text, styles.cell)}))
    adopted = sum(1 for r in register.rows if r.adopted)
    summary = f"Celkem {czech_plural(len(register.rows), 'usnesení', 'usnesení', 'usnesení')}, přijato {adopted}."
    return _build_overview(path, register, summary, header, widths, records, styles)


RESOLUTION_COLUMNS = ["Skupina", "Číslo usnesení", "Jednání", "Datum jednání", "Text usnesení", "Pro", "Proti",
                      "Zdržel se", "Výsledek"]


def write_resolution_register_xlsx(register: ResolutionRegister, path: Path | str) -> None:
    """Write the resolutions to `path` (.xlsx, one row per resolution, votes as numbers).
    Raises UserError if the file cannot be written."""
    rows = ([r.group, r.number, r.meeting, r.meeting_date, r.text, r.votes_for, r.votes_against,
             r.votes_abstained, r.outcome] for r in register.rows)
    layout = SheetLayout(widths={"Skupina": 26, "Číslo usnesení": 24, "Jednání": 10, "Datum jednání": 13,
                                 "Text usnesení": 80, "Pro": 7, "Proti": 7, "Zdržel se": 10, "Výsledek": 12},
                         date_columns=("Datum jednání",))
    write_xlsx(Path(path), "Usnesení", RESOLUTION_COLUMNS, rows, layout)
