"""Opening hours (provozní doba) as one short Czech line: "Po–Čt 8:00–12:00, 13:00–16:00; Pá 8:00–12:00".

Days with the same intervals are named together; consecutive days become a range with an en dash.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

DAY_ABBREVIATIONS = ("Po", "Út", "St", "Čt", "Pá", "So", "Ne")
_MIDNIGHT = {"00:00", "0:00"}
_END_OF_DAY = {"24:00", "23:59"}


class Interval(Protocol):
    weekday: int
    opens: str
    closes: str


def format_time(value: str) -> str:
    """'08:00' → '8:00' (Czech convention: no leading zero on the hour)."""
    hours, _, minutes = value.strip().partition(":")
    return f"{int(hours)}:{minutes or '00'}" if hours.isdigit() else value.strip()


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


def format_opening_hours(rows: Iterable[Interval]) -> str:
    per_day: dict[int, list[tuple[str, str]]] = {}
    for row in rows:
        if 0 <= row.weekday <= 6:
            per_day.setdefault(row.weekday, []).append((row.opens.strip().zfill(5), row.closes.strip().zfill(5)))
    if not per_day:
        return ""
    if len(per_day) == 7 and all(
            len(v) == 1 and v[0][0] in _MIDNIGHT and v[0][1] in _END_OF_DAY for v in per_day.values()):
        return "nepřetržitě (24 hodin denně)"
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for day in sorted(per_day):
        intervals = tuple(sorted(set(per_day[day])))
        groups.setdefault(intervals, []).append(day)
    parts = []
    for intervals, days in groups.items():  # insertion order = order of each group's first day
        times = ", ".join(f"{format_time(a)}–{format_time(b)}" for a, b in intervals)
        parts.append(f"{_day_runs(days)} {times}")
    return "; ".join(parts)
