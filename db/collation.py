"""Czech sort order without Qt or ICU, so the core, the CLI and the printed indexes agree with the UI.

`czech_key(text)` returns a string whose plain code-point order is the Czech collation of ICU/CLDR, the
one `QCollator(QLocale("cs_CZ"))` uses: spaces, punctuation and symbols first (they are not ignored),
then digits, then letters; ch is a letter after h; č, ř, š, ž are letters of their own after c, r, s, z;
other accents (á, é, ě, í, ó, ú, ů, ý, ď, ť, ň) only break ties; then lower case before upper case.
tests/db/test_collation.py checks the agreement with QCollator on random strings (hypothesis).

The key has three levels, as an ICU sort key does: one primary code per character (or the digraph
ch), then per character a base weight followed by a weight for each accent, then per character its
case and the same per accent. Levels are joined by a code below every weight, so a shorter string sorts
first. Because the key is a plain string of Basic Multilingual Plane characters, Qt's proxy models can
sort by it in C++ without calling back into Python.
"""
from __future__ import annotations

import unicodedata

from db.text import INVISIBLE

# Punctuation and symbols in CLDR root order, one entry per primary weight, as QCollator (ICU)
# orders them. Inside an entry, characters differ only in case-like (tertiary) weight, and "|" starts
# a secondary difference: ' ‘ ’ ‚ ‛ are one primary with growing secondary weights.
_PUNCTUATION = (
    " ", "‾", "_", "‗", "-", "‐‑", "‒", "–", "—", "―", "⁓", ",", ";", "⁏", ":", "!", "¡", "?", "¿", "‽",
    ".․", "·", "⁕", "⁖", "⁘", "⁙", "⁚", "⁛", "⁜", "⁝", "⁞", "'|‘|’|‚|‛", "‹", "›", '"|“|”|„|‟', "«", "»",
    "(", ")", "[", "]", "{", "}", "⁅", "⁆", "‖", "§", "¶", "⁋", "@", "*", "⁎", "⁑", "/", "\\", "&", "⁊",
    "#", "%", "‰", "‱", "†", "‡", "•", "‣", "‧", "⁃", "⁌", "⁍", "′", "‵", "‸", "※", "‿", "⁔", "⁀", "⁐",
    "⁁", "⁂", "`", "´", "^", "¯", "¨", "¸", "°", "©", "®", "←", "→", "+", "±", "÷", "×", "<", "=", ">",
    "¬", "|", "¦", "~", "−", "⁒", "⁄", "≤", "≥", "¤", "¢", "$", "£", "¥", "€",
)
_ALPHABET = ("a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l", "m", "n", "o", "p",
             "q", "r", "ř", "s", "š", "t", "u", "v", "w", "x", "y", "z", "ž")
_OWN_LETTERS = {"č", "ř", "š", "ž"}
# Secondary order of accents in CLDR: acute < grave < breve < circumflex < caron < ring < diaeresis < …
_MARKS = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0327\u0328\u0304\u0323\u0331"

_LEVEL_SEPARATOR = "\x01"
_COMMON = "!"  # base secondary and tertiary weight; lower than every other weight of its level
_UPPER = '"'
_VARIANT = "("  # a compatibility form ("…" for "...") sorts after its plain spelling
# Primary codes: known punctuation < other symbols < digits < Czech letters < other letters.
_UNKNOWN_SYMBOL = "\u0300"
_DIGIT_BASE = 0x0400
_LETTER_BASE = 0x0500
_OTHER_LETTER_BASE = 0x1000
# The digraph ch becomes one character before the per-character tables apply; Unicode noncharacters
# never occur in real text, so they cannot clash with input. ICU orders its case variants ch < cH < Ch < CH.
_CH_VARIANTS = {"ch": "\ufdd0", "cH": "\ufdd1", "Ch": "\ufdd2", "CH": "\ufdd3"}


def _punctuation_weights() -> dict[str, tuple[str, str, str]]:
    weights = {}
    for index, entry in enumerate(_PUNCTUATION):
        primary = chr(0x0100 + index)
        for secondary, variants in enumerate(entry.split("|")):
            for tertiary, ch in enumerate(variants):
                weights[ch] = (primary, chr(ord(_COMMON) + secondary), chr(ord(_COMMON) + tertiary))
    return weights


