"""Czech wording shared by the meeting documents: dates, times, the group's name in a heading.

Plain text in and out (no markup); the PDF builders escape it, the DOCX, .ics and .eml use it as is.
Dates follow the Czech convention "15. 12. 2026" (GLOSSARY.md, "Czech conventions") with no-break
spaces, so a date never breaks across lines.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from printing.typography import NBSP

WEEKDAYS = ("pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle")
WEEKDAYS_GENITIVE = ("pondělí", "úterý", "středy", "čtvrtka", "pátku", "soboty", "neděle")  # "do pátku 11. …"
WEEKDAYS_ON = ("v pondělí", "v úterý", "ve středu", "ve čtvrtek", "v pátek", "v sobotu", "v neděli")
MONTHS_GENITIVE = ("ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září",
                   "října", "listopadu", "prosince")


def short_date(day: dt.date | None, space: str = NBSP) -> str:
    """"15. 12. 2026"; "" for None."""
    if day is None:
        return ""
    return f"{day.day}.{space}{day.month}.{space}{day.year}"


def long_date(day: dt.date, space: str = NBSP, genitive: bool = False) -> str:
    """"úterý 15. prosince 2026"; with `genitive` the weekday follows "do": "pátku 11. prosince 2026"."""
    weekday = (WEEKDAYS_GENITIVE if genitive else WEEKDAYS)[day.weekday()]
    return f"{weekday} {day.day}.{space}{MONTHS_GENITIVE[day.month - 1]} {day.year}"


def on_date(day: dt.date, space: str = NBSP) -> str:
    """"v úterý 15. prosince 2026": when something takes place."""
    return f"{WEEKDAYS_ON[day.weekday()]} {day.day}.{space}{MONTHS_GENITIVE[day.month - 1]} {day.year}"


def file_slug(text: str) -> str:
    """"PS Senioři 3/2026" → "ps-seniori-3-2026": an attachment name every mail program keeps intact."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "jednani"


def clock(text: str) -> str:
    """"08:00" → "8:00" (Czech writes hours without a leading zero); other text unchanged."""
    text = text.strip()
    if len(text) == 5 and text[2] == ":" and text[0] == "0":
        return text[1:]
    return text


def time_range(starts_at: str, ends_at: str) -> str:
    """"14:00–16:00", "14:00" or ""."""
    start, end = clock(starts_at), clock(ends_at)
    if start and end:
        return f"{start}–{end}"
    return start


def group_genitive(name: str, steering: bool) -> str:
    """The group as it follows "jednání": "pracovní skupiny Senioři", "řídící skupiny".

    A name already saying what it is ("Pracovní skupina Senioři", "PS Senioři", "Řídící skupina KPSS")
    is put into the genitive or kept; a bare name ("Senioři") gets the kind in front of it.
    """
    name = " ".join(name.split())
    lowered = name.lower()
    for nominative, genitive in (("pracovní skupina", "pracovní skupiny"), ("řídící skupina", "řídící skupiny"),
                                 ("skupina", "skupiny")):
        if lowered.startswith(nominative):
            return genitive + name[len(nominative):]
    if lowered.startswith(("ps ", "řs ")):
        return name
    return ("řídící skupiny " if steering else "pracovní skupiny ") + name


def ordinal_meeting(number: int) -> str:
    """"3. jednání"."""
    return f"{number}.{NBSP}jednání"
