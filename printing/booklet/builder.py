"""The booklet "Přehled poskytovatelů sociálních služeb" as a PDF, from plain data (no database, no Qt).

Two passes without laying out twice. The first pass runs ReportLab's page layout but draws
nothing: every flowable records where it was placed, and every chapter and entry where it landed.
The contents need those page numbers; they reserve a fixed number column, so filling the numbers
in afterwards moves nothing. The indexes follow the entries, so they are generated the moment the
layout reaches them, with every page number already known. The second pass then only draws the
recorded pages (cover, footers, back cover included) onto the real canvas.
"""
from __future__ import annotations

import io
import os
import unicodedata
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import CMYKColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate,
)

from db.collation import czech_key
from db.errors import UserError
from db.files import replace_file
from db.images import upright
from db.directory.opening_hours import describe_week, parse_week
from db.validation import format_phones
from printing import typography as ty
from printing.booklet.data import BookletData, ServiceEntry
from printing.booklet.options import FORMAT_A5, ORDER_BY_TYPE, BookletOptions
from printing.flowables import (
    Anchor, BalancedPara, BreakableBlock, FieldPara, LeaderLine, Para, RuledPara, plain_para,
)
from printing.fonts import SERIF
from printing.booklet.imposition import impose_pdf
from printing.styles import GEOMETRY, PRINT_SHOP, SCREEN, BookletStyles, PageGeometry, make_styles
from db.runtime import cycle_collector_paused

# An entry up to this many lines (name and type not counted) is never broken across pages: moving it
# whole costs less white space than a reader's trouble with a few lines continued overleaf.
ENTRY_UNBROKEN_LINES = 5
# An index ends with at least this many lines on its last page.
INDEX_LAST_PAGE_LINES = 6
RELATED_TITLE = "Související služby"
OTHER_TITLE = "Další sociální služby"
OFFICES_TITLE = "Úřady a instituce, kde Vám poradí"
FOREWORD_TITLE = "Úvodem"
LARGE_PRINT_NOTE = "Vydání s velkým písmem pro slabozraké"
CONTENTS_TITLE = "Obsah"
PROVIDER_INDEX_TITLE = "Rejstřík poskytovatelů"
TYPE_INDEX_TITLE = "Rejstřík služeb podle druhu"

Progress = Callable[[float, str], None]


class BuildCancelled(Exception):
    """Raised from a progress callback to stop the build; no output file is left behind."""


@dataclass
class BuildResult:
    path: Path
    page_count: int  # pages of the booklet itself (A5 or A4), blanks included
    printed_sides: int | None  # sides of A4 landscape sheets when imposed
    service_pages: dict[int, list[int]] = field(default_factory=dict)  # service id → pages
    provider_pages: dict[int, list[int]] = field(default_factory=dict)  # provider id → pages
    seconds: float = 0.0
    # Per page (index 0 = page 1): the part it belongs to (contents key, e.g. ("toc", "chapter-0"),
    # None for the covers and blanks) and how full its text frame is, 0–1.
    page_sections: list[object] = field(default_factory=list)
    page_fills: list[float] = field(default_factory=list)
    chapter_keys: frozenset[str] = frozenset()  # the chapters of services among the sections
    # Printed with no phone at all (neither the service's nor its provider's): a reader cannot call
    # them. In Czech order of name and provider.
    without_phone: list[ServiceEntry] = field(default_factory=list)

    def chapter_pages(self) -> list[tuple[int, float, bool]]:
        """(page number, fill, is the chapter's last page) of every page of the chapters of services."""
        rows = []
        for index, section in enumerate(self.page_sections):
            if isinstance(section, tuple) and section[1] in self.chapter_keys:
                last = index + 1 == len(self.page_sections) or self.page_sections[index + 1] != section
                rows.append((index + 1, self.page_fills[index], last))
        return rows


@dataclass
class Chapter:
    key: str
    title: str
    note: str = ""
    entries: list[ServiceEntry] = field(default_factory=list)
    grouped: bool = False  # headings per service type (or per category of related services)
    references: set[int] = field(default_factory=set)  # ids printed here as a cross-reference only


# -- content plan -------------------------------------------------------------------------------

def _entry_sort_key(entry: ServiceEntry, by_type: bool):
    name = (czech_key(_strip_leading_marks(entry.name)), czech_key(entry.provider_name), entry.id)
    if not by_type:
        return name
    group = (0, entry.type_order, czech_key(entry.type_name)) if not entry.is_related \
        else (1, _is_catch_all(entry.category), czech_key(entry.category))
    return group + name


def _is_catch_all(category: str) -> bool:
    """"jiné" (other) closes the list of related categories instead of standing among them by name."""
    return category.strip().casefold() in ("", "jiné", "ostatní")


def _strip_leading_marks(text: str) -> str:
    """Quotes and brackets before a name do not decide its place in a list."""
    return text.lstrip("\"'„“”‚‘’»«([{–-. ")


