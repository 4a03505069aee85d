"""Preview of a meeting document (desktop/widgets/pdf_preview.py) with "Uložit jako PDF…", "Tisk…" and
the document's other formats (.docx of the minutes, .ics and .eml of the invitation, .xlsx of the
registers), saved in the folder used last."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from db.errors import UserError
from db.files import write_error_message
from desktop.widgets.failures import tell_refused
from desktop.widgets.pdf_preview import FunctionBuild, PdfPreviewDialog, PreviewTexts

FOLDER_KEY = "meetings/documents-folder"
TEXTS = PreviewTexts(preparing="Dokument se připravuje…", building="Dokument se připravuje…")


@dataclass(frozen=True)
class ExtraFormat:
    """Another file of the same document: the button text, the suffix and a writer `write(path)`."""

    label: str
    suffix: str  # ".docx"
    file_filter: str  # "Dokument Word (*.docx)"
    write: Callable[[Path], object]


class DocumentDialog(PdfPreviewDialog):
    """`build(path)` writes the PDF (it runs in a worker thread and must not touch widgets);
    `file_stem` is the suggested file name without suffix ("zapis-PS-Seniori-3-2026") and also names
    the previewed PDF, which the .eml attaches; `note` is a warning shown under the preview."""

    def __init__(self, parent: QWidget | None, title: str, build: Callable[[Path], object], file_stem: str,
                 extras: list[ExtraFormat] | None = None, note: str = ""):
        super().__init__(parent, title, "kp-jednani-", TEXTS, folder_key=FOLDER_KEY)
        self.resize(900, 720)
        self._build_fn = build
        self._stem = file_stem
        self.extras = list(extras or [])
        self.extra_buttons: list[QPushButton] = []
        for extra in self.extras:
            button = QPushButton(extra.label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, e=extra: self.save_extra(e))
            self.extra_buttons.append(button)
        self.save_button.setDefault(True)
        self.close_button.setAutoDefault(False)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a14a00;")
        self.note.setVisible(bool(note))
        self.standard_layout(above_buttons=self.note, extra_buttons=self.extra_buttons)

    # -- the parts of PdfPreviewDialog ----------------------------------------------------------------
    def create_build(self, out: Path) -> FunctionBuild:
        return FunctionBuild(self._build_fn, out)

    def next_preview_path(self) -> Path:
        return Path(self._workdir.name) / f"{self._stem}.pdf"

    def document_name(self) -> str:
        return self._stem

    def suggested_name(self) -> str:
        return f"{self._stem}.pdf"

    # -- other formats ------------------------------------------------------------------------------
    def save_extra(self, extra: ExtraFormat) -> None:
        target = self.ask_save_path(extra.label.rstrip("…"), f"{self._stem}{extra.suffix}", extra.suffix,
                                    extra.file_filter)
        if target is not None:
            self.write_extra(extra, target)

    def write_extra(self, extra: ExtraFormat, target: Path) -> bool:
        """Write `extra` to `target`; False after telling the clerk why it failed."""
        try:
            extra.write(target)
        except UserError as exc:
            tell_refused(self, self.message_title(), exc)
            return False
        except OSError as exc:
            QMessageBox.critical(self, self.message_title(), write_error_message(target, exc))
            return False
        self.status.setText(f"Uloženo do {target}")
        return True
