"""The typefaces of every printed document, registered once and embedded (subset) in each PDF.

Charis SIL sets the body: a sturdy serif with a large x-height that stays legible for older readers
and covers Czech completely. Noto Sans sets headings and field labels. The 14 standard PDF fonts are
never used: they lack ě, ř, ů and are not embedded.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"

SERIF = "KPSerif"
SANS = "KPSans"

_FAMILIES = {
    SERIF: "CharisSIL",
    SANS: "NotoSans",
}
_STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}

_registered = False


def register_fonts() -> None:
    """Register both families with ReportLab; cheap after the first call."""
    global _registered
    if _registered:
        return
    for family, file_stem in _FAMILIES.items():
        for suffix, style in _STYLES.items():
            pdfmetrics.registerFont(TTFont(family + suffix, str(FONT_DIR / f"{file_stem}-{style}.ttf")))
        # <b> and <i> inside a Paragraph pick the matching face through these mappings.
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, family + "-Bold")
        addMapping(family, 0, 1, family + "-Italic")
        addMapping(family, 1, 1, family + "-BoldItalic")
    _registered = True
