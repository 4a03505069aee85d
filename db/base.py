"""Declarative base shared by every model."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DateTime, Enum, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints let Alembic's batch mode alter SQLite tables and keep PostgreSQL names stable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def now_to_the_second() -> dt.datetime:
    """When a record is saved (changed_at and the like): local time without microseconds, as the clerk
    sees it."""
    return dt.datetime.now().replace(microsecond=0)


class Stamped:
    """Mixin of a record a clerk saves: who saved it last and when (shown beside the record, and named
    when another clerk's save conflicts, db/versioning.py). The writers set both on every save."""

    changed_by: Mapped[str] = mapped_column(String(100), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now_to_the_second)


def enum_column(cls: type[enum.Enum]) -> Enum:
    """Column type of a Python enum: its readable value is stored, not the member name, and no native
    enum type is created, so the same migrations run on SQLite and PostgreSQL."""
    return Enum(cls, values_callable=lambda e: [m.value for m in e], native_enum=False, length=20,
                validate_strings=True)