def plan_chapters(data: BookletData, options: BookletOptions) -> list[Chapter]:
    """Chapters in print order; a service of several areas is in each of them. Empty ones are left out."""
    by_type = options.order == ORDER_BY_TYPE
    registered = [s for s in data.services if not s.is_related]
    related = [s for s in data.services if s.is_related]
    chapters: list[Chapter] = []
    placed: set[int] = set()
    for index, spec in enumerate(options.chapters):
        wanted = set(spec.target_groups)
        entries = [s for s in registered if wanted.intersection(s.target_groups)]
        placed.update(s.id for s in entries)
        chapters.append(Chapter(f"chapter-{index}", spec.title, entries=entries, grouped=by_type))
    # A service whose target groups no chapter lists must still be in the booklet.
    rest = [s for s in registered if s.id not in placed]
    chapters.append(Chapter("other", OTHER_TITLE, "Služby pro další skupiny obyvatel.", rest, by_type))
    chapters.append(Chapter(
        "related", RELATED_TITLE,
        "Služby, které nejsou registrovanými sociálními službami, ale mohou pomoci v každodenním životě.",
        related, by_type))
    for chapter in chapters:
        chapter.entries.sort(key=lambda e: _entry_sort_key(e, by_type))
    if options.cross_references:
        printed: set[int] = set()
        for chapter in chapters:
            chapter.references = {e.id for e in chapter.entries if e.id in printed}
            printed.update(e.id for e in chapter.entries)
    return [c for c in chapters if c.entries]


def _group_label(entry: ServiceEntry) -> str:
    label = entry.type_label
    return label[:1].upper() + label[1:]


def czech_date(day) -> str:
    return f"{day.day}.{ty.NBSP}{day.month}.{ty.NBSP}{day.year}"


def page_list(pages: list[int]) -> str:
    """[3, 5, 6, 7, 12] → '3, 5–7, 12'."""
    pages = sorted(set(pages))
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


# -- the document template ----------------------------------------------------------------------

class Deferred(Flowable):
    """Content made when the layout reaches it (the indexes need the pages of everything before)."""

    def __init__(self, make: Callable[[], list[Flowable]]):
        super().__init__()
        self.make = make
        self.content: list[Flowable] | None = None

    def expand(self) -> list[Flowable]:
        if self.content is None:
            self.content = self.make()
        return self.content

    def wrap(self, availWidth, availHeight):  # never placed: the document expands it first
        return 0, 0


@dataclass
class PageRecord:
    """One page as the layout left it: its template and what to draw where."""

    template: str
    draws: list[tuple[Flowable, float, float, float]] = field(default_factory=list)
    running_title: str = ""
    opens_chapter: bool = False
    section: object = None  # the contents key of the part the page belongs to, e.g. ("toc", "chapter-0")

    def fill(self, geometry: PageGeometry) -> float:
        """How much of the text frame's height is used, 0–1: from the frame's top down to the lowest
        thing placed on the page (what a reader sees as the page's white space at its foot)."""
        if not self.draws:
            return 0.0
        top = geometry.bottom + geometry.frame_height
        return (top - min(y for _, _, y, _ in self.draws)) / geometry.frame_height


class _LayoutCanvas(Canvas):
    """The canvas of the layout pass: flowables record their placement on it instead of drawing."""

    kp_dry_run = True

    def kp_record(self, flowable: Flowable, x: float, y: float, sw: float) -> None:
        self.kp_pages[-1].draws.append((flowable, x, y, sw))


class _LayoutDoc(BaseDocTemplate):
    """Runs ReportLab's page layout once and records every page (see module docstring)."""

    def __init__(self, geometry: PageGeometry, on_entry: Callable[[], None]):
        super().__init__(io.BytesIO(), pagesize=(geometry.width, geometry.height), leftMargin=geometry.inner,
                         rightMargin=geometry.outer, topMargin=geometry.top, bottomMargin=geometry.bottom,
                         allowSplitting=1)
        self._doSave = 0
        self.geometry = geometry
        self.on_entry = on_entry
        self.anchors: dict[object, list[int]] = {}
        self.pages: list[PageRecord] = []
        self.running_title = ""
        self.section: object = None
        self.group: str | None = None  # the service type whose entries are being set
        self.continue_group: Callable[[str], Flowable] | None = None
        self._body_frame = self._frame("body")
        full = Frame(0, 0, geometry.width, geometry.height, 0, 0, 0, 0, id="full")
        self.addPageTemplates([PageTemplate("cover", [full]), PageTemplate("body", [self._body_frame]),
                               PageTemplate("blank", [self._frame("blank")]), PageTemplate("back", [full])])

    def _frame(self, frame_id: str) -> Frame:
        g = self.geometry
        return Frame(g.inner, g.bottom, g.frame_width, g.frame_height, 0, 0, 0, 0, id=frame_id)

    def handle_documentBegin(self):
        self.canv.kp_pages = self.pages
        super().handle_documentBegin()

    def handle_pageBegin(self):
        # Mirrored margins: the wider one is always at the fold.
        self._body_frame._x1 = self.geometry.left_margin(self.page + 1)
        self._body_frame._geom()
        super().handle_pageBegin()
        self.pages.append(PageRecord(self.pageTemplate.id))

    def handle_pageEnd(self):
        self.pages[-1].running_title = self.running_title
        self.pages[-1].section = self.section
        super().handle_pageEnd()

    def filterFlowables(self, flowables):
        while flowables and isinstance(flowables[0], Deferred):
            flowables[0:1] = flowables[0].expand()
        # A page that starts inside a service type's section repeats the type's heading.
        if (flowables and self.continue_group is not None and self.group is not None
                and self._curPageFlowableCount == 0
                and self.pageTemplate.id == "body" and getattr(flowables[0], "kp_group", None) == self.group):
            flowables.insert(0, self.continue_group(self.group))

    def afterFlowable(self, flowable):
        if isinstance(flowable, PageBreak):  # a new chapter or part: no section goes on
            self.group = None
        elif hasattr(flowable, "kp_group"):
            self.group = flowable.kp_group
        key = getattr(flowable, "kp_anchor", None)
        if key is None:
            return
        self.anchors.setdefault(key, []).append(self.page)
        running = getattr(flowable, "kp_running", None)
        if running is not None:
            self.group = None
            self.running_title = running
            self.section = key
            self.pages[-1].opens_chapter = True
        if key[0] == "entry":
            self.on_entry()


