"""Czech wording of dates and counts shown in the directory tab."""
from __future__ import annotations

import datetime as dt

from db.directory.models import Source


NBSP = "\u00a0"


def czech_date(value: dt.date | None) -> str:
    """22. 11. 2026, with non-breaking spaces so a date never breaks across lines."""
    return f"{value.day}.{NBSP}{value.month}.{NBSP}{value.year}" if value else ""


def czech_datetime(value: dt.datetime | None) -> str:
    return f"{czech_date(value)} {value.hour}:{value.minute:02d}" if value else ""


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n == 1:
        return one
    return few if 2 <= n <= 4 else many


NOUNS = {
    # nominative (1, 2–4, 5+) and genitive after "z" (1, other)
    "services": (("služba", "služby", "služeb"), ("služby", "služeb")),
    "providers": (("poskytovatel", "poskytovatelé", "poskytovatelů"), ("poskytovatele", "poskytovatelů")),
}


def count_text(shown: int, total: int, kind: str) -> str:
    """"345 služeb" when nothing is filtered, "Zobrazeno 12 z 345 služeb" when something is."""
    nominative, genitive = NOUNS[kind]
    if shown == total:
        return f"{total} {_plural(total, *nominative)}"
    return f"Zobrazeno {shown} z {total} {genitive[0] if total == 1 else genitive[1]}"


SOURCE_LABELS = {Source.REGISTRY: "registr poskytovatelů MPSV", Source.MANUAL: "zadáno ručně"}


def record_meta(source: Source, changed_at: dt.datetime | None, changed_by: str) -> str:
    """ "Zdroj: zadáno ručně · naposledy změněno 3. 2. 2026 14:05 (novakova)" """
    text = f"Zdroj: {SOURCE_LABELS[source]}"
    if changed_at:
        text += f" · naposledy změněno {czech_datetime(changed_at)}"
        if changed_by:
            text += f" ({changed_by})"
    return text
