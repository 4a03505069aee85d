"""A whole week of opening hours (provozní doba) as one text: "Po–Pá 8:00–12:00, 13:00–16:00; So 9:00–11:00".

Used where the week travels as a single cell (the spreadsheet exchange, the demo data).

`format_hours` writes the canonical text (days with identical intervals grouped, consecutive days as a
range) and `parse_hours` reads it back, together with the looser spellings people type ("po-pa 8.00-16.00").
Anything that is not a day-and-time segment is kept as a free note, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from db.collation import fold

WEEKDAYS = ("Po", "Út", "St", "Čt", "Pá", "So", "Ne")
_DAY_INDEX = {fold(day): i for i, day in enumerate(WEEKDAYS)}
_DAY = r"(?:po|ut|st|ct|pa|so|ne)"
_DASH = r"\s*[-–—]\s*"
_TIME = r"\d{1,2}[:.]\d{2}"
_DAYS_RE = rf"{_DAY}(?:{_DASH}{_DAY})?(?:\s*,\s*{_DAY}(?:{_DASH}{_DAY})?)*"
_INTERVALS_RE = rf"{_TIME}{_DASH}{_TIME}(?:\s*,\s*{_TIME}{_DASH}{_TIME})*"
_SEGMENT_RE = re.compile(rf"^(?P<days>{_DAYS_RE})\s*:?\s+(?P<times>{_INTERVALS_RE})$")


@dataclass(frozen=True, order=True)
class Interval:
    """One opening interval; times are "HH:MM" text as stored in OpeningHours."""

    weekday: int  # 0 = pondělí … 6 = neděle
    opens: str
    closes: str


def _time(text: str) -> str | None:
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        return None
    return f"{hours:02d}:{minutes:02d}"


def _days(spec: str) -> list[int] | None:
    days: list[int] = []
    for part in re.split(r"\s*,\s*", spec):
        ends = [_DAY_INDEX[d] for d in re.split(_DASH, part)]
        if ends[-1] < ends[0]:
            return None
        days.extend(range(ends[0], ends[-1] + 1))
    return days


def parse_segment(text: str) -> list[Interval] | None:
    """Intervals of one "days times" segment, or None when the text is not one."""
    match = _SEGMENT_RE.match(fold(text.strip()))
    if not match:
        return None
    days = _days(match["days"])
    if days is None:
        return None
    spans = []
    for span in re.split(r"\s*,\s*", match["times"]):
        opens, closes = (_time(t) for t in re.split(_DASH, span))
        if opens is None or closes is None or opens >= closes:
            return None
        spans.append((opens, closes))
    spans.sort()
    if any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:])):
        return None  # overlapping intervals: the editor would refuse them too
    return [Interval(day, opens, closes) for day in days for opens, closes in spans]


def parse_hours(text: str) -> tuple[list[Interval], str]:
    """Split a cell into structured intervals and the free note (the segments that are not hours)."""
    intervals: set[Interval] = set()
    note_lines = []
    for line in (text or "").splitlines():
        note_parts = []
        for segment in line.split(";"):
            parsed = parse_segment(segment) if segment.strip() else []
            if parsed is None:
                note_parts.append(segment.strip())
            else:
                intervals.update(parsed)
        if note_parts:
            note_lines.append("; ".join(note_parts))
    return sorted(intervals), "\n".join(note_lines)


def _display_time(value: str) -> str:
    hours, minutes = value.split(":")
    return f"{int(hours)}:{minutes}"


def _day_ranges(days: list[int]) -> str:
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAYS[run[0]]}–{WEEKDAYS[run[-1]]}")
        else:
            parts.extend(WEEKDAYS[d] for d in run)
    return ", ".join(parts)


def format_hours(intervals: list[Interval]) -> str:
    """Canonical text: days sharing the same intervals together, in weekday order."""
    by_day: dict[int, tuple[tuple[str, str], ...]] = {}
    for item in sorted(intervals):
        by_day[item.weekday] = by_day.get(item.weekday, ()) + ((item.opens, item.closes),)
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for day, spans in by_day.items():
        groups.setdefault(spans, []).append(day)
    segments = []
    for spans, days in groups.items():
        times = ", ".join(f"{_display_time(o)}–{_display_time(c)}" for o, c in spans)
        segments.append(f"{_day_ranges(days)} {times}")
    return "; ".join(segments)


def format_hours_and_note(intervals: list[Interval], note: str) -> str:
    return "\n".join(part for part in (format_hours(intervals), (note or "").strip()) if part)
