"""The common part of every PDF preview dialog (booklet, meeting documents, plan documents): the PDF is
built off the UI thread into a temporary file that the preview (QtPdf) shows; "Uložit jako PDF…"
(Ctrl+S) copies that file and "Tisk…" (Ctrl+P) renders its pages, so what is printed is what was seen.

An area subclasses PdfPreviewDialog and supplies what differs: the build (`create_build`), the status
line after a build (`show_result`), the suggested file name (`suggested_name`), the titles and texts
(`PreviewTexts`) and its own options or layout around the preview.

A build is a PreviewBuild (its `produce()` writes the PDF in a pool thread); FunctionBuild runs a
plain `build(path)` function that way.
"""
from __future__ import annotations

import contextlib
import itertools
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSettings, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QLayout, QMessageBox, QProgressDialog, QPushButton, QVBoxLayout,
    QWidget,
)

from db.errors import UserError
from db.files import write_error_message
from desktop.widgets.failures import failure_text
from desktop.widgets.file_dialogs import start_folder
from printing.typography import czech_plural

log = logging.getLogger(__name__)
MAX_PRINT_DPI = 300
# A build cannot always stop half-way (ReportLab typesets a whole document): closing waits this long for it.
CLOSE_WAIT_MS = 30_000


def pages_text(count: int) -> str:
    """'1 strana', '3 strany', '7 stran'."""
    return czech_plural(count, "strana", "strany", "stran")


@dataclass(frozen=True)
class PreviewTexts:
    """What a preview dialog says, in Czech. `preparing` stands in the status line until the first
    build starts, `building` while one runs (and in its progress dialog)."""

    preparing: str = "Náhled se připravuje…"
    building: str = "Vytvářím dokument…"
    failed: str = "Dokument se nepodařilo vytvořit."
    cancelled: str = "Vytváření dokumentu bylo zrušeno."
    save_caption: str = "Uložit jako PDF"


class BuildSignals(QObject):
    progress = Signal(int, str)  # percent, Czech message
    finished = Signal(object)  # what produce() returned
    failed = Signal(str)  # Czech message
    cancelled = Signal()


