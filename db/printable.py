"""Which characters the printed documents can show: those every embedded typeface has a glyph for.

A character missing from a font prints as an empty box (emoji, pictograms such as ☎ ✉ ✅). The
importers and the editor warn about such characters (`unprintable`), naming the record and the field,
and the printing drops them (`printable_only`), so a box never reaches a PDF. The fonts are the files
in resources/fonts, the same ones printing/fonts.py registers; their character maps are read once.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
# Line breaks and tabs are layout, not glyphs.
_LAYOUT = frozenset(map(ord, "\n\t"))
_DOUBLE_SPACE = re.compile(r" {2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +(?=[.,;:!?)…])")


@lru_cache(maxsize=1)
def printable_codes() -> frozenset[int]:
    """Code points present in every embedded face (about 2,000: Latin, Greek, Cyrillic, punctuation)."""
    maps = [set(TTFontFile(str(path)).charToGlyph) for path in sorted(FONT_DIR.glob("*.ttf"))]
    return frozenset(set.intersection(*maps)) | _LAYOUT


def unprintable(text: str | None) -> list[str]:
    """The distinct characters of `text` the printing fonts cannot show, in order of appearance."""
    codes = printable_codes()
    return list(dict.fromkeys(ch for ch in text or "" if ord(ch) not in codes))


def printable_only(text: str) -> str:
    """`text` without the characters the fonts cannot show (spaces left behind are collapsed)."""
    missing = unprintable(text)
    if not missing:
        return text
    text = text.translate({ord(ch): None for ch in missing})
    lines = (_SPACE_BEFORE_PUNCTUATION.sub("", _DOUBLE_SPACE.sub(" ", line)).strip(" ") for line in text.split("\n"))
    return "\n".join(lines)


def unprintable_warning(field: str, text: str | None) -> str | None:
    """A Czech warning naming `field` when `text` holds characters that will not print, else None."""
    missing = unprintable(text)
    if not missing:
        return None
    shown = " ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
    return (f"{field}: znaky {shown} písmo tištěného přehledu nemá, v tisku budou vynechány. "
            "Nahraďte je slovy, pokud nesou význam (např. „tel.“ místo ☎).")
