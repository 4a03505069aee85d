"""Opening hours (provozní doba): one day as the clerk types it, and a whole week as one line.

Times are stored as "HH:MM" text in OpeningHours (sorts right, needs no timezone) and shown without the
leading zero of the hour. A week is written "Po–Pá 8:00–12:00, 13:00–16:00; So 9:00–11:00": days with
the same intervals together, consecutive days as a range with an en dash. `format_week` writes that
canonical text and `parse_week` reads it back (with the looser spellings people type), so the
spreadsheet exchange round-trips; `describe_week` is the wording for print.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from db.collation import fold

WEEKDAYS = ("pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle")
DAY_ABBREVIATIONS = ("Po", "Út", "St", "Čt", "Pá", "So", "Ne")
EXAMPLE = "8:00–12:00, 13:00–16:00"

_DAY_INDEX = {fold(day): i for i, day in enumerate(DAY_ABBREVIATIONS)}
_DASH = r"\s*[-–—]\s*"
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_INTERVAL_RE = re.compile(rf"{_TIME}{_DASH}{_TIME}")
_DAY = r"(?:po|ut|st|ct|pa|so|ne)"
_DAYS_RE = rf"{_DAY}(?:{_DASH}{_DAY})?(?:\s*,\s*{_DAY}(?:{_DASH}{_DAY})?)*"
_WEEK_TIME = r"\d{1,2}[:.]\d{2}"
_INTERVALS_RE = rf"{_WEEK_TIME}{_DASH}{_WEEK_TIME}(?:\s*,\s*{_WEEK_TIME}{_DASH}{_WEEK_TIME})*"
_SEGMENT_RE = re.compile(rf"^(?P<days>{_DAYS_RE})\s*:?\s+(?P<times>{_INTERVALS_RE})$")


class WeekdayInterval(Protocol):
    weekday: int
    opens: str
    closes: str


@dataclass(frozen=True, order=True)
class Interval:
    """One opening interval of a weekday (0 = pondělí … 6 = neděle)."""

    weekday: int
    opens: str
    closes: str


# -- times and one day ---------------------------------------------------------------------------
def _time(hours: str, minutes: str | None) -> str | None:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return f"{h:02d}:{m:02d}"


def format_time(value: str) -> str:
    """'08:00' → '8:00' (Czech convention: no leading zero on the hour)."""
    hours, _, minutes = value.strip().partition(":")
    return f"{int(hours)}:{minutes or '00'}" if hours.isdigit() else value.strip()


def _ordered_without_overlap(spans: list[tuple[str, str]]) -> bool:
    spans.sort()
    return all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:]))


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
    if not _ordered_without_overlap(intervals):
        raise ValueError(f"Intervaly „{text.strip()}“ se překrývají.")
    return intervals


def check_intervals(text: str) -> str | None:
    try:
        parse_intervals(text)
    except ValueError as exc:
        return str(exc)
    return None


def format_intervals(intervals: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{format_time(a)}–{format_time(b)}" for a, b in intervals)


# -- a whole week --------------------------------------------------------------------------------
def _day_runs(days: list[int]) -> str:
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        DAY_ABBREVIATIONS[run[0]] if len(run) == 1 else f"{DAY_ABBREVIATIONS[run[0]]}–{DAY_ABBREVIATIONS[run[-1]]}"
        for run in runs)


def _per_day(rows: Iterable[WeekdayInterval]) -> dict[int, tuple[tuple[str, str], ...]]:
    per_day: dict[int, set[tuple[str, str]]] = {}
    for row in rows:
        if 0 <= row.weekday <= 6:
            per_day.setdefault(row.weekday, set()).add((row.opens.strip().zfill(5), row.closes.strip().zfill(5)))
    return {day: tuple(sorted(per_day[day])) for day in sorted(per_day)}


def format_week(rows: Iterable[WeekdayInterval]) -> str:
    """Canonical one-line week, readable back by parse_week."""
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for day, intervals in _per_day(rows).items():
        groups.setdefault(intervals, []).append(day)
    # Insertion order is the order of each group's first day.
    return "; ".join(f"{_day_runs(days)} {format_intervals(intervals)}" for intervals, days in groups.items())


def describe_week(rows: Iterable[WeekdayInterval]) -> str:
    """The week as printed for the public: like format_week, but a non-stop service says so in words."""
    rows = list(rows)
    per_day = _per_day(rows)
    if len(per_day) == 7 and all(v == (("00:00", "24:00"),) for v in per_day.values()):
        return "nepřetržitě (24 hodin denně)"
    return format_week(rows)


def _days(spec: str) -> list[int] | None:
    days: list[int] = []
    for part in re.split(r"\s*,\s*", spec):
        ends = [_DAY_INDEX[d] for d in re.split(_DASH, part)]
        if ends[-1] < ends[0]:
            return None
        days.extend(range(ends[0], ends[-1] + 1))
    return days


def parse_segment(text: str) -> list[Interval] | None:
    """Intervals of one "days times" segment ("po-pa 8.00-16.00"), or None when the text is not one."""
    match = _SEGMENT_RE.match(fold(text.strip()))
    days = _days(match["days"]) if match else None
    if days is None:
        return None
    spans = []
    for span in re.split(r"\s*,\s*", match["times"]):
        opens, closes = (_time(*re.split(r"[:.]", t)) for t in re.split(_DASH, span))
        if opens is None or closes is None or opens >= closes:
            return None
        spans.append((opens, closes))
    if not _ordered_without_overlap(spans):
        return None  # the editor would refuse overlapping intervals too
    return [Interval(day, opens, closes) for day in days for opens, closes in spans]


def parse_week(text: str) -> tuple[list[Interval], str]:
    """Split a text into structured intervals and the free note (the segments that are not hours)."""
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


def format_week_and_note(intervals: Iterable[WeekdayInterval], note: str) -> str:
    return "\n".join(part for part in (format_week(intervals), (note or "").strip()) if part)


# -- a week as seven day fields (the editors' days × hours table) ----------------------------------
def week_from_days(days: Iterable[str]) -> str:
    """Seven texts of the days Po…Ne ("8:00–12:00, 13:00–16:00", empty for closed) → the canonical
    week text of format_week. Raises ValueError with a Czech message naming the day."""
    intervals = []
    for weekday, text in enumerate(days):
        try:
            intervals += [Interval(weekday, opens, closes) for opens, closes in parse_intervals(text)]
        except ValueError as exc:
            raise ValueError(f"{WEEKDAYS[weekday].capitalize()}: {exc}") from None
    return format_week(intervals)


def days_from_week(text: str) -> tuple[str, ...]:
    """The canonical week text → seven day texts for the editor; segments that are not hours are
    dropped (the editors store only what week_from_days writes)."""
    days: list[list[tuple[str, str]]] = [[] for _ in WEEKDAYS]
    for interval in parse_week(text)[0]:
        days[interval.weekday].append((interval.opens, interval.closes))
    return tuple(format_intervals(day) for day in days)
