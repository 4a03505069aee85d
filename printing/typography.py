"""Czech typography for printed text, and the one place where user text becomes Paragraph markup.

ReportLab's Paragraph parses its text as markup, so a provider called "Dům <Naděje> & spol." would
lose characters or break the build unless & < > are escaped first. Everything a clerk typed goes
through `prose` (names, descriptions, the foreword) or `literal` (e-mail, web, phone: no typographic
changes that could alter an address).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyphen

from db.printable import printable_only

NBSP = "\u00a0"

_ONE_LETTER_WORD = re.compile(r"(?<![^\s(\[„\u00a0])([vkszouaiVKSZOUAI]) +")
_OPENING_QUOTE = re.compile(r'(^|[\s(\[\u00a0/–-])"')
_STRAIGHT_QUOTE = '"'
_NUMBER_RANGE = re.compile(r"(?<=\d)\s?-{1,2}\s?(?=\d)")
_SPACED_HYPHEN = re.compile(r" -{1,2} ")
_SECTION_SIGN = re.compile(r"§\s+")
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:Kč|let|roků|hod\.|min\.|%|km)\b)")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_ABBREVIATION_NUMBER = re.compile(r"\b(č\.|tel\.|str\.|s\.|odst\.|písm\.) (?=[+\d])")
# "od 14:00", "do 18 let", "po 16 hod.": a word of time or amount stays with its number.
_WORD_NUMBER = re.compile(r"\b(od|do|po|až|ve|v) (?=\d)", re.IGNORECASE)
# "o. p. s.", "z. ú.", "s. r. o.", dates "23. 11. 2026": a run of one-letter or numeric abbreviations
# is one unit.
_ABBREVIATION_RUN = re.compile(r"(?<![\w.])(\w{1,2}\.) (?=\w{1,4}\.(?:\s|$)|\d{4}\b)")
# "2 kontakty", "Čt 8:00": a number stays with the word it counts and a day with its hours.
_NUMBER_WORD = re.compile(r"(?<=\d) (?=[a-záčďéěíňóřšťúůýž]{3,})")
_DAY_TIME = re.compile(r"\b(Po|Út|St|Čt|Pá|So|Ne) (?=\d)")
_POSTCODE = re.compile(r"\b(\d{3}) (?=\d{2}\b)")  # "584 21 Lipová": the PSČ is one unit
# The town after a PSČ is one unit with it: "584 21 Lipová nad Sázavou" never breaks inside.
_POSTCODE_TOWN = re.compile(r"\b(\d{3}[ \u00a0]\d{2}) ((?:[^\s,;]+ ){0,3}[^\s,;]+)")
_COLLECTION = re.compile(r"(?<=\d) (?=Sb\.)")  # "č. 108/2006 Sb."
# An abbreviated title or "sv." stays with the name it belongs to.
_TITLE_BEFORE_NAME = re.compile(
    r"\b(Bc|Mgr|MgA|Ing|Ph?Dr|MUDr|MVDr|JUDr|PaedDr|RNDr|ThDr|ThLic|doc|prof|sv|p|pí)\. (?=\w)")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def czech_quotes(text: str) -> str:
    """Straight double quotes become „low-high“ pairs; an unpaired quote is taken as opening."""
    text = _OPENING_QUOTE.sub(lambda m: m.group(1) + "„", text)
    return text.replace(_STRAIGHT_QUOTE, "“")


def typeset(text: str, quotes: bool = True) -> str:
    """Apply Czech typographic conventions to plain text (no markup in or out); characters the fonts
    lack (emoji) are dropped, so they never print as boxes."""
    text = printable_only(text)
    if quotes:
        text = czech_quotes(text)
    text = text.replace("...", "…")
    text = _NUMBER_RANGE.sub("–", text)
    text = _SPACED_HYPHEN.sub(" – ", text)
    text = _SECTION_SIGN.sub("§" + NBSP, text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    text = _THOUSANDS.sub(NBSP, text)
    text = _ABBREVIATION_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
    text = _ABBREVIATION_RUN.sub(lambda m: m.group(1) + NBSP, text)
    text = _ABBREVIATION_RUN.sub(lambda m: m.group(1) + NBSP, text)  # overlapping runs: "o. p. s."
    text = _COLLECTION.sub(NBSP, text)
    text = _POSTCODE.sub(lambda m: m.group(1) + NBSP, text)
    text = _POSTCODE_TOWN.sub(lambda m: m.group(1) + NBSP + m.group(2).replace(" ", NBSP), text)
    text = _NUMBER_WORD.sub(NBSP, text)
    text = _DAY_TIME.sub(lambda m: m.group(1) + NBSP, text)
    text = _WORD_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
    text = _TITLE_BEFORE_NAME.sub(lambda m: m.group(1) + "." + NBSP, text)
    # Czech rule: a one-letter preposition or conjunction never ends a line; bind it to the next word.
    return _ONE_LETTER_WORD.sub(lambda m: m.group(1) + NBSP, text)


def clean(text: str) -> str:
    """Typeset user text as one plain line of a paragraph (for plain_para: no markup, no escaping)."""
    return typeset(" ".join(text.split()))


def name(text: str) -> str:
    """A proper name (of a provider, service, office) as registered: its quotes are printed as they were
    typed, straight or Czech; spacing and line-break rules still apply."""
    return typeset(" ".join(text.split()), quotes=False)


def prose(text: str) -> str:
    """Typeset and escape one paragraph of user text; line breaks are kept."""
    lines = (escape(typeset(" ".join(line.split()))) for line in text.strip().splitlines())
    return "<br/>".join(line for line in lines if line)


def literal(text: str) -> str:
    """Escape only: for addresses, numbers and links that must print exactly as stored (but without
    characters the fonts lack)."""
    return escape(printable_only(text.strip()))


def blocks(text: str) -> list[str]:
    """Free text split on blank lines into paragraphs (raw text, line breaks kept)."""
    return [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def paragraphs(text: str) -> list[str]:
    """Split free text on blank lines into paragraphs of markup."""
    return [p for p in (prose(block) for block in blocks(text)) if p]


def czech_plural(count: int, one: str, few: str, many: str) -> str:
    """'1 služba', '3 služby', '7 služeb'."""
    return f"{count} {one if count == 1 else few if 2 <= count <= 4 else many}"


@lru_cache(maxsize=1)
def _czech_dictionary() -> pyphen.Pyphen:
    # Czech typesetting leaves at least two letters before and three after a break.
    return pyphen.Pyphen(lang="cs_CZ", left=2, right=3)


# No line of any booklet format holds more characters than this (A4 at the smallest size about 110).
# ReportLab measures the (head, tail) pairs the hyphenator offers, longest head first, until one fits,
# and asks again for the rest of the word on the next line: offering every pair of a 5,000-character
# word cost time quadratic in the word on each line (24 s and 1.8 GB for one description).
MAX_LINE_CHARS = 120
# Hyphenation patterns look a few letters ahead; breaks this close to the cut are left out.
_PATTERN_CONTEXT = 8


@lru_cache(maxsize=50_000)
def _hyphenation_pairs(word: str) -> tuple[tuple[str, str], ...]:
    return tuple(_czech_dictionary().iterate(word))


def _long_word_pairs(word: str) -> Iterator[tuple[str, str]]:
    """Breaks within the first line's worth of a long word, longest head first. A generator: ReportLab
    stops at the first head that fits, so only the tails of the pairs it tries are ever cut."""
    prefix = word[:MAX_LINE_CHARS + _PATTERN_CONTEXT]
    usable = min(MAX_LINE_CHARS, len(prefix) - _PATTERN_CONTEXT)
    heads = [head for head, _tail in _czech_dictionary().iterate(prefix) if len(head) <= usable]
    for head in heads:
        yield head, word[len(head):]


def hyphenate_czech(word: str) -> Iterable[tuple[str, str]]:
    """ReportLab's hyphenator protocol: (head, tail) splits of `word`, longest head first.

    Cached: the same words recur across thousands of entries and again in the second layout pass.
    A word longer than a line gets only the breaks a line can use, uncached (each line asks for a
    different rest of it); where it has none, ReportLab's splitLongWords breaks it at any character.
    """
    if len(word) > MAX_LINE_CHARS:
        return _long_word_pairs(word)
    return _hyphenation_pairs(word)