class _PagePainter:
    """What is drawn directly on the canvas: cover, footer, back cover."""

    def __init__(self, data: BookletData, options: BookletOptions, styles: BookletStyles, geometry: PageGeometry):
        self.data, self.options, self.styles, self.g = data, options, styles, geometry
        # Colour that runs off the trimmed edge is printed this far beyond it, so no white hairline
        # shows where the print shop's knife is a little off.
        self.bleed = BLEED if options.print_shop else 0.0

    def band(self, canv: Canvas, y: float, height: float) -> None:
        """An accent band across the page from `y`; at the top or bottom edge it runs into the bleed."""
        g, b = self.g, self.bleed
        bottom = y - b if y <= 0 else y
        top = y + height + b if y + height >= g.height else y + height
        canv.rect(-b, bottom, g.width + 2 * b, top - bottom, stroke=0, fill=1)

    def footer(self, canv: Canvas, page: int, record: PageRecord) -> None:
        g, s = self.g, self.styles
        left = g.left_margin(page)
        right = left + g.frame_width
        canv.saveState()
        canv.setStrokeColor(self.styles.palette.rule)
        canv.setLineWidth(0.5)
        rule_y = g.footer_y + s.footer_size * 1.35
        canv.line(left, rule_y, right, rule_y)
        canv.setFont(s.footer_font + "-Bold", s.footer_size * 1.1)
        canv.setFillColor(self.styles.palette.accent)
        odd = page % 2 == 1
        (canv.drawRightString if odd else canv.drawString)(right if odd else left, g.footer_y, str(page))
        # No running title on a page that opens a chapter: its heading says it already.
        title = "" if record.opens_chapter else record.running_title
        if title:
            canv.setFont(s.footer_font, s.footer_size)
            canv.setFillColor(self.styles.palette.muted)
            (canv.drawString if odd else canv.drawRightString)(left if odd else right, g.footer_y, title)
        canv.restoreState()

    def cover(self, canv: Canvas) -> None:
        g, s, office = self.g, self.styles, self.data.office
        width = g.width - 2 * g.outer - 4 * mm
        x = g.inner
        canv.saveState()
        canv.setFillColor(self.styles.palette.accent)
        self.band(canv, g.height - 9 * mm, 9 * mm)
        y = g.height - 9 * mm - 16 * mm
        if office.logo:
            y = self._draw_logo(canv, office.logo, x, y)
        if office.town:
            p = plain_para(ty.clean(office.town), s.cover_town, BalancedPara)
            _, h = p.wrap(width, g.height)
            p.drawOn(canv, x, y - h)
        title = plain_para(ty.clean(self.options.title), s.cover_title, BalancedPara)
        _, h = title.wrap(width, g.height)
        title_bottom = g.height * 0.58 - h
        title.drawOn(canv, x, title_bottom)
        rule_top = title_bottom - 5 * mm
        canv.setFillColor(self.styles.palette.accent)
        canv.rect(x, rule_top - 1.6 * mm, 28 * mm, 1.6 * mm, stroke=0, fill=1)
        y = rule_top - 1.6 * mm - 6 * mm
        for line in (self.options.edition, LARGE_PRINT_NOTE if self.options.large_print else ""):
            if line:
                p = Para(ty.prose(line), s.cover_edition)
                _, h = p.wrap(width, g.height)
                p.drawOn(canv, x, y - h)
                y -= h + 2 * mm
        department = office.department
        if department:
            p = Para(ty.prose(department), s.cover_edition)
            _, h = p.wrap(width, g.height)
            p.drawOn(canv, x, 22 * mm)
        canv.setFillColor(self.styles.palette.accent)
        self.band(canv, 0, 5 * mm)
        canv.restoreState()

    def _draw_logo(self, canv: Canvas, logo: bytes, x: float, y: float) -> float:
        try:
            image = ImageReader(io.BytesIO(upright(logo)))  # a logo stored before intake turned it
            iw, ih = image.getSize()
        except (OSError, ValueError, UserError):
            return y  # an unreadable logo must not stop the booklet; the cover is fine without it
        max_w, max_h = 45 * mm, 24 * mm
        scale = min(max_w / iw, max_h / ih)
        w, h = iw * scale, ih * scale
        canv.drawImage(image, x, y - h, w, h, mask="auto")
        return y - h - 8 * mm

    def back(self, canv: Canvas, page: int) -> None:
        g, s = self.g, self.styles
        x = g.outer if page % 2 == 0 else g.inner
        width = g.frame_width
        flowables = self.imprint()
        heights = [f.wrap(width, g.height)[1] for f in flowables]
        total = sum(heights) + sum(f.getSpaceAfter() for f in flowables[:-1])
        y = g.bottom + total
        canv.saveState()
        canv.setStrokeColor(self.styles.palette.rule)
        canv.setLineWidth(0.5)
        canv.line(x, y + s.body_size, x + width, y + s.body_size)
        for f, h in zip(flowables, heights):
            f.drawOn(canv, x, y - h)
            y -= h + f.getSpaceAfter()
        canv.setFillColor(self.styles.palette.accent)
        self.band(canv, 0, 5 * mm)
        canv.restoreState()

    def imprint(self) -> list[Flowable]:
        s, office, options = self.styles, self.data.office, self.options
        publisher = ", ".join(p for p in (office.town, office.department, office.address) if p.strip())
        contacts = "; ".join(p for p in (
            f"tel. {office.phone}" if office.phone else "", office.email, office.web) if p)
        lines = [Para(ty.prose(options.title), s.imprint_heading)]
        if options.edition:
            lines.append(Para(ty.prose(options.edition), s.imprint))
        if publisher:
            text = f"Vydal: {publisher}" + (f" ({contacts})" if contacts else "")
            lines.append(Para(ty.prose(text), s.imprint))
        hours = describe_week(parse_week(office.hours)[0])
        if hours:
            lines.append(Para(ty.prose(f"Úřední hodiny: {hours}"), s.imprint))
        lines.append(Para(f"Údaje platné k {czech_date(self.data.valid_on)}.", s.imprint))
        lines.append(Para(ty.prose("Opravy a doplnění údajů prosím hlaste: " + self.corrections_contact()),
                          s.imprint))
        lines.append(Para("Neprodejné.", s.imprint))
        return lines

    def corrections_contact(self) -> str:
        if self.options.corrections_contact.strip():
            return self.options.corrections_contact.strip()
        office = self.data.office
        who = office.department or office.town or "odbor sociálních věcí"
        parts = [who] + [p for p in (f"tel. {office.phone}" if office.phone else "",
                                     f"e-mail {office.email}" if office.email else "") if p]
        return ", ".join(parts)


