"""Czech sort order without Qt or ICU, so the core, the CLI and the printed indexes agree with the UI.

`czech_key(text)` returns a string whose plain code-point order is Czech collation: ch is a letter
after h; č, ř, š, ž are letters of their own after c, r, s, z; other accents (á, é, ě, í, ó, ú, ů, ý,
ď, ť, ň) only break ties; then lower case before upper case. Because the key is a plain string, Qt's
proxy models can sort by it in C++ without calling back into Python.
"""
from __future__ import annotations

import unicodedata

_ALPHABET = ["a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l", "m", "n", "o", "p",
             "q", "r", "ř", "s", "š", "t", "u", "v", "w", "x", "y", "z", "ž"]
# Letters sort after digits and punctuation; their codes sit in a private block above Latin-1.
_LETTER_CODE = {letter: chr(0x2000 + i) for i, letter in enumerate(_ALPHABET)}
_OWN_LETTERS = {"č", "ř", "š", "ž"}
_LEVEL_SEPARATOR = "\x01"


def _units(text: str):
    """Yield (primary unit, secondary mark, is_upper) for each collation unit of `text`."""
    i = 0
    while i < len(text):
        ch = text[i]
        low = ch.lower()
        if low == "c" and i + 1 < len(text) and text[i + 1].lower() == "h":
            yield "ch", "", ch.isupper()
            i += 2
            continue
        i += 1
        if low in _OWN_LETTERS:
            yield low, "", ch.isupper()
            continue
        decomposed = unicodedata.normalize("NFD", low)
        yield decomposed[0], decomposed[1:], ch.isupper()


def _primary(unit: str) -> str:
    if unit in _LETTER_CODE:
        return _LETTER_CODE[unit]
    if unit.isalpha():  # letters outside the Czech alphabet follow it
        return chr(0x3000 + ord(unit))
    if unit.isspace():
        return " "
    return unit


def czech_key(text: str | None) -> str:
    units = list(_units((text or "").strip()))
    primary = "".join(_primary(u) for u, _, _ in units)
    secondary = "".join(chr(0x30 + len(m)) + m for _, m, _ in units)
    tertiary = "".join("1" if upper else "0" for _, _, upper in units)
    return _LEVEL_SEPARATOR.join((primary, secondary, tertiary))


def czech_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: czech_key(key(item)))


def fold(text: str | None) -> str:
    """Lower case without diacritics, for searching: 'Pečovatelská' → 'pecovatelska'."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
