"""The meeting documents in the QtPdf preview: invitation (+ .ics and .eml), attendance sheet, minutes
(+ .docx), and the registers of tasks and resolutions (+ .xlsx). Built by printing.meetings off the UI
thread; the data are read from the database in the same worker (db.read opens its own session)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from db.database import Database
from desktop.meetings.document_dialog import DocumentDialog, ExtraFormat
from printing.meetings import (
    build_attendance_sheet, build_invitation, build_minutes_docx, build_minutes_pdf, collect_meeting, write_eml,
    write_ics,
)
from printing.meetings.text import file_slug

TITLES = {"invitation": "Pozvánka", "attendance": "Prezenční listina", "minutes": "Zápis"}
STEMS = {"invitation": "pozvanka", "attendance": "prezencni-listina", "minutes": "zapis"}


BUILDERS = {"invitation": build_invitation, "attendance": build_attendance_sheet, "minutes": build_minutes_pdf}


def meeting_document_dialog(parent: QWidget | None, db: Database, kind: str, meeting_id: int) -> DocumentDialog:
    """The preview dialog of one document of a saved meeting (not yet shown)."""
    doc = db.read(collect_meeting, meeting_id)
    build = BUILDERS[kind]
    stem = f"{STEMS[kind]}-{file_slug(doc.group_short_name or doc.group_name)}-{doc.number}-{doc.year}"

    def make(out: Path) -> None:
        build(db.read(collect_meeting, meeting_id), out)

    extras: list[ExtraFormat] = []
    dialog_holder: list[DocumentDialog] = []
    if kind == "invitation":
        extras.append(ExtraFormat("Uložit do kalendáře (.ics)…", ".ics", "Událost kalendáře (*.ics)",
                                  lambda path: write_ics(db.read(collect_meeting, meeting_id), path)))
        extras.append(ExtraFormat(
            "Uložit e-mail (.eml)…", ".eml", "E-mailová zpráva (*.eml)",
            lambda path: write_eml(db.read(collect_meeting, meeting_id), path, dialog_holder[0].preview_path)))
    elif kind == "minutes":
        extras.append(ExtraFormat("Uložit pro Word (.docx)…", ".docx", "Dokument Word (*.docx)",
                                  lambda path: build_minutes_docx(db.read(collect_meeting, meeting_id), path)))
    title = f"{TITLES[kind]} – {doc.group_name}, jednání {doc.label}"
    dialog = DocumentDialog(parent, title, make, stem, extras, missing_email_note(doc) if kind == "invitation" else "")
    dialog_holder.append(dialog)
    return dialog


def missing_email_note(doc) -> str:
    """Whom the .eml cannot reach: members and guests without an e-mail address, to invite otherwise."""
    missing = [p.name for p in (*doc.members, *doc.guests) if not p.email.strip()]
    if not missing:
        return ""
    return ("E-mail pozvánky nedostanou (nemají e-mailovou adresu, pozvěte je jinak): " + ", ".join(missing) + ".")


def open_meeting_document(parent: QWidget | None, db: Database, kind: str, meeting_id: int) -> int:
    return meeting_document_dialog(parent, db, kind, meeting_id).exec()


def open_register(parent: QWidget | None, db: Database, kind: str, group_id: int | None) -> int:
    from desktop.meetings.register_dialog import RegisterDialog

    return RegisterDialog(db, kind, group_id, parent).exec()