# -- story ----------------------------------------------------------------------------------------

class _Story:
    """Turns the data into flowables. Built once; both passes lay out the same objects."""

    def __init__(self, data: BookletData, options: BookletOptions, styles: BookletStyles):
        self.data, self.options, self.s = data, options, styles
        self.chapters = plan_chapters(data, options)
        # An office from the starter list the clerk has not filled in yet cannot help a reader.
        self.offices = [o for o in options.offices if o.is_filled]
        self.live_anchors: dict[object, list[int]] = {}  # of the pass in progress: the indexes read them
        self.toc_number_width = stringWidth("888", styles.toc_entry.fontName, styles.toc_entry.fontSize)
        self._toc_lines: list[LeaderLine] = []
        self._reference_lines: list[LeaderLine] = []
        self.reference_number_width = stringWidth(f"str.{ty.NBSP}888", styles.index_entry.fontName,
                                                  styles.index_entry.fontSize)
        self._field_styles: dict[object, ParagraphStyle] = {}
        self.continued_style = ParagraphStyle("entry continued", parent=styles.entry_type, spaceBefore=0,
                                              spaceAfter=styles.body_size * 0.15)
        self.label_size = styles.label_size

    @property
    def entry_count(self) -> int:
        return sum(len(c.entries) for c in self.chapters)

    def flowables(self) -> list[Flowable]:
        s = self.s
        story: list[Flowable] = [Anchor(("cover",)), NextPageTemplate("body"), PageBreak()]
        if self.options.foreword.strip():
            story += self._title(FOREWORD_TITLE, ("toc", "foreword"))
            story += [Para(p, s.body) for p in ty.paragraphs(self.options.foreword)]
            story.append(PageBreak())
        story += self._contents()
        for chapter in self.chapters:
            story.append(PageBreak())
            story += self._chapter(chapter)
        if self.offices:
            story.append(PageBreak())
            story += self._offices()
        story += [PageBreak(), Deferred(self._provider_index), PageBreak(), Deferred(self._type_index)]
        return story

    def closing(self) -> list[Flowable]:
        """The back cover; the imprint on it is drawn directly."""
        return [NextPageTemplate("back"), PageBreak(), Anchor(("back",))]

    # -- parts --
    def _title(self, title: str, key, running: str | None = None) -> list[Flowable]:
        p = plain_para(ty.clean(title), self.s.chapter_title, BalancedPara)
        p.kp_anchor = key
        p.kp_running = running if running is not None else title
        return [p]

    def _toc_items(self) -> list[tuple[str, object]]:
        items = []
        if self.options.foreword.strip():
            items.append((FOREWORD_TITLE, ("toc", "foreword")))
        items += [(c.title, ("toc", c.key)) for c in self.chapters]
        if self.offices:
            items.append((OFFICES_TITLE, ("toc", "offices")))
        items += [(PROVIDER_INDEX_TITLE, ("toc", "providers")), (TYPE_INDEX_TITLE, ("toc", "types"))]
        return items

    def _contents(self) -> list[Flowable]:
        story = self._title(CONTENTS_TITLE, ("toc", "contents"))
        self._toc_lines = []
        for title, key in self._toc_items():
            line = self._leader_line(ty.clean(title), self.s.toc_entry, "", number_width=self.toc_number_width)
            line.kp_key = key
            self._toc_lines.append(line)
            story.append(line)
        return story

    def set_page_numbers(self, anchors: dict[object, list[int]]) -> None:
        """Fill the contents in; the number column was reserved, so no line moves."""
        for line in self._toc_lines:
            pages = anchors.get(line.kp_key)
            line.numbers = str(pages[0]) if pages else ""
        full = self._entry_pages(anchors)
        for line in self._reference_lines:
            pages = full.get(line.kp_service)
            line.numbers = f"str.{ty.NBSP}{pages[0]}" if pages else ""

    def _chapter(self, chapter: Chapter) -> list[Flowable]:
        """The chapter's entries; headings travel inside the next entry's block.

        ReportLab's keepWithNext cannot bind a heading to a KeepTogether (containers are excluded),
        so a heading would be left alone at the foot of a page; putting it into the entry's block
        moves them together. A long entry may break between its fields (see _entry_block).
        """
        s = self.s
        story: list[Flowable] = []
        pending = self._title(chapter.title, ("toc", chapter.key))
        if chapter.note:
            pending.append(plain_para(ty.clean(chapter.note), s.chapter_note))
        group = None
        for entry in chapter.entries:
            first = False
            if chapter.grouped:
                label = _group_label(entry)
                if label != group:
                    group = label
                    first = True
                    pending.append(self.group_heading(label))
            if entry.id in chapter.references:
                parts = [self._cross_reference(entry, chapter.key, with_type=not chapter.grouped)]
            else:
                parts = self._entry(entry, chapter.key, with_type=not chapter.grouped, first=first)
            for flowable in pending:
                flowable.kp_heading = True
            parts[0].kp_heading = True  # the name
            block = self._entry_block(entry, pending + parts)
            if chapter.grouped:
                # On every piece: a block moved to the next page arrives there as its content.
                for flowable in (block, *block._content):
                    flowable.kp_group = group
            story.append(block)
            pending = []
        return story + pending

    def _entry_block(self, entry: ServiceEntry, content: list[Flowable]) -> BreakableBlock:
        """An entry of more than a few lines may break between its fields, so pages are not left half
        empty: its name stays with at least three lines, at least two go on (never one alone at the
        top of a page), and the next page starts with "Name (pokračování)"."""
        def continued() -> list[Flowable]:
            mark = plain_para(ty.name(entry.name) + " (pokračování)", self.continued_style)
            mark.kp_heading = True
            return [mark]
        return BreakableBlock(content, head_lines=3, tail_lines=3, min_lines=ENTRY_UNBROKEN_LINES + 1,
                              continued=continued)

    def group_heading(self, label: str, continued: bool = False) -> Flowable:
        """The heading of a service type inside a chapter; repeated with "(pokračování)" at the top
        of a page where its entries go on."""
        text = f"{label} (pokračování)" if continued else label
        heading = plain_para(ty.clean(text), self.s.group_heading, RuledPara)
        heading.rule_color = self.s.palette.accent
        return heading

    def _field_style(self, label: str) -> ParagraphStyle:
        """The field style with the first line indented by the label's width (cached per label)."""
        style = self._field_styles.get(label)
        if style is None:
            s = self.s
            hang = s.field.leftIndent
            width = stringWidth(label + " ", s.label_font, self.label_size)
            style = ParagraphStyle(f"field {label}", parent=s.field, firstLineIndent=width - hang)
            self._field_styles[label] = style
        return style

    def _list_style(self, label: str) -> ParagraphStyle:
        """Items of a list after a label: each starts where the label ends, its wrapped lines hang."""
        key = ("list", label)
        style = self._field_styles.get(key)
        if style is None:
            s = self.s
            width = stringWidth(label + " ", s.label_font, self.label_size)
            hang = s.body_size * 0.8
            style = ParagraphStyle(f"list {label}", parent=s.field, leftIndent=width + hang, firstLineIndent=-hang)
            self._field_styles[key] = style
        return style

    def _list_item(self, label: str, text: str, style_label: str) -> FieldPara:
        return self._labelled(label, text, self._list_style(style_label))

    def _field(self, label: str, text: str, bold: bool = False) -> FieldPara:
        style = self._field_style(label)
        if bold:
            style = self._bold(style)
        return self._labelled(label, text, style)

    def _bold(self, style: ParagraphStyle) -> ParagraphStyle:
        key = ("bold", style.name)
        bold = self._field_styles.get(key)
        if bold is None:
            bold = ParagraphStyle(style.name + " bold", parent=style, fontName=style.fontName + "-Bold")
            self._field_styles[key] = bold
        return bold

    def _labelled(self, label: str, text: str, style: ParagraphStyle) -> FieldPara:
        p = plain_para(text, style, FieldPara)
        p.label, p.label_font, p.label_size, p.label_color = label, self.s.label_font, self.label_size, self.s.palette.label
        return p

    def _description(self, text: str) -> list[Flowable]:
        style = self.s.description
        return [Para(ty.prose(block), style) if "\n" in block else plain_para(ty.clean(block), style)
                for block in ty.blocks(text)]

    def _entry(self, e: ServiceEntry, chapter_key: str, with_type: bool, first: bool = False) -> list[Flowable]:
        """One service in the order a reader asks: what it is and does, how to reach it (phone first,
        in bold), where and when, for whom, then the rest. Under a heading of its type the type is not
        repeated."""
        s = self.s
        name = plain_para(ty.name(e.name), s.entry_name_first if first else s.entry_name, BalancedPara)
        name.kp_anchor = ("entry", chapter_key, e.id)
        parts: list[Flowable] = [name]
        if with_type:
            parts.append(plain_para(ty.clean(e.type_label), s.entry_type))
        parts += self._description(e.description)
        if e.phone:
            parts.append(self._field("Telefon:", _unbreakable_phones(e.phone), bold=True))
        if e.email:
            parts.append(self._field("E-mail:", e.email))
        if e.web:
            parts.append(self._field("Web:", e.web))
        if len(e.places) == 1:
            parts.append(self._field("Adresa:", ty.clean(e.places[0])))
        elif e.places:
            parts += [self._list_item("Místa:" if i == 0 else "", ty.clean(place), "Místa:")
                      for i, place in enumerate(e.places)]
        if e.opening_hours:
            parts.append(self._field("Provozní doba:", ty.clean(e.opening_hours)))
        if e.contact_person:
            parts.append(self._field("Kontaktní osoba:", ty.clean(e.contact_person)))
        whom = ", ".join(e.target_groups)
        if e.age:
            age = "věk " + e.age.replace(" ", ty.NBSP)  # "od 18 let" stays on one line
            whom = f"{whom}; {age}" if whom else age
        if whom:
            parts.append(self._field("Pro koho:", ty.clean(whom)))
        if e.forms:
            parts.append(self._field("Forma:", ty.clean(", ".join(e.forms))))
        if e.capacity and self.options.show_capacity:
            parts.append(self._field("Kapacita:", ty.clean(e.capacity)))
        if e.fee:
            parts.append(plain_para(ty.clean(e.fee), self.s.field))
        parts.append(self._field("Poskytovatel:", ty.name(e.provider_name)))
        return parts

    def _cross_reference(self, e: ServiceEntry, chapter_key: str, with_type: bool) -> Flowable:
        """One line: the service's name, leaders and the page of its full entry (filled after layout
        into a reserved column, so the line never changes height)."""
        text = e.name if not with_type else f"{e.name} ({e.type_label})"
        line = self._leader_line(ty.name(text) + f"{ty.NBSP}→", self.s.cross_reference, "",
                          number_width=self.reference_number_width)
        line.kp_service = e.id
        line.kp_anchor = ("reference", chapter_key, e.id)
        self._reference_lines.append(line)
        return line

    def _offices(self) -> list[Flowable]:
        s = self.s
        pending = self._title(OFFICES_TITLE, ("toc", "offices"), running="Úřady a instituce")
        story: list[Flowable] = []
        for office in self.offices:
            parts: list[Flowable] = pending + [plain_para(ty.name(office.name), s.entry_name, BalancedPara)]
            pending = []
            hours = describe_week(parse_week(office.hours)[0])
            for label, value, literal in (("Adresa:", office.address, False), ("Telefon:", office.phone, True),
                                          ("E-mail:", office.email, True), ("Web:", office.web, True),
                                          ("Úřední hodiny:", hours, False)):
                if label == "Telefon:":
                    value = _unbreakable_phones(format_phones(value))
                if value.strip():
                    parts.append(self._field(label, value.strip() if literal else ty.clean(value)))
            parts += self._description(office.note)
            story.append(KeepTogether(parts))
        return story + pending

    # -- indexes (made during layout, when all entry pages are known) --
    def _entry_pages(self, doc_anchors) -> dict[int, list[int]]:
        pages: dict[int, list[int]] = {}
        for key, where in doc_anchors.items():
            if key[0] == "entry":
                pages.setdefault(key[2], []).extend(where[:1])
        return pages

    def _provider_index(self) -> list[Flowable]:
        s = self.s
        pages = self._entry_pages(self.live_anchors)
        providers: dict[int, tuple[str, list[int]]] = {}
        for entry in self.data.services:
            if entry.id in pages:
                name, found = providers.setdefault(entry.provider_id, (entry.provider_name, []))
                found.extend(pages[entry.id])
        groups: dict[str, list[Flowable]] = {}
        for name, found in sorted(providers.values(), key=lambda p: czech_key(_strip_leading_marks(p[0]))):
            groups.setdefault(_initial(name), []).append(self._index_line(ty.name(name), page_list(found)))
        title = self._title(PROVIDER_INDEX_TITLE, ("toc", "providers"), running="Rejstřík poskytovatelů")
        return title + self._index_blocks([(plain_para(letter, s.index_letter), lines)
                                           for letter, lines in groups.items()])

    def _type_index(self) -> list[Flowable]:
        s = self.s
        pages = self._entry_pages(self.live_anchors)
        # Related services are one group here, without their categories: by name, as an index reads.
        entries = sorted((e for e in self.data.services if e.id in pages),
                         key=lambda e: (1,) + _entry_sort_key(e, by_type=False) if e.is_related
                         else (0,) + _entry_sort_key(e, by_type=True))
        groups: dict[str, list[ServiceEntry]] = {}
        for entry in entries:
            groups.setdefault(RELATED_TITLE if entry.is_related else _group_label(entry), []).append(entry)
        blocks = []
        for label, members in groups.items():
            names = Counter(m.name for m in members)
            # A name shared by several providers' services gets the provider added.
            lines = [self._index_line(ty.name(m.name if names[m.name] == 1 else f"{m.name} – {m.provider_name}"),
                                      page_list(pages[m.id])) for m in members]
            blocks.append((plain_para(ty.clean(label), s.index_group), lines))
        title = self._title(TYPE_INDEX_TITLE, ("toc", "types"), running="Rejstřík služeb")
        return title + self._index_blocks(blocks)

    def _index_blocks(self, groups: list[tuple[Flowable, list[Flowable]]]) -> list[Flowable]:
        """One block per group of an index: its heading never stands alone at the foot of a page nor
        with a single line, a single line never goes on alone overleaf, and the groups at the end are
        one block that leaves at least INDEX_LAST_PAGE_LINES lines on the index's last page."""
        blocks: list[list[Flowable]] = []
        for heading, lines in groups:
            heading.kp_heading = True
            blocks.append([heading, *lines])
        tail: list[Flowable] = []
        while blocks and sum(not getattr(f, "kp_heading", False) for f in tail) < INDEX_LAST_PAGE_LINES:
            tail = blocks.pop() + tail
        story: list[Flowable] = [BreakableBlock(b, head_lines=2, tail_lines=2) for b in blocks]
        if tail:
            story.append(BreakableBlock(tail, head_lines=2, tail_lines=2, end_lines=INDEX_LAST_PAGE_LINES))
        return story

    def _index_line(self, text: str, numbers: str) -> Flowable:
        return self._leader_line(text, self.s.index_entry, numbers)

    def _leader_line(self, text: str, style: ParagraphStyle, numbers: str, number_width: float | None = None):
        line = LeaderLine(text, style, numbers, number_width=number_width)
        line.leader_color = self.s.palette.muted
        return line


