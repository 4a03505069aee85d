"""Preview of one plan document with "Uložit jako PDF…" and "Tisk…", as for the booklet.

The PDF is built off the UI thread (documents.DocumentBuild) into a temporary file that the preview
shows; saving copies that file and printing renders its pages, so what is printed is what was seen.
"""
from __future__ import annotations

import contextlib
import itertools
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QThreadPool, QTimer
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton,
    QVBoxLayout, QWidget,
)

from db.database import Database
from db.files import write_error_message
from desktop.plan.documents import Builder, DocumentBuild, DocumentKind
from desktop.plan.sizing import resize_within_screen

MAX_PRINT_DPI = 300


class DocumentDialog(QDialog):
    """`years` are offered in a chooser when the document is for one year (`year` chosen first)."""

    def __init__(self, db: Database, kind: DocumentKind, builder: Builder, plan_id: int, plan_name: str,
                 years: list[int], year: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.kind, self.builder, self.plan_id = db, kind, builder, plan_id
        self.plan_name = plan_name
        self.setWindowTitle(f"{kind.heading(year)} – {plan_name}")
        resize_within_screen(self, 900, 740)
        self._workdir = tempfile.TemporaryDirectory(prefix="kp-plan-", ignore_cleanup_errors=True)
        self._serial = itertools.count(1)
        self._build: DocumentBuild | None = None
        self._closed = False
        self.preview_path: Path | None = None
        self.preview_year: int | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("Náhled se připravuje…")
        self.status.setWordWrap(True)

        self.year = QComboBox()
        for value in years:
            self.year.addItem(str(value), value)
        if year is not None and self.year.findData(year) >= 0:
            self.year.setCurrentIndex(self.year.findData(year))
        self.year.currentIndexChanged.connect(self._year_changed)
        top = QHBoxLayout()
        if kind.needs_year:
            top.addWidget(QLabel("Rok:"))
            top.addWidget(self.year)
        top.addStretch(1)

        self.save_button = QPushButton("Uložit jako PDF…")
        self.print_button = QPushButton("Tisk…")
        close_button = QPushButton("Zavřít")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_document)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._set_ready(False)
        QTimer.singleShot(0, self.refresh_preview)

    def current_year(self) -> int | None:
        return self.year.currentData() if self.kind.needs_year else None

    def _year_changed(self) -> None:
        self.setWindowTitle(f"{self.kind.heading(self.current_year())} – {self.plan_name}")
        QTimer.singleShot(0, self.refresh_preview)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # -- building -------------------------------------------------------------------------------
    def is_building(self) -> bool:
        return self._build is not None

    def refresh_preview(self) -> None:
        if self._build is not None or self._closed:
            return
        out = Path(self._workdir.name) / f"nahled-{next(self._serial)}.pdf"
        self._build = DocumentBuild(self.db, self.kind, self.builder, self.plan_id, self.current_year(), out)
        self._build.signals.finished.connect(self._on_finished)
        self._build.signals.failed.connect(self._on_failed)
        self._build.signals.cancelled.connect(self._on_cancelled)
        self._set_ready(False)
        self.year.setEnabled(False)
        self.status.setText("Vytvářím dokument…")
        QThreadPool.globalInstance().start(self._build)

    def _end_build(self) -> DocumentBuild:
        build, self._build = self._build, None
        self.year.setEnabled(True)
        return build

    def _on_finished(self, path: Path) -> None:
        build = self._end_build()
        if build.year != self.current_year():  # the year changed while building: build again
            QTimer.singleShot(0, self.refresh_preview)
            return
        self.document.close()
        old = self.preview_path
        self.document.load(str(path))
        self.preview_path, self.preview_year = path, build.year
        if old is not None and old != path:
            with contextlib.suppress(OSError):  # Windows: still held open; the work folder goes at the end
                old.unlink(missing_ok=True)
        pages = self.document.pageCount()
        self.status.setText(f"{self.kind.heading(build.year)}: {_pages(pages)} A4.")
        self._set_ready(pages > 0)

    def _on_failed(self, message: str) -> None:
        self._end_build()
        self.status.setText("Dokument se nepodařilo vytvořit.")
        QMessageBox.critical(self, self.kind.heading(self.current_year()), message)

    def _on_cancelled(self) -> None:
        self._end_build()
        self.status.setText("Vytváření dokumentu bylo zrušeno.")

    # -- save and print -------------------------------------------------------------------------
    def suggested_name(self) -> str:
        year = self.preview_year
        return f"{self.kind.file_stem}-{year}.pdf" if year is not None else f"{self.kind.file_stem}.pdf"

    def save_pdf(self) -> None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getSaveFileName(self, "Uložit jako PDF", str(Path(documents) / self.suggested_name()),
                                              "Dokument PDF (*.pdf)")
        if name:
            self.save_preview_to(Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf"))

    def save_preview_to(self, target: Path) -> bool:
        try:
            shutil.copyfile(self.preview_path, target)
        except OSError as exc:
            QMessageBox.critical(self, "Uložit jako PDF", write_error_message(target, exc))
            return False
        self.status.setText(f"Uloženo do {target}")
        return True

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.kind.heading(self.preview_year))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare_printer(self, printer: QPrinter) -> None:
        printer.setDocName(self.kind.heading(self.preview_year))
        printer.setFullPage(True)  # the PDF pages carry their own margins
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        first = self.document.pagePointSize(0) if self.document.pageCount() else None
        landscape = first is not None and first.width() > first.height()  # the action plan's wide table
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page of the preview onto `printer`; returns the number of pages sent."""
        count = self.document.pageCount()
        painter = QPainter()
        if count == 0 or not painter.begin(printer):
            QMessageBox.critical(self, "Tisk", "Tiskárnu se nepodařilo připravit k tisku.")
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
        self.status.setText(f"Odesláno na tiskárnu: {_pages(sent)}.")
        return sent

    def done(self, result: int) -> None:
        self._closed = True
        if self._build is not None:
            self._build.cancel()
            QThreadPool.globalInstance().waitForDone(10_000)
        self.document.close()
        self._workdir.cleanup()
        super().done(result)


def _pages(count: int) -> str:
    if count == 1:
        return "1 strana"
    return f"{count} strany" if 2 <= count <= 4 else f"{count} stran"
