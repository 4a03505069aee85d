"""Opening hours (provozní doba) as the clerk types them for one day: "8:00–12:00, 13:00–16:00".

Times are stored as "HH:MM" text (sorts right, needs no timezone) and shown without the leading zero.
"""
from __future__ import annotations

import re

WEEKDAYS = ("pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle")

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_INTERVAL_RE = re.compile(rf"{_TIME}\s*[-–—]\s*{_TIME}")
EXAMPLE = "8:00–12:00, 13:00–16:00"


def _time(hours: str, minutes: str | None) -> str | None:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return f"{h:02d}:{m:02d}"


def parse_intervals(text: str) -> list[tuple[str, str]]:
    """Intervals of one day, sorted; raises ValueError with a Czech message for anything unclear."""
    intervals = []
    for part in (p.strip() for p in re.split(r"[,;]", text or "")):
        if not part:
            continue
        match = _INTERVAL_RE.fullmatch(part)
        opens = _time(match.group(1), match.group(2)) if match else None
        closes = _time(match.group(3), match.group(4)) if match else None
        if opens is None or closes is None:
            raise ValueError(f"„{part}“ není platný časový interval; zadejte např. {EXAMPLE}.")
        if opens >= closes:
            raise ValueError(f"V intervalu „{part}“ musí být začátek dřív než konec.")
        intervals.append((opens, closes))
    intervals.sort()
    for (_, first_end), (second_start, _) in zip(intervals, intervals[1:]):
        if second_start < first_end:
            raise ValueError(f"Intervaly „{text.strip()}“ se překrývají.")
    return intervals


def check_intervals(text: str) -> str | None:
    try:
        parse_intervals(text)
    except ValueError as exc:
        return str(exc)
    return None


def format_time(value: str) -> str:
    """ "08:00" → "8:00" (Czech convention)."""
    hours, _, minutes = value.partition(":")
    return f"{int(hours)}:{minutes}"


def format_intervals(intervals: list[tuple[str, str]]) -> str:
    return ", ".join(f"{format_time(a)}–{format_time(b)}" for a, b in intervals)
