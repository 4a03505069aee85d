"""Nápověda → O aplikaci."""
from __future__ import annotations

import html
from importlib import metadata

from PySide6.QtWidgets import QMessageBox, QWidget

from db.database import Database


def app_version() -> str:
    try:
        return metadata.version("komunitni-plan")
    except metadata.PackageNotFoundError:
        return "vývojová verze"


def show_about(parent: QWidget, db: Database) -> None:
    QMessageBox.about(
        parent, "O aplikaci Komunitní plán",
        f"<h3>Komunitní plán</h3>"
        f"<p>Verze {app_version()}</p>"
        "<p>Aplikace pro odbory sociálních věcí: adresář poskytovatelů sociálních služeb a jeho tištěný "
        "přehled, pracovní skupiny komunitního plánování a střednědobý plán rozvoje sociálních služeb.</p>"
        + (f"<p>Data jsou uložena v databázi {html.escape(db.location)}.</p>" if db.is_server else
           f"<p>Data jsou uložena v souboru:<br><code>{html.escape(str(db.path))}</code></p>") +
        "<p>Aplikace pracuje bez připojení k internetu.</p>")
