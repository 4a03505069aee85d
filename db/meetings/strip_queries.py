"""Funding strips (Nastavení): a name, a text line and an optional image; the strip a meeting
prints with."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.collation import czech_sorted
from db.errors import ValidationError
from db.meetings.common import get_meeting, normalize_record
from db.meetings.models import FundingStrip, Meeting, WorkingGroup
from db.meetings.records import StripRecord


def list_strips(session: Session) -> list[StripRecord]:
    strips = session.scalars(select(FundingStrip)).all()
    return czech_sorted([StripRecord(s.id, s.name, s.text, s.image) for s in strips], key=lambda s: s.name)


def load_strip(session: Session, strip_id: int | None) -> StripRecord | None:
    strip = session.get(FundingStrip, strip_id) if strip_id is not None else None
    return StripRecord(strip.id, strip.name, strip.text, strip.image) if strip else None


def save_strip(session: Session, record: StripRecord) -> int:
    """Write a funding strip; the name is required, the image (PNG or JPEG bytes) optional."""
    normalize_record(record)
    problems = []
    if not record.name.strip():
        problems.append(("Název", "Vyplňte název pruhu."))
    if len(record.text.strip()) > 500:
        problems.append(("Text", "Nejvýše 500 znaků."))
    if record.image and not (record.image.startswith(b"\x89PNG") or record.image.startswith(b"\xff\xd8")):
        problems.append(("Obrázek", "Obrázek musí být ve formátu PNG nebo JPEG."))
    if not record.text.strip() and not record.image:
        problems.append(("Text", "Pruh potřebuje obrázek nebo text."))
    if problems:
        raise ValidationError(problems)
    strip = session.get(FundingStrip, record.id) if record.id is not None else None
    if strip is None:
        strip = FundingStrip()
        session.add(strip)
    strip.name, strip.text, strip.image = record.name.strip(), record.text.strip(), record.image
    session.flush()
    return strip.id


def delete_strip(session: Session, strip_id: int) -> None:
    """Delete a strip; groups and meetings that used it print without a strip."""
    strip = session.get(FundingStrip, strip_id)
    if strip is not None:
        for owner in (WorkingGroup, Meeting):
            for row in session.scalars(select(owner).where(owner.funding_strip_id == strip_id)):
                row.funding_strip_id = None
        session.delete(strip)


def meeting_strip(session: Session, meeting_id: int) -> StripRecord | None:
    """The strip a meeting prints with: its own, else its group's, else none."""
    m = get_meeting(session, meeting_id)
    return load_strip(session, m.funding_strip_id if m.funding_strip_id is not None else m.group.funding_strip_id)
