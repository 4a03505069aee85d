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
# The digraph ch becomes one character before the per-character tables apply; Unicode noncharacters
# never occur in real text, so they cannot clash with input.
_CH_LOWER, _CH_UPPER = "\ufdd0", "\ufdd1"


def _unit(ch: str) -> tuple[str, str, bool]:
    """(primary unit, secondary marks, is_upper) of one character."""
    if ch in (_CH_LOWER, _CH_UPPER):
        return "ch", "", ch == _CH_UPPER
    low = ch.lower()
    if low in _OWN_LETTERS:
        return low, "", ch.isupper()
    decomposed = unicodedata.normalize("NFD", low)
    return decomposed[0], decomposed[1:], ch.isupper()


def _primary(unit: str) -> str:
    if unit in _LETTER_CODE:
        return _LETTER_CODE[unit]
    if unit.isalpha():  # letters outside the Czech alphabet follow it
        return chr(0x3000 + ord(unit))
    if unit.isspace():
        return " "
    return unit


class _Table(dict):
    """str.translate table filled on first use of each character, so keys cost C speed per character."""

    def __init__(self, level: int):
        super().__init__()
        self._level = level

    def __missing__(self, code: int) -> str:
        unit, marks, upper = _unit(chr(code))
        value = (_primary(unit), chr(0x30 + len(marks)) + marks, "1" if upper else "0")[self._level]
        self[code] = value
        return value


_PRIMARY, _SECONDARY, _TERTIARY = _Table(0), _Table(1), _Table(2)


def czech_key(text: str | None) -> str:
    # Each (c|C)(h|H) pair is a unit whatever the order of replacing; case follows the c.
    units = ((text or "").strip().replace("ch", _CH_LOWER).replace("cH", _CH_LOWER)
             .replace("Ch", _CH_UPPER).replace("CH", _CH_UPPER))
    return _LEVEL_SEPARATOR.join(
        (units.translate(_PRIMARY), units.translate(_SECONDARY), units.translate(_TERTIARY)))


def czech_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: czech_key(key(item)))


class _FoldTable(dict):
    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).lower())
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold(text: str | None) -> str:
    """Lower case without diacritics, for searching: 'Pečovatelská' → 'pecovatelska'."""
    return (text or "").translate(_FOLD)
