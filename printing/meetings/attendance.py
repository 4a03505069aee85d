"""Prezenční listina: the attendance sheet everyone signs at the meeting (MEETINGS-AND-PLAN.md,
"Attendance sheet"). Members valid on the day are pre-printed in Czech order, then guests known
beforehand and empty rows for the others. An EU-funded project keeps it with the funding strip on
every page, so the strip (if the meeting or its group has one) heads each page.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from db.meetings.models import AttendanceState
from printing import typography as ty
from printing.fonts import SANS
from printing.meetings.data import MeetingDocument, PersonLine
from printing.meetings.page import (
    HEADER_FILL, SECTION_FILL, DocumentInfo, MeetingStyles, build_pdf, labelled, make_styles,
)
from printing.meetings.text import group_genitive, long_date, ordinal_meeting, short_date, time_range
from printing.styles import TEXT

ROW_HEIGHT = 13 * mm  # room for a signature: a hand needs about 10 mm
_PAD_X, _PAD_Y = 1.6 * mm, 1.5 * mm
GRID_COLOR = colors.HexColor("#7d93a5")  # darker than the booklet's rules: a photocopy keeps the lines
# Č. | Jméno a příjmení | Organizace | Role v triádě | Podpis: 174 mm, the A4 frame.
COLUMNS = (9 * mm, 47 * mm, 50 * mm, 25 * mm, 43 * mm)
HEADER = ("Č.", "Jméno a příjmení", "Organizace", "Role v triádě", "Podpis")
# Member roles worth a second line under the name; "člen" is the default and says nothing.
_NOTED_ROLES = ("vedoucí", "koordinátor", "zapisovatel")


def sheet_title(doc: MeetingDocument) -> str:
    return f"Prezenční listina – {doc.group_label} {doc.label}, {short_date(doc.date, ' ')}"


def build_attendance_sheet(doc: MeetingDocument, path: Path | str, min_guest_rows: int = 2) -> int:
    """Write the attendance sheet of `doc` to `path` (A4 portrait PDF): the members, the guests known
    beforehand, then empty rows for other guests down to the foot of the last page. If fewer than
    `min_guest_rows` empty rows fit there, they start a new page (filled as well). Returns the page
    count. Raises UserError if the file cannot be written or the strip's image cannot be read."""
    styles = make_styles()
    header = [Paragraph(h, styles.cell_head) for h in HEADER]
    rows: list[list] = [header, _section("Členové skupiny", styles)]
    rows += [_person_row(i, p, styles) for i, p in enumerate(doc.members, start=1)]
    if doc.guests:
        rows.append(_section("Hosté", styles))
        rows += [_person_row(len(doc.members) + i, g, styles) for i, g in enumerate(doc.guests, start=1)]
    story: list[Flowable] = [Paragraph("Prezenční listina", styles.title), *_header(doc, styles),
                             Spacer(1, 5 * mm), _table(rows, header=True)]
    if min_guest_rows > 0:
        story.append(_GuestRows(len(doc.members) + len(doc.guests) + 1, min_guest_rows, not doc.guests, styles))
    info = DocumentInfo(sheet_title(doc), "Prezenční listina", doc.office.town or doc.office.department)
    return build_pdf(path, story, info, doc.strip, styles)


def _header(doc: MeetingDocument, styles: MeetingStyles) -> list[Flowable]:
    heading = f"{ordinal_meeting(doc.number)} {group_genitive(doc.group_name, doc.group_is_steering)}"
    lines = [Paragraph(ty.prose(heading[0].upper() + heading[1:]) + f" (č.{ty.NBSP}{doc.label})", styles.subtitle),
             labelled("Datum:", long_date(doc.date), styles.body_tight)]
    when = time_range(doc.starts_at, doc.ends_at)
    if when:
        lines.append(labelled("Čas:", when, styles.body_tight))
    if doc.place.strip():
        lines.append(labelled("Místo:", doc.place, styles.body_tight))
    return lines


