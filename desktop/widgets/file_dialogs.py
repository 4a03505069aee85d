"""Where file dialogs start: the clerk's Documents folder, as in Word and Excel."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The user's Documents folder (Dokumenty); the home folder where the system names none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def start_folder(remembered: str | Path | None = None) -> str:
    """A remembered folder while it still exists, otherwise Documents (as text for QFileDialog)."""
    if remembered and Path(remembered).is_dir():
        return str(remembered)
    return str(documents_folder())
