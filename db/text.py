"""The one normalisation every text typed, pasted or imported goes through before it is stored.

Web pages and word processors leave characters a reader cannot see but search, sorting, comparison
and print all trip over: a soft hyphen inside "Ne­zis­ková" makes a search for "neziskova" find
nothing; a no-break space makes two equal names differ; a byte-order mark glued to the first cell of a
file makes "Poskytovatel" an unknown column. Every input path (spreadsheet import, register import,
the directory editor, the office details) calls `normalize_text`, so such characters never reach the
database, and therefore never reach exports or the printed booklet either.
"""
from __future__ import annotations

import re
import unicodedata

# Invisible format marks removed outright: soft hyphen, Mongolian vowel separator, zero-width space /
# non-joiner / joiner, left-to-right and right-to-left marks, bidirectional embeddings and isolates,
# word joiner and invisible operators, byte-order mark (zero-width no-break space), variation
# selectors (they only choose an emoji's look), combining grapheme joiner, interlinear annotation marks.
INVISIBLE = ("\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb"
             + "".join(chr(c) for c in range(0xFE00, 0xFE10)))
# Spaces of other widths (no-break, narrow no-break, en/em/thin/hair spaces, ideographic space, …)
# become an ordinary space: the printing adds its own no-break spaces where Czech typography wants them.
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TRANSLATION = {ord(ch): None for ch in INVISIBLE} | {ord(ch): " " for ch in ODD_SPACES}
# Control characters other than tab and line breaks (a NUL from a broken export, an ESC from a terminal).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_SPACES = re.compile(r"[ \t]+")
# Anything normalize_text would change apart from NFC: text without it (most cells) is returned at once.
_ODD = "".join(re.escape(ch) for ch in INVISIBLE + ODD_SPACES)
_NEEDS_WORK_LINE = re.compile(rf"[{_ODD}\x00-\x1f\x7f-\x9f\u2028\u2029]|  |^ | $")
_NEEDS_WORK_MULTILINE = re.compile(rf"[{_ODD}\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]|  | \n|\n |^[ \n]|[ \n]$")


def normalize_text(value: str | None, multiline: bool = False) -> str:
    """`value` as it is stored: NFC, invisible marks removed, every odd space a plain space, spaces
    collapsed and the ends trimmed. One line unless `multiline`, where line breaks (any convention)
    become "\\n", each line is trimmed and blank lines at the ends dropped. None gives ""."""
    if not value:
        return ""
    clean = _NEEDS_WORK_MULTILINE if multiline else _NEEDS_WORK_LINE
    if clean.search(value) is None and unicodedata.is_normalized("NFC", value):
        return value
    # NFC last: a control character removed between a letter and a combining accent ("C\\x00\\u0301")
    # would otherwise leave a pair that a second normalisation composes (not idempotent).
    text = _CONTROL.sub("", _LINE_BREAKS.sub("\n", value).translate(_TRANSLATION))
    if not multiline:
        return unicodedata.normalize("NFC", _SPACES.sub(" ", text.replace("\n", " ")).strip())
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines).strip("\n"))
