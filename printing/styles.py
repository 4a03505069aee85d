"""Page geometry and paragraph styles of the booklet, defined once and scaled from the body size.

Body sizes: 10.5 pt in A5 and 12.5 pt in A4; large print 14 pt and 16 pt. Charis SIL has a large
x-height, so 10.5 pt reads like 11.5 pt of a Times-like face.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from printing.fonts import SANS, SERIF, register_fonts
from printing.typography import hyphenate_czech

ACCENT = colors.HexColor("#1d4f6e")
TEXT = colors.HexColor("#111111")
MUTED = colors.HexColor("#4a4a4a")  # 8.9:1 on white: still comfortable for older eyes
LABEL = colors.HexColor("#2b2b2b")  # field labels ("Telefon:"): small type needs more contrast than MUTED
LABEL_MIN = 9.5  # pt: no field label smaller, whatever the format
RULE = colors.HexColor("#9fb3c2")


@dataclass(frozen=True)
class Palette:
    """The booklet's colours. The office and web PDF is RGB; the print shop's is CMYK with text in
    pure black (100 % K), so small type is printed from one plate and never blurs."""

    text: colors.Color
    accent: colors.Color
    muted: colors.Color
    label: colors.Color
    rule: colors.Color


SCREEN = Palette(TEXT, ACCENT, MUTED, LABEL, RULE)
PRINT_SHOP = Palette(
    text=colors.CMYKColor(0, 0, 0, 1),
    accent=colors.CMYKColor(0.74, 0.28, 0, 0.57),   # #1d4f6e
    muted=colors.CMYKColor(0, 0, 0, 0.71),          # #4a4a4a
    label=colors.CMYKColor(0, 0, 0, 0.83),          # #2b2b2b
    rule=colors.CMYKColor(0.18, 0.08, 0, 0.24),     # #9fb3c2
)


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    top: float
    bottom: float
    inner: float  # binding side: left on odd (recto) pages
    outer: float
    footer_y: float  # baseline of the page number

    @property
    def frame_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom

    def left_margin(self, page_number: int) -> float:
        return self.inner if page_number % 2 else self.outer


GEOMETRY = {
    "a5": PageGeometry(A5[0], A5[1], top=15 * mm, bottom=19 * mm, inner=17 * mm, outer=14 * mm,
                       footer_y=10 * mm),
    # A4 keeps lines near 75 characters: wide margins rather than a long measure.
    "a4": PageGeometry(A4[0], A4[1], top=22 * mm, bottom=24 * mm, inner=30 * mm, outer=26 * mm,
                       footer_y=13 * mm),
}

LARGE_PRINT_MIN = 14.0  # no reading text below this in large print
_BODY_SIZE = {("a5", False): 10.5, ("a5", True): 14.0, ("a4", False): 12.5, ("a4", True): 16.0}


@dataclass(frozen=True)
class BookletStyles:
    body_size: float
    body: ParagraphStyle  # foreword and other running text
    description: ParagraphStyle
    field: ParagraphStyle  # "Telefon: …" lines of an entry
    entry_name: ParagraphStyle
    entry_name_first: ParagraphStyle  # right under a group heading: closer to it
    entry_type: ParagraphStyle
    chapter_title: ParagraphStyle
    chapter_note: ParagraphStyle
    group_heading: ParagraphStyle  # a service type inside a chapter
    toc_entry: ParagraphStyle
    index_letter: ParagraphStyle
    index_entry: ParagraphStyle
    cross_reference: ParagraphStyle  # "Osobní asistence → str. 23" in a later chapter (serif: Noto Sans lacks →)
    index_group: ParagraphStyle
    cover_title: ParagraphStyle
    cover_town: ParagraphStyle
    cover_edition: ParagraphStyle
    imprint: ParagraphStyle
    imprint_heading: ParagraphStyle
    footer_font: str
    footer_size: float
    label_font: str
    label_size: float  # "Telefon:" before the value of a field
    palette: Palette = SCREEN


def make_styles(page_format: str = "a5", large_print: bool = False, palette: Palette = SCREEN) -> BookletStyles:
    register_fonts()
    b = _BODY_SIZE[(page_format, large_print)]
    lead = 1.32 if not large_print else 1.3
    # Running text is ragged right like every other text of the booklet: a narrow column justified
    # opens uneven word spaces, which older and low-vision readers follow badly.

    def style(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=SERIF, fontSize=b, leading=b * lead, textColor=palette.text, alignment=TA_LEFT,
                    hyphenationLang="", splitLongWords=1, allowWidows=0, allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    def small(factor: float) -> float:
        """Secondary text (labels, index, footers) is a little smaller, but never below the large-print floor."""
        return max(b * factor, LARGE_PRINT_MIN) if large_print else b * factor

    hyph = dict(hyphenationLang=hyphenate_czech, hyphenationMinWordLength=7)
    return BookletStyles(
        body_size=b,
        body=style("body", spaceAfter=b * 0.6, **hyph),
        # Entry descriptions are short blocks in a narrow column: ragged right avoids gaps that
        # justification opens when a line holds a long word or a bound preposition.
        description=style("description", spaceBefore=b * 0.3, hyphenationLang=hyphenate_czech,
                          hyphenationMinWordLength=10),  # ragged right: only long words need a break
        field=style("field", leftIndent=b * 1.2, firstLineIndent=-b * 1.2),
        # Hierarchy: chapter title (accent, 1.9×) > service-type heading (accent, 1.3×) > entry name
        # (near-black, 1.12×), so a reader scanning a page sees the sections before the entries.
        entry_name=style("entry_name", fontName=SANS + "-Bold", fontSize=b * 1.12, leading=b * 1.12 * 1.22,
                         textColor=palette.text, spaceBefore=b * 1.25, keepWithNext=1),
        entry_name_first=style("entry_name_first", fontName=SANS + "-Bold", fontSize=b * 1.12,
                               leading=b * 1.12 * 1.22, textColor=palette.text, spaceBefore=b * 0.55, keepWithNext=1),
        entry_type=style("entry_type", fontName=SANS, fontSize=small(0.88), leading=small(0.88) * 1.3,
                         textColor=palette.muted, spaceAfter=b * 0.3, keepWithNext=1),
        chapter_title=style("chapter_title", fontName=SANS + "-Bold", fontSize=b * 1.9, leading=b * 1.9 * 1.18,
                            textColor=palette.accent, spaceAfter=b * 0.4, keepWithNext=1),
        chapter_note=style("chapter_note", fontName=SANS, fontSize=small(0.88), leading=small(0.88) * 1.35,
                           textColor=palette.muted, spaceAfter=b * 0.6, keepWithNext=1),
        group_heading=style("group_heading", fontName=SANS + "-Bold", fontSize=b * 1.3, leading=b * 1.3 * 1.2,
                            textColor=palette.accent, spaceBefore=b * 2.0, spaceAfter=b * 0.1, keepWithNext=1),
        toc_entry=style("toc_entry", fontName=SANS, fontSize=b * 1.05, leading=b * 1.05 * 1.3,
                        spaceBefore=b * 0.45),
        index_letter=style("index_letter", fontName=SANS + "-Bold", fontSize=b * 1.1, leading=b * 1.4,
                           textColor=palette.accent, spaceBefore=b * 0.9, keepWithNext=1),
        index_entry=style("index_entry", fontSize=small(0.95), leading=small(0.95) * 1.28,
                          leftIndent=b * 1.2, firstLineIndent=-b * 1.2),
        cross_reference=style("cross_reference", fontSize=small(0.95), leading=small(0.95) * 1.3,
                              spaceBefore=b * 0.7, leftIndent=b * 1.2, firstLineIndent=-b * 1.2),
        index_group=style("index_group", fontName=SANS + "-Bold", fontSize=small(0.95), leading=b * 1.25,
                          textColor=palette.accent, spaceBefore=b * 0.9, spaceAfter=b * 0.15, keepWithNext=1),
        cover_title=style("cover_title", fontName=SANS + "-Bold", fontSize=b * 2.5, leading=b * 2.5 * 1.15,
                          textColor=palette.accent),
        cover_town=style("cover_town", fontName=SANS, fontSize=b * 1.45, leading=b * 1.45 * 1.3, textColor=palette.text),
        cover_edition=style("cover_edition", fontName=SANS, fontSize=b * 1.1, leading=b * 1.1 * 1.3,
                            textColor=palette.muted),
        imprint=style("imprint", fontSize=small(0.92), leading=small(0.92) * 1.35, spaceAfter=b * 0.35),
        imprint_heading=style("imprint_heading", fontName=SANS + "-Bold", fontSize=b, leading=b * 1.3,
                              textColor=palette.accent, spaceAfter=b * 0.3),
        footer_font=SANS,
        footer_size=small(0.85),
        label_font=SANS + "-Bold",
        label_size=max(small(0.86), LABEL_MIN),
        palette=palette,
    )
