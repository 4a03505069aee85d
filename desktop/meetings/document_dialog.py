"""Preview of a meeting document (QtPdf) with "Uložit jako PDF…", "Tisk…" and the document's other
formats (.docx of the minutes, .ics and .eml of the invitation).

The PDF is built off the UI thread into a temporary file that the preview shows; saving copies that
file and printing renders its pages, so what is printed is what was seen (as in the booklet dialog).
"""
from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSettings, QSize, QStandardPaths, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton, QVBoxLayout,
    QWidget,
)

from db.errors import UserError
from db.files import write_error_message

log = logging.getLogger(__name__)
MAX_PRINT_DPI = 300
FOLDER_KEY = "meetings/documents-folder"


@dataclass(frozen=True)
class ExtraFormat:
    """Another file of the same document: the button text, the suffix and a writer `write(path)`."""

    label: str
    suffix: str  # ".docx"
    file_filter: str  # "Dokument Word (*.docx)"
    write: Callable[[Path], object]


class _Signals(QObject):
    finished = Signal(str)  # path of the PDF
    failed = Signal(str)  # Czech message


class _Build(QRunnable):
    def __init__(self, build: Callable[[Path], object], out: Path):
        super().__init__()
        self.setAutoDelete(False)
        self.build, self.out = build, out
        self.signals = _Signals()
        self.done = threading.Event()

    def run(self) -> None:
        try:
            self.build(self.out)
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            log.exception("meeting document: cannot write %s", self.out)
            self.signals.failed.emit(f"Dokument se nepodařilo uložit: {exc.strerror or exc}")
        except Exception:  # noqa: BLE001 - a worker must report, not die silently
            log.exception("meeting document build failed")
            self.signals.failed.emit("Dokument se nepodařilo vytvořit. Podrobnosti jsou v protokolu aplikace.")
        else:
            self.signals.finished.emit(str(self.out))
        finally:
            self.done.set()


def documents_folder() -> Path:
    stored = QSettings().value(FOLDER_KEY, "")
    if stored and Path(stored).is_dir():
        return Path(stored)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


class DocumentDialog(QDialog):
    """`build(path)` writes the PDF (it runs in a worker thread and must not touch widgets);
    `file_stem` is the suggested file name without suffix ("zapis-PS-Seniori-3-2026")."""

    def __init__(self, parent: QWidget | None, title: str, build: Callable[[Path], object], file_stem: str,
                 extras: list[ExtraFormat] | None = None, note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 720)
        self._title = title
        self._build_fn = build
        self._stem = file_stem
        self._workdir = tempfile.TemporaryDirectory(prefix="kp-jednani-", ignore_cleanup_errors=True)
        self._build: _Build | None = None
        self.preview_path: Path | None = None
        self.error: str | None = None
        self._pending = True  # from construction until the build reports back

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("Dokument se připravuje…")
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Uložit jako PDF…")
        self.print_button = QPushButton("Tisk…")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.setDefault(True)
        self.extra_buttons: list[QPushButton] = []
        self.extras = list(extras or [])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for extra in extras or []:
            button = QPushButton(extra.label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, e=extra: self.save_extra(e))
            self.extra_buttons.append(button)
            buttons.addWidget(button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        close = QPushButton("Zavřít")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a14a00;")
        self.note.setVisible(bool(note))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self._set_busy(True)
        QTimer.singleShot(0, self.start_build)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.save_button, self.print_button):
            button.setEnabled(not busy and self.preview_path is not None)

    def start_build(self) -> None:
        out = Path(self._workdir.name) / f"{self._stem}.pdf"
        self._build = _Build(self._build_fn, out)
        self._build.signals.finished.connect(self._on_finished)
        self._build.signals.failed.connect(self._on_failed)
        QThreadPool.globalInstance().start(self._build)

    def is_building(self) -> bool:
        return self._pending

    def _on_finished(self, path: str) -> None:
        self._build, self._pending = None, False
        self.document.close()
        self.document.load(path)
        self.preview_path = Path(path)
        pages = self.document.pageCount()
        self.status.setText(f"Stran: {pages}.")
        self._set_busy(False)

    def _on_failed(self, message: str) -> None:
        self._build, self._pending = None, False
        self.error = message
        self.status.setText("Dokument se nepodařilo vytvořit.")
        self._set_busy(False)
        QMessageBox.critical(self, self._title, message)

    # -- saving ------------------------------------------------------------------------------------
    def _ask_target(self, caption: str, suffix: str, file_filter: str) -> Path | None:
        suggested = documents_folder() / f"{self._stem}{suffix}"
        name, _ = QFileDialog.getSaveFileName(self, caption, str(suggested), file_filter)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        return path

    def save_pdf(self) -> None:
        target = self._ask_target("Uložit jako PDF", ".pdf", "Dokument PDF (*.pdf)")
        if target is not None:
            self.save_preview_to(target)

    def save_preview_to(self, target: Path) -> bool:
        try:
            shutil.copyfile(self.preview_path, target)
        except OSError as exc:
            QMessageBox.critical(self, "Uložit jako PDF", write_error_message(target, exc))
            return False
        self.status.setText(f"Uloženo do {target}")
        return True

    def save_extra(self, extra: ExtraFormat) -> None:
        target = self._ask_target(extra.label.rstrip("…"), extra.suffix, extra.file_filter)
        if target is not None:
            self.write_extra(extra, target)

    def write_extra(self, extra: ExtraFormat, target: Path) -> bool:
        try:
            extra.write(target)
        except UserError as exc:
            QMessageBox.warning(self, self._title, str(exc))
            return False
        except OSError as exc:
            QMessageBox.critical(self, self._title, write_error_message(target, exc))
            return False
        self.status.setText(f"Uloženo do {target}")
        return True

    # -- printing ----------------------------------------------------------------------------------
    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._stem)
        printer.setFullPage(True)  # the PDF pages carry their own margins
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self._title)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page of the preview onto `printer`; returns the number of pages sent."""
        count = self.document.pageCount()
        painter = QPainter()
        if count == 0 or not painter.begin(printer):
            QMessageBox.critical(self, self._title, "Tiskárnu se nepodařilo připravit k tisku.")
            return 0
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        progress = QProgressDialog("Posílám stránky na tiskárnu…", "Zrušit", 0, count, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        sent = 0
        try:
            for index in range(count):
                if progress.wasCanceled():
                    break
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                image = self.document.render(index, QSize(round(points.width() / 72 * dpi),
                                                          round(points.height() / 72 * dpi)))
                painter.drawImage(painter.viewport(), image)
                sent += 1
                progress.setValue(sent)
        finally:
            painter.end()
            progress.close()
        self.status.setText(f"Odesláno na tiskárnu: {sent} stran.")
        return sent

    def done(self, result: int) -> None:
        if self._build is not None:
            self._build.done.wait(30)
            self._build = None
        self.document.close()
        self._workdir.cleanup()
        super().done(result)
