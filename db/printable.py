"""Which characters the printed documents can show, by the character maps of the embedded typefaces.

A character missing from a font prints as an empty box (emoji, pictograms such as ☎ ✉ ✅). The
importers and the editor warn about characters that some face lacks (`unprintable`: the serif has → ≤ ✓,
the sans does not, and a name may be set in either), naming the record and the field. The printing
drops what no face has (`printable_only`), and each one-font paragraph what its own face lacks
(printing/flowables.py), so a box never reaches a PDF. The fonts are the files in resources/fonts, the
same ones printing/fonts.py registers; their character maps are read once.
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
def _character_maps() -> tuple[frozenset[int], ...]:
    return tuple(frozenset(TTFontFile(str(path)).charToGlyph) for path in sorted(FONT_DIR.glob("*.ttf")))


@lru_cache(maxsize=1)
def printable_codes() -> frozenset[int]:
    """Code points present in every embedded face (about 2,000: Latin, Greek, Cyrillic, punctuation)."""
    return frozenset.intersection(*_character_maps()) | _LAYOUT


@lru_cache(maxsize=1)
def any_face_codes() -> frozenset[int]:
    """Code points present in at least one embedded face."""
    return frozenset.union(*_character_maps()) | _LAYOUT


@lru_cache(maxsize=1)
def _printable_characters() -> frozenset[str]:
    return frozenset(map(chr, printable_codes()))


def unprintable(text: str | None) -> list[str]:
    """The distinct characters of `text` some printing font cannot show, in order of appearance."""
    missing = set(text or "") - _printable_characters()  # set arithmetic: C speed for every cell of an import
    return [ch for ch in dict.fromkeys(text) if ch in missing] if missing else []


def printable_only(text: str, codes: frozenset[int] | None = None) -> str:
    """`text` without the characters outside `codes` (default: those no embedded face has); spaces left
    behind are collapsed."""
    codes = codes if codes is not None else any_face_codes()
    missing = [ch for ch in dict.fromkeys(text) if ord(ch) not in codes]
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
    return (f"{field}: znaky {shown} písmo tištěného přehledu nemá, v tisku se vynechají. "
            "Nahraďte je slovy, pokud nesou význam (např. „tel.“ místo ☎).")