def _unbreakable_phones(phones: str) -> str:
    """A number never breaks across lines; a list of numbers may break after its semicolons."""
    return phones.replace(" ", ty.NBSP).replace(";" + ty.NBSP, "; ")


def _initial(name: str) -> str:
    """The index letter: Č, Ch, Ř, Š, Ž are letters of their own; Á goes under A, as in dictionaries."""
    stripped = _strip_leading_marks(name)
    if not stripped:
        return "#"
    if stripped[:2].lower() == "ch":
        return "Ch"
    first = stripped[0].lower()
    if first.isdigit():
        return "0–9"
    if first not in "čřšž":
        first = unicodedata.normalize("NFD", first)[0]
    return first.upper()


# -- public entry point -----------------------------------------------------------------------------



def build_booklet(data: BookletData, options: BookletOptions, out_path: Path | str,
                  progress: Progress | None = None) -> BuildResult:
    """Write the booklet to `out_path` (imposed on A4 sheets if options.imposed)."""
    with cycle_collector_paused():
        return _build(data, options, Path(out_path), progress)


def _build(data: BookletData, options: BookletOptions, out_path: Path,
           progress: Progress | None) -> BuildResult:
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    if options.imposed and options.page_format != FORMAT_A5:
        raise ValueError("imposition needs A5 pages")
    geometry = GEOMETRY[options.page_format]
    if options.imposed and options.print_shop:
        raise ValueError("a print shop gets single pages, not an imposed booklet")
    styles = make_styles(options.page_format, options.large_print, PRINT_SHOP if options.print_shop else SCREEN)
    story = _Story(data, options, styles)
    painter = _PagePainter(data, options, styles, geometry)
    total = max(1, story.entry_count)

    def tick(base: float, share: float, count: int, message: str):
        done = 0

        def advance():
            nonlocal done
            done += 1
            if done % 10 == 0 or done == count:
                report(base + share * min(done, count) / count, message)
        return advance

    report(0.0, "Rozvrhuji stránky…")
    doc = _LayoutDoc(geometry, tick(0.0, 0.6, total, "Rozvrhuji stránky…"))
    story.live_anchors = doc.anchors
    doc.continue_group = lambda label: story.group_heading(label, continued=True)
    doc.build(story.flowables() + story.closing(), canvasmaker=_LayoutCanvas)
    story.set_page_numbers(doc.anchors)
    pages = doc.pages
    if options.page_format == FORMAT_A5:  # for the print shop or the imposition: fill the last sheet
        pages = pages[:-1] + [PageRecord("blank") for _ in range(-len(pages) % 4)] + pages[-1:]

    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".pdf", dir=out_path.parent, prefix=".booklet-")
    os.close(fd)
    tmp = Path(tmp_name)
    sides = None
    try:
        _render(pages, tmp, painter, options, data, tick(0.6, 0.36, len(pages), "Sázím stránky…"))
        if options.imposed:
            report(0.96, "Skládám brožuru…")
            imposed = tmp.with_suffix(".imposed.pdf")
            try:
                sides = impose_pdf(tmp, imposed)
                replace_file(imposed, out_path)
            finally:
                imposed.unlink(missing_ok=True)
        else:
            replace_file(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    report(1.0, "Hotovo.")
    service_pages = story._entry_pages(doc.anchors)
    provider_pages: dict[int, list[int]] = {}
    for entry in data.services:
        if entry.id in service_pages:
            provider_pages.setdefault(entry.provider_id, []).extend(service_pages[entry.id])
    return BuildResult(out_path, len(pages), sides, service_pages,
                       {k: sorted(set(v)) for k, v in provider_pages.items()},
                       time.perf_counter() - started,
                       page_sections=[p.section if p.template == "body" else None for p in pages],
                       page_fills=[p.fill(geometry) if p.template == "body" else 0.0 for p in pages],
                       chapter_keys=frozenset(c.key for c in story.chapters),
                       without_phone=sorted((e for e in data.services if not e.phone and e.id in service_pages),
                                            key=lambda e: (czech_key(e.name), czech_key(e.provider_name), e.id)))


BLEED = 3 * mm  # the print shops' usual bleed
SLUG = 9 * mm  # room outside the bleed for the crop marks


def _crop_marks(canv: Canvas, g: PageGeometry, offset: float) -> None:
    """Hairlines in registration black at the four corners of the trimmed page, starting outside the
    bleed so they never print on the page itself."""
    canv.saveState()
    canv.setStrokeColor(CMYKColor(1, 1, 1, 1))  # registration: on every plate
    canv.setLineWidth(0.25)
    left, bottom, right, top = offset, offset, offset + g.width, offset + g.height
    start, end = BLEED + 1 * mm, BLEED + SLUG - 1 * mm
    for x, dx in ((left, -1), (right, 1)):
        for y, dy in ((bottom, -1), (top, 1)):
            canv.line(x + dx * start, y, x + dx * end, y)  # horizontal mark
            canv.line(x, y + dy * start, x, y + dy * end)  # vertical mark
    canv.restoreState()


def _render(pages: list[PageRecord], path: Path, painter: _PagePainter, options: BookletOptions,
            data: BookletData, on_page: Callable[[], None]) -> None:
    """Draw the recorded pages: the placement is final, so nothing is laid out again."""
    g = painter.g
    offset = BLEED + SLUG if options.print_shop else 0.0
    canv = Canvas(str(path), pagesize=(g.width + 2 * offset, g.height + 2 * offset), pageCompression=1,
                  lang="cs-CZ", initialFontName=SERIF)
    if options.print_shop:
        canv.setTrimBox((offset, offset, offset + g.width, offset + g.height))
        canv.setBleedBox((SLUG, SLUG, SLUG + g.width + 2 * BLEED, SLUG + g.height + 2 * BLEED))
    canv.setTitle(options.title)
    canv.setAuthor(data.office.town or data.office.department)
    canv.setSubject("Přehled poskytovatelů sociálních a souvisejících služeb")
    canv.setCreator("Komunitní plán")
    for number, record in enumerate(pages, start=1):
        if options.print_shop:
            _crop_marks(canv, g, offset)
            canv.translate(offset, offset)
        if record.template == "cover":
            painter.cover(canv)
        elif record.template == "back":
            painter.back(canv, number)
        for flowable, x, y, sw in record.draws:
            flowable.drawOn(canv, x, y, sw)
            outline = getattr(flowable, "kp_running", None)
            if outline is not None:  # bookmarks: the chapters in the PDF viewer's side panel
                key = f"p{number}-{outline}"
                canv.bookmarkPage(key)
                canv.addOutlineEntry(outline, key, level=0)
        if record.template == "body":
            painter.footer(canv, number, record)
        canv.showPage()
        on_page()
    canv.save()
