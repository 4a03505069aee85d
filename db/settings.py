"""Application settings kept in the database (office details used in print, backup retention).

They live in the database rather than in the Qt settings so that a shared database (later PostgreSQL)
gives every clerk of the office the same letterhead.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, fields

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import Base
from db.text import normalize_text

DEFAULT_BACKUP_KEEP = 10


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


@dataclass
class OfficeDetails:
    """Who publishes the documents: printed on the booklet's cover and imprint."""

    town: str = ""
    department: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    logo: bytes = b""  # image file contents: kept in the database so a shared database shares it too


def get_value(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def set_value(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


_TEXT_FIELDS = [f.name for f in fields(OfficeDetails) if f.name != "logo"]


def load_office(session: Session) -> OfficeDetails:
    stored = {s.key: s.value for s in session.scalars(select(Setting).where(Setting.key.like("office.%")))}
    office = OfficeDetails(**{name: stored.get(f"office.{name}", "") for name in _TEXT_FIELDS})
    office.logo = base64.b64decode(stored.get("office.logo", ""))
    return office


def save_office(session: Session, office: OfficeDetails) -> None:
    for name in _TEXT_FIELDS:
        set_value(session, f"office.{name}", normalize_text(getattr(office, name)))
    set_value(session, "office.logo", base64.b64encode(office.logo).decode("ascii"))


def save_settings(session: Session, office: OfficeDetails, keep: int) -> None:
    """What Soubor → Nastavení saves, as one unit."""
    save_office(session, office)
    set_backup_keep(session, keep)


def backup_keep(session: Session) -> int:
    try:
        return max(1, int(get_value(session, "backup.keep", str(DEFAULT_BACKUP_KEEP))))
    except ValueError:
        return DEFAULT_BACKUP_KEEP


def set_backup_keep(session: Session, keep: int) -> None:
    set_value(session, "backup.keep", str(max(1, keep)))