def _person_row(number: int, person: PersonLine, styles: MeetingStyles) -> list:
    name = ty.prose(person.name)
    if person.role in _NOTED_ROLES:
        name += f'<br/><font name="{SANS}" size="{styles.cell.fontSize * 0.82:.1f}" color="#4a4a4a">{person.role}</font>'
    signature = Paragraph("omluven(a)", styles.cell_muted) if person.attendance is AttendanceState.EXCUSED else ""
    return [Paragraph(f"{number}.", styles.cell_sans), Paragraph(name, styles.cell_name),
            Paragraph(ty.prose(person.organisation), styles.cell_name), Paragraph(ty.prose(person.triad_role), styles.cell_sans),
            signature]


def _empty_row(number: int, styles: MeetingStyles) -> list:
    return [Paragraph(f"{number}.", styles.cell_sans), "", "", "", ""]


def _section(title: str, styles: MeetingStyles) -> list:
    return [Paragraph(title, styles.cell_head), "", "", "", ""]


def _row_heights(rows: list[list]) -> list[float | None]:
    """At least ROW_HEIGHT for every person's row, more when a long name or organisation wraps; the
    header and section rows take what they need."""
    heights: list[float | None] = []
    for row in rows:
        if _is_label_row(row):
            heights.append(None)
            continue
        needed = max((cell.wrap(width - 2 * _PAD_X, 1000)[1] for cell, width in zip(row, COLUMNS)
                      if isinstance(cell, Paragraph)), default=0)
        heights.append(max(ROW_HEIGHT, needed + 2 * _PAD_Y))
    return heights


def _is_label_row(row: list) -> bool:
    return row[0].style.name == "cell_head"


class _GuestRows(Flowable):
    """Empty guest rows down to the foot of the page, continuing the table right above (its numbering
    and ruling). When fewer than `minimum` fit, they go to the next page with the column headings."""

    def __init__(self, first_number: int, minimum: int, with_section: bool, styles: MeetingStyles):
        super().__init__()
        self.first_number = first_number
        self.minimum = minimum
        self.with_section = with_section  # no guest is known: the "Hosté" heading comes with the rows
        self.styles = styles
        self.on_new_page = False
        self.table: Table | None = None

    def _make(self, count: int) -> Table:
        rows = [[Paragraph(h, self.styles.cell_head) for h in HEADER]] if self.on_new_page else []
        if self.with_section:
            rows.append(_section("Hosté", self.styles))
        rows += [_empty_row(self.first_number + i, self.styles) for i in range(count)]
        return _table(rows, header=self.on_new_page)

    def wrap(self, availWidth, availHeight):
        count = int(availHeight // ROW_HEIGHT)
        while count > 0:
            self.table = self._make(count)
            if self.table.wrap(availWidth, availHeight)[1] <= availHeight:
                break
            count -= 1
        if count < self.minimum and not self.on_new_page:
            self.on_new_page = True  # too little room here: the frame moves this to the next page
            return availWidth, availHeight + 1
        return self.table.wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        return []  # never divided: it is sized to the page it lands on

    def draw(self):
        self.table.drawOn(self.canv, 0, 0)


def _table(rows: list[list], header: bool) -> Table:
    """The sheet's table; `header`: the first row holds the column headings (repeated on each page)."""
    table = Table(rows, colWidths=COLUMNS, rowHeights=_row_heights(rows), repeatRows=int(header), splitByRow=1)
    sections = [i for i, row in enumerate(rows) if _is_label_row(row) and not (header and i == 0)]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # empty cells too: never the unembedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.7, GRID_COLOR),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_Y),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    for index in sections:
        commands += [("SPAN", (0, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), SECTION_FILL),
                     ("TOPPADDING", (0, index), (-1, index), 1.2 * mm),
                     ("BOTTOMPADDING", (0, index), (-1, index), 1.2 * mm)]
    table.setStyle(TableStyle(commands))
    return table