_KNOWN = _punctuation_weights()
_KNOWN.update({str(d): (chr(_DIGIT_BASE + d), _COMMON, _COMMON) for d in range(10)})
for _i, _letter in enumerate(_ALPHABET):
    _KNOWN[_letter] = (chr(_LETTER_BASE + _i), _COMMON, _COMMON)
    if _letter != "ch":
        _KNOWN[_letter.upper()] = (chr(_LETTER_BASE + _i), _COMMON, _UPPER)
for _rank, _ch in enumerate(_CH_VARIANTS.values()):
    _KNOWN[_ch] = (_KNOWN["ch"][0], _COMMON, chr(ord(_COMMON) + _rank))


def _mark_weight(mark: str) -> str:
    rank = _MARKS.find(mark)
    return chr(0x30 + (rank if rank >= 0 else len(_MARKS) + ord(mark) % 64))


def _weights(ch: str) -> tuple[str, str, str]:
    """(primary, secondary, tertiary) weights of one character, each a string of level codes."""
    if ch in INVISIBLE:  # soft hyphen, zero-width space, BOM…: ignorable, as in ICU
        return "", "", ""
    if ch in _KNOWN:
        return _KNOWN[ch]
    compatible = unicodedata.normalize("NFKD", ch)
    if compatible != ch and unicodedata.normalize("NFD", ch) != compatible:
        # "…", "ﬁ", "²": weighed as their plain spelling, marked as a variant at the last level.
        parts = [_weights(c) for c in compatible]
        return ("".join(p[0] for p in parts), "".join(p[1] for p in parts),
                "".join(_VARIANT * len(p[2]) for p in parts))
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if marks and base in _KNOWN and base.lower() not in _OWN_LETTERS:
        primary, _, tertiary = _KNOWN[base]
        return (primary, _COMMON + "".join(_mark_weight(m) for m in marks), tertiary + _COMMON * len(marks))
    if unicodedata.combining(ch):
        return "", _mark_weight(ch), _COMMON
    if ch.isalpha():  # letters of other alphabets follow the Czech ones, by code point
        upper = ch != ch.lower()
        return (chr(min(_OTHER_LETTER_BASE + ord(ch.lower()), 0xFFFD)), _COMMON, _UPPER if upper else _COMMON)
    if ch.isdigit():
        return chr(_DIGIT_BASE + unicodedata.digit(ch, 0)), _COMMON, _VARIANT
    # Any other symbol (emoji, pictograms): after the known ones, ties broken by the character itself.
    return _UNKNOWN_SYMBOL, _COMMON, ch if ord(ch) < 0xD800 else "\ufffd"


class _Table(dict):
    """str.translate table filled on first use of each character, so keys cost C speed per character."""

    def __init__(self, level: int):
        super().__init__()
        self._level = level

    def __missing__(self, code: int) -> str:
        value = _weights(chr(code))[self._level]
        self[code] = value
        return value


_PRIMARY, _SECONDARY, _TERTIARY = _Table(0), _Table(1), _Table(2)


def czech_key(text: str | None) -> str:
    """Sort key: `a` sorts before `b` in Czech exactly when czech_key(a) < czech_key(b)."""
    units = text or ""
    if "c" in units or "C" in units:
        for pair, code in _CH_VARIANTS.items():
            units = units.replace(pair, code)
    return _LEVEL_SEPARATOR.join(
        (units.translate(_PRIMARY), units.translate(_SECONDARY), units.translate(_TERTIARY)))


def czech_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: czech_key(key(item)))


class _FoldTable(dict):
    def __missing__(self, code: int) -> str:
        if chr(code) in INVISIBLE:  # "Ne\u00adzis\u00adková" is found by "neziskova"
            self[code] = ""
            return ""
        decomposed = unicodedata.normalize("NFD", chr(code).lower())
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold(text: str | None) -> str:
    """Lower case without diacritics, for searching: 'Pečovatelská' → 'pecovatelska'."""
    return (text or "").translate(_FOLD)