class PreviewBuild(QRunnable):
    """One build of a preview PDF into `out_path` in a pool thread. A subclass implements `produce()`;
    `cancel()` may be called from the UI thread, and a build cancelled before it ends reports
    `cancelled` instead of its result. Failures are reported in Czech: a UserError as it is, a file
    that cannot be written with its path, anything else by failure_text (a busy or read-only database
    of `db_path` named, otherwise `failure_lead` and the log)."""

    failure_lead = "Dokument se nepodařilo vytvořit."

    def __init__(self, out_path: Path, db_path: Path | None = None):
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until its signals are handled
        self.out_path, self.db_path = out_path, db_path
        self.signals = BuildSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def produce(self) -> object:
        """Write the PDF to `out_path` (no widgets: this is a worker thread); returns the result reported."""
        raise NotImplementedError

    def run(self) -> None:
        try:
            result = self.produce()
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            log.exception("preview: cannot write %s", self.out_path)
            self.signals.failed.emit(f"PDF se nepodařilo uložit do „{self.out_path}“: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - a worker must report, not die silently
            self.signals.failed.emit(failure_text(exc, self.db_path, self.failure_lead))
        else:
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


class FunctionBuild(PreviewBuild):
    """Runs `build(path)`; reports the Path of the PDF. Cancel cannot stop the function half-way; it
    only means the result is thrown away."""

    def __init__(self, build: Callable[[Path], object], out_path: Path):
        super().__init__(out_path)
        self.build = build

    def produce(self) -> Path:
        self.build(self.out_path)
        return self.out_path


class PdfPreviewDialog(QDialog):
    """The preview, the status line and the buttons Uložit jako PDF… / Tisk… / Zavřít with their work.

    `title` is the window title, `work_prefix` names the temporary folder of the previews, `folder_key`
    (a QSettings key) makes save dialogs start in the folder used last instead of Documents, and
    `progress_title` shows a progress dialog with Zrušit while a build runs (for builds reporting
    progress). The subclass lays the widgets out (`standard_layout` or its own) and the first build
    starts once the event loop runs."""

    def __init__(self, parent: QWidget | None, title: str, work_prefix: str, texts: PreviewTexts = PreviewTexts(),
                 folder_key: str | None = None, progress_title: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.texts = texts
        self._folder_key = folder_key
        self._progress_title = progress_title
        # A preview still open elsewhere (a build outliving the dialog) must not turn closing into an error.
        self._workdir = tempfile.TemporaryDirectory(prefix=work_prefix, ignore_cleanup_errors=True)
        self._serial = itertools.count(1)
        self._build: PreviewBuild | None = None
        self._progress: QProgressDialog | None = None
        self._then: Callable[[], None] | None = None
        self._first_pending = True  # from construction until the first build starts
        self._closed = False  # a refresh queued by a switch must not start once the dialog is done
        self._shown = False  # the last build ended with a preview of at least one page
        self.preview_path: Path | None = None
        self.error: str | None = None  # the message of the last failed build
        # Widgets a running build makes pointless (a refresh button, a year chooser).
        self.disabled_while_building: list[QWidget] = []

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(texts.preparing)
        self.save_button = QPushButton("Uložit jako PDF…")
        self.print_button = QPushButton("Tisk…")
        self.close_button = QPushButton("Zavřít")
        self.save_button.setToolTip("Uložit dokument jako PDF (Ctrl+S)")
        self.print_button.setToolTip("Vytisknout dokument (Ctrl+P)")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_document)
        self.close_button.clicked.connect(self.reject)
        for key, button in ((QKeySequence.StandardKey.Save, self.save_button),
                            (QKeySequence.StandardKey.Print, self.print_button)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(button.click)  # click() does nothing while the button is disabled
            self.addAction(action)
        QTimer.singleShot(0, self.refresh_preview)

    def standard_layout(self, top: QLayout | None = None, above_buttons: QWidget | None = None,
                        extra_buttons: list[QPushButton] | None = None) -> None:
        """`top` above the preview, `above_buttons` under it; a row of the status line, `extra_buttons`
        and the output buttons at the bottom."""
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in extra_buttons or []:
            buttons.addWidget(button)
        self.add_output_buttons(buttons)
        layout = QVBoxLayout(self)
        if top is not None:
            layout.addLayout(top)
        layout.addWidget(self.view, 1)
        if above_buttons is not None:
            layout.addWidget(above_buttons)
        layout.addLayout(buttons)
        self._update_buttons()

    def add_output_buttons(self, row: QHBoxLayout) -> None:
        for button in (self.save_button, self.print_button, self.close_button):
            row.addWidget(button)

    # -- what the area supplies -------------------------------------------------------------------
    def create_build(self, out: Path) -> PreviewBuild:
        """The build that writes the PDF to `out`."""
        raise NotImplementedError

    def preview_file(self, result: object) -> Path:
        """The PDF a finished build wrote, from what it reported."""
        return Path(result)

    def show_result(self, build: PreviewBuild, result: object) -> str:
        """Take over what a finished build reported once its PDF is shown; returns the status line."""
        return f"Stran: {self.document.pageCount()}."

    def result_outdated(self, build: PreviewBuild) -> bool:
        """True when the choices changed while `build` ran: its result is dropped and built again."""
        return False

    def suggested_name(self) -> str:
        """The file name offered by "Uložit jako PDF…", with .pdf."""
        raise NotImplementedError

    def message_title(self) -> str:
        """The title of message boxes and of the print dialog."""
        return self.windowTitle()

    def document_name(self) -> str:
        """The name of the print job."""
        return self.windowTitle()

    def next_preview_path(self) -> Path:
        return Path(self._workdir.name) / f"nahled-{next(self._serial)}.pdf"

    def output_ready(self) -> bool:
        """Whether saving and printing are offered: once a build has shown a preview."""
        return self._build is None and self._shown

    # -- building ---------------------------------------------------------------------------------
    def is_building(self) -> bool:
        return self._build is not None or self._first_pending

    def refresh_preview(self, then: Callable[[], None] | None = None) -> None:
        """Build the preview again; `then` runs once it is shown."""
        self._first_pending = False
        if self._build is not None or self._closed:
            return
        self._then = then
        self._build = self.create_build(self.next_preview_path())
        signals = self._build.signals
        signals.finished.connect(self._on_finished)
        signals.failed.connect(self._on_failed)
        signals.cancelled.connect(self._on_cancelled)
        if self._progress_title is not None:
            self._progress = QProgressDialog(self.texts.building, "Zrušit", 0, 100, self)
            self._progress.setWindowTitle(self._progress_title)
            self._progress.setWindowModality(Qt.WindowModality.WindowModal)
            self._progress.setMinimumDuration(400)
            self._progress.canceled.connect(self._build.cancel)
            signals.progress.connect(self._on_progress)
        self._set_building(True)
        self.status.setText(self.texts.building)
        QThreadPool.globalInstance().start(self._build)

    def _on_progress(self, percent: int, message: str) -> None:
        if self._progress is not None:
            self._progress.setLabelText(message)
            self._progress.setValue(percent)

    def _set_building(self, building: bool) -> None:
        for widget in self.disabled_while_building:
            widget.setEnabled(not building)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.output_ready()
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def _end_build(self) -> PreviewBuild:
        build, self._build = self._build, None
        if self._progress is not None:
            self._progress.canceled.disconnect()
            self._progress.close()
            self._progress = None
        self._set_building(False)
        return build

    def _on_finished(self, result: object) -> None:
        if self._closed:
            return
        build = self._end_build()
        if self.result_outdated(build):
            then, self._then = self._then, None
            QTimer.singleShot(0, lambda: self.refresh_preview(then))
            return
        path = self.preview_file(result)
        self.document.close()
        old = self.preview_path
        self.document.load(str(path))
        self.preview_path, self.error = path, None
        if old is not None and old != path:
            with contextlib.suppress(OSError):  # Windows: still held open; the work folder goes at the end
                old.unlink(missing_ok=True)
        self._shown = self.document.pageCount() > 0
        self.status.setText(self.show_result(build, result))
        self._update_buttons()
        then, self._then = self._then, None
        if then is not None:
            then()

    def _on_failed(self, message: str) -> None:
        if self._closed:
            return
        self._end_build()
        self._then, self._shown, self.error = None, False, message
        self._update_buttons()
        self.status.setText(self.texts.failed)
        QMessageBox.critical(self, self.message_title(), message)

    def _on_cancelled(self) -> None:
        if self._closed:
            return
        self._end_build()
        self._then, self._shown = None, False
        self._update_buttons()
        self.status.setText(self.texts.cancelled)

    def when_current(self, action: Callable[[], None]) -> None:
        """Run `action` on a preview of the current choices (by default the one shown)."""
        action()

    # -- saving -----------------------------------------------------------------------------------
    def ask_save_path(self, caption: str, name: str, suffix: str, file_filter: str) -> Path | None:
        """Ask where to save `name` (with `suffix`, as ".pdf"); None when the clerk cancelled. The suffix
        is added when typed without it; the folder is remembered under `folder_key`."""
        remembered = QSettings().value(self._folder_key, "") if self._folder_key else ""
        suggested = Path(start_folder(remembered)) / name
        chosen, _ = QFileDialog.getSaveFileName(self, caption, str(suggested), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if self._folder_key:
            QSettings().setValue(self._folder_key, str(path.parent))
        return path

    def save_pdf(self) -> None:
        self.when_current(self._ask_and_save)

    def _ask_and_save(self) -> None:
        target = self.ask_save_path(self.texts.save_caption, self.suggested_name(), ".pdf", "Dokument PDF (*.pdf)")
        if target is not None:
            self.save_preview_to(target)

    def save_preview_to(self, target: Path) -> bool:
        """Copy the previewed PDF to `target`; False after telling the clerk why it failed."""
        try:
            shutil.copyfile(self.preview_path, target)
        except OSError as exc:
            QMessageBox.critical(self, "Uložit jako PDF", write_error_message(target, exc))
            return False
        self.status.setText(f"Uloženo do {target}")
        return True

    # -- printing ---------------------------------------------------------------------------------
    def print_document(self) -> None:
        self.when_current(self._ask_and_print)

    def _ask_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.message_title())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare_printer(self, printer: QPrinter) -> None:
        """Name the job and set A4, turned as the first page of the preview is (a wide table lies)."""
        printer.setDocName(self.document_name())
        printer.setFullPage(True)  # the PDF pages carry their own margins
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        first = self.document.pagePointSize(0) if self.document.pageCount() else None
        landscape = first is not None and first.width() > first.height()
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page of the preview onto `printer` (at most 300 dpi); returns the number of
        pages sent, 0 after telling the clerk that the printer could not be started."""
        count = self.document.pageCount()
        painter = QPainter()
        if count == 0 or not painter.begin(printer):
            QMessageBox.critical(self, self.message_title(), "Tiskárnu se nepodařilo připravit k tisku.")
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
        self.status.setText(f"Odesláno na tiskárnu: {pages_text(sent)}.")
        return sent

    def done(self, result: int) -> None:
        self._closed, self._first_pending = True, False
        if self._build is not None:
            self._build.cancel()
            QThreadPool.globalInstance().waitForDone(CLOSE_WAIT_MS)
            self._end_build()
        self.document.close()
        self._workdir.cleanup()
        super().done(result)
