"""Czech wording of amounts, percentages and years shown in the plan tab."""
from __future__ import annotations

import re

NBSP = "\u00a0"
_GROUP = NBSP  # Czech groups thousands with a (non-breaking) space: 12 500 Kč
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def group_thousands(value: int) -> str:
    """12500 → "12 500" (non-breaking space); negative numbers keep their minus sign."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", _GROUP)


def czech_kc(value: int | None, *, empty: str = "") -> str:
    """Whole Kč as a clerk writes them: 12500 → "12 500 Kč"; None → `empty`."""
    if value is None:
        return empty
    return f"{group_thousands(value)}{NBSP}Kč"


def parse_kc(text: str) -> int | None:
    """What a clerk types for an amount: "12 500", "12500 Kč", "12.500,-" → 12500; empty → None.

    Raises ValueError with a Czech message for anything else (a fraction of a crown, letters, a
    negative amount: plans and spending are never negative)."""
    cleaned = _SPACES.sub("", text).lower()
    cleaned = cleaned.removesuffix("kč").removesuffix(",-").removesuffix(",--")
    if not cleaned:
        return None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):  # 12.500 with dots as thousands separators
        cleaned = cleaned.replace(".", "")
    if re.fullmatch(r"\d+([.,]0+)?", cleaned):
        return int(re.split(r"[.,]", cleaned)[0])
    raise ValueError("Částku zadejte v celých korunách, např. 12 500.")


def czech_number(value: float | None) -> str:
    """An indicator value: 12 → "12", 12.5 → "12,5", None → ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return group_thousands(int(value))
    whole, _, fraction = f"{value:.4f}".rstrip("0").partition(".")
    return f"{group_thousands(int(whole))},{fraction}"


def parse_number(text: str) -> float | None:
    """ "12,5" / "12.5" / "1 200" → float; empty → None; raises ValueError with a Czech message."""
    cleaned = _SPACES.sub("", text)
    if not cleaned:
        return None
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        raise ValueError("Zadejte číslo, např. 12 nebo 12,5.") from None


def percent(value: float | None) -> str:
    """Completion rounded to a whole per cent: 66.7 → "67 %"; None → ""."""
    return "" if value is None else f"{round(value)}{NBSP}%"


def years_text(year_from: int | None, year_to: int | None) -> str:
    """2024–2026 with an en dash; one year alone when both are equal."""
    if year_from is None and year_to is None:
        return ""
    if year_from == year_to or year_to is None:
        return str(year_from)
    if year_from is None:
        return f"do {year_to}"
    return f"{year_from}–{year_to}"


def two_lines(name: str, limit: int = 14) -> str:
    """A long column title ("MPSV / státní rozpočet") split at the space nearest its middle."""
    if len(name) <= limit or " " not in name:
        return name
    middle = len(name) // 2
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - middle))
    return name[:cut] + "\n" + name[cut + 1:]
