"""Tisk přehledu: the booklet's options, a live preview, "Uložit jako PDF…" and "Tisk…".

The PDF is built off the UI thread (worker.BookletBuild) into a temporary file that the preview
shows; saving copies that file and printing renders its pages, so what is printed is what was seen.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPlainTextEdit, QProgressDialog, QPushButton, QRadioButton, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from db.codelists import target_groups
from db.database import Database
from db.files import write_error_message
from desktop.booklet.option_editors import ChaptersEditor, OfficesEditor
from desktop.booklet.preview_bar import PreviewBar
from desktop.booklet.worker import BookletBuild
from desktop.widgets.file_dialogs import documents_folder
from printing.booklet import BuildResult
from printing.typography import czech_plural
from printing.booklet.options import (
    FORMAT_A4, FORMAT_A5, ORDER_BY_NAME, ORDER_BY_TYPE, BookletOptions, load_options, save_options,
)

MAX_PRINT_DPI = 300


class BookletPrintDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Tisk přehledu poskytovatelů")
        self.resize(1180, 780)
        options = db.read(load_options)
        groups = [g.name for g in db.read(target_groups)]
        # A preview still open elsewhere (a build outliving the dialog) must not turn closing into an error.
        self._workdir = tempfile.TemporaryDirectory(prefix="kp-prehled-", ignore_cleanup_errors=True)
        self._serial = itertools.count(1)
        self._build: BookletBuild | None = None
        self._progress: QProgressDialog | None = None
        self._then: Callable[[], None] | None = None
        self.preview_path: Path | None = None
        self.preview_options: BookletOptions | None = None
        self.last_result: BuildResult | None = None
        self._closed = False  # a refresh queued by a switch must not start once the dialog is done

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("Náhled se připravuje…")

        self.tabs = QTabWidget()
        self.tabs.addTab(self._content_tab(options), "Obálka a úvod")
        self.chapters = ChaptersEditor(groups)
        self.chapters.set_chapters(options.chapters)
        self.tabs.addTab(self.chapters, "Kapitoly")
        self.offices = OfficesEditor()
        self.offices.set_offices(options.offices)
        self.tabs.addTab(self.offices, "Úřady a instituce")
        self.tabs.addTab(self._layout_tab(options), "Vzhled")

        self.refresh_button = QPushButton("Obnovit náhled")
        self.save_button = QPushButton("Uložit jako PDF…")
        self.print_button = QPushButton("Tisk…")
        close_button = QPushButton("Zavřít")
        self.refresh_button.clicked.connect(self.refresh_preview)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_booklet)
        close_button.clicked.connect(self.reject)

        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_bar = PreviewBar(self.view)
        self.document.pageCountChanged.connect(self.preview_bar.refresh)
        preview_layout.addWidget(self.preview_bar)
        preview_layout.addWidget(self.view, 1)
        preview_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(preview)
        splitter.setSizes([520, 660])
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._sync_imposed()
        QTimer.singleShot(0, self.refresh_preview)

    # -- option widgets ---------------------------------------------------------------------------
    def _content_tab(self, options: BookletOptions) -> QWidget:
        self.title = QLineEdit(options.title)
        self.edition = QLineEdit(options.edition)
        self.edition.setPlaceholderText("např. Vydání 2026")
        self.foreword = QPlainTextEdit(options.foreword)
        self.foreword.setPlaceholderText("Úvodní slovo; odstavce oddělte prázdným řádkem. Prázdné: bez úvodu.")
        self.corrections = QLineEdit(options.corrections_contact)
        self.corrections.setPlaceholderText("prázdné: odbor a kontakty z Nastavení")
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow("Název na obálce:", self.title)
        form.addRow("Vydání / rok:", self.edition)
        form.addRow("Úvodní slovo:", self.foreword)
        form.addRow("Opravy údajů hlásit:", self.corrections)
        note = QLabel("Obec nebo ORP, odbor, kontakty a logo na obálce a v tiráži se přebírají "
                      "z nabídky Soubor → Nastavení.")
        note.setWordWrap(True)
        form.addRow(note)
        return tab

    def _layout_tab(self, options: BookletOptions) -> QWidget:
        self.order_by_type = QRadioButton("podle druhu služby (s nadpisy druhů)")
        self.order_by_name = QRadioButton("podle názvu služby")
        (self.order_by_type if options.order == ORDER_BY_TYPE else self.order_by_name).setChecked(True)
        self.page_format = QComboBox()
        self.page_format.addItem("A5 na výšku (sešitek)", FORMAT_A5)
        self.page_format.addItem("A4 na výšku", FORMAT_A4)
        self.page_format.setCurrentIndex(0 if options.page_format == FORMAT_A5 else 1)
        self.page_format.currentIndexChanged.connect(self._sync_imposed)
        self.large_print = QCheckBox("Zvětšené písmo (pro slabozraké, text 14 bodů)")
        self.large_print.setChecked(options.large_print)
        self.imposed = QCheckBox("Brožura (stránky A5 po dvou na listech A4 na šířku)")
        self.imposed.setChecked(options.imposed)
        imposed_hint = QLabel("Tiskněte oboustranně s otáčením podle kratší strany, stoh listů přeložte "
                              "napůl a sešijte ve hřbetu. Počet stran se doplní prázdnými na násobek čtyř.")
        imposed_hint.setWordWrap(True)
        imposed_hint.setContentsMargins(24, 0, 0, 0)
        order_box = QGroupBox("Řazení služeb v kapitole")
        order_layout = QVBoxLayout(order_box)
        order_layout.addWidget(self.order_by_type)
        order_layout.addWidget(self.order_by_name)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(order_box)
        form = QFormLayout()
        form.addRow("Formát:", self.page_format)
        layout.addLayout(form)
        layout.addWidget(self.large_print)
        self.imposed.setStyleSheet("QCheckBox { padding-top: 4px; }")
        layout.addWidget(self.imposed)
        layout.addWidget(imposed_hint)
        layout.addStretch(1)
        # A switch of the layout is one deliberate click: show its effect without asking for it.
        for signal in (self.order_by_type.toggled, self.page_format.currentIndexChanged,
                       self.large_print.toggled, self.imposed.toggled):
            signal.connect(self._layout_switched)
        return tab

    def _layout_switched(self, *_args) -> None:
        if self.preview_path is not None:  # not while the dialog is still being set up
            QTimer.singleShot(0, self.refresh_preview)

    def _sync_imposed(self) -> None:
        a5 = self.page_format.currentData() == FORMAT_A5
        self.imposed.setEnabled(a5)
        if not a5:
            self.imposed.setChecked(False)

    def current_options(self) -> BookletOptions:
        return BookletOptions(
            title=self.title.text().strip() or BookletOptions().title,
            edition=self.edition.text().strip(),
            foreword=self.foreword.toPlainText().strip(),
            chapters=self.chapters.chapters(),
            offices=self.offices.offices(),
            order=ORDER_BY_TYPE if self.order_by_type.isChecked() else ORDER_BY_NAME,
            page_format=self.page_format.currentData(),
            large_print=self.large_print.isChecked(),
            imposed=self.imposed.isChecked() and self.imposed.isEnabled(),
            corrections_contact=self.corrections.text().strip(),
        )

    # -- building ---------------------------------------------------------------------------------
    def is_building(self) -> bool:
        return self._build is not None

    def refresh_preview(self, then: Callable[[], None] | None = None) -> None:
        """Remember the options and build the preview; `then` runs once it is shown."""
        if self._build is not None or self._closed:
            return
        options = self.current_options()
        self.db.write(save_options, options)
        out = Path(self._workdir.name) / f"nahled-{next(self._serial)}.pdf"
        self._then = then
        self._build = BookletBuild(self.db, options, out)
        self._build.signals.progress.connect(self._on_progress)
        self._build.signals.finished.connect(self._on_finished)
        self._build.signals.failed.connect(self._on_failed)
        self._build.signals.cancelled.connect(self._on_cancelled)
        self._progress = QProgressDialog("Vytvářím přehled…", "Zrušit", 0, 100, self)
        self._progress.setWindowTitle("Tisk přehledu")
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(400)
        self._progress.canceled.connect(self._build.cancel)
        for button in (self.refresh_button, self.save_button, self.print_button):
            button.setEnabled(False)
        self.status.setText("Vytvářím přehled…")
        QThreadPool.globalInstance().start(self._build)

    def _on_progress(self, percent: int, message: str) -> None:
        if self._progress is not None:
            self._progress.setLabelText(message)
            self._progress.setValue(percent)

    def _end_build(self) -> BookletBuild:
        build, self._build = self._build, None
        if self._progress is not None:
            self._progress.canceled.disconnect()
            self._progress.close()
            self._progress = None
        for button in (self.refresh_button, self.save_button, self.print_button):
            button.setEnabled(True)
        return build

    def _on_finished(self, result: BuildResult) -> None:
        build = self._end_build()
        self.document.close()
        old = self.preview_path
        self.document.load(str(result.path))
        self.preview_path, self.preview_options, self.last_result = result.path, build.options, result
        if old is not None and old != result.path:
            with contextlib.suppress(OSError):  # Windows: still held open; the work folder goes at the end
                old.unlink(missing_ok=True)
        pages = f"{result.page_count} stran {build.options.page_format.upper()}"
        if result.printed_sides:
            pages += f", brožura na {czech_plural(result.printed_sides // 2, 'list', 'listy', 'listů')} A4"
        services = czech_plural(len(result.service_pages), "služba", "služby", "služeb")
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        self.status.setText(f"{services}, {pages}. Vytvořeno za {seconds} s.")
        then, self._then = self._then, None
        if then is not None:
            then()

    def _on_failed(self, message: str) -> None:
        self._end_build()
        self._then = None
        self.status.setText("Přehled se nepodařilo vytvořit.")
        QMessageBox.critical(self, "Tisk přehledu", message)

    def _on_cancelled(self) -> None:
        self._end_build()
        self._then = None
        self.status.setText("Vytváření přehledu bylo zrušeno.")

    def _with_fresh_preview(self, action: Callable[[], None]) -> None:
        if self.preview_path is not None and self.preview_options == self.current_options():
            action()
        else:
            self.refresh_preview(then=action)

    # -- save and print ---------------------------------------------------------------------------
    def save_pdf(self) -> None:
        self._with_fresh_preview(self._ask_and_save)

    def _ask_and_save(self) -> None:
        suffix = "-brozura" if self.preview_options.imposed else ""
        suggested = documents_folder() / f"prehled-poskytovatelu-{dt.date.today().year}{suffix}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "Uložit přehled jako PDF", str(suggested),
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

    def print_booklet(self) -> None:
        self._with_fresh_preview(self._ask_and_print)

    def _ask_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Tisk přehledu")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare_printer(self, printer: QPrinter) -> None:
        options = self.preview_options
        printer.setDocName(options.title)
        printer.setFullPage(True)  # the PDF pages carry their own margins
        if options.imposed:
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
            printer.setDuplex(QPrinter.DuplexMode.DuplexShortSide)
        else:
            size = QPageSize.PageSizeId.A5 if options.page_format == FORMAT_A5 else QPageSize.PageSizeId.A4
            printer.setPageSize(QPageSize(size))
            printer.setPageOrientation(QPageLayout.Orientation.Portrait)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page of the preview onto `printer`; returns the number of pages sent."""
        count = self.document.pageCount()
        painter = QPainter()
        if count == 0 or not painter.begin(printer):
            QMessageBox.critical(self, "Tisk přehledu", "Tiskárnu se nepodařilo připravit k tisku.")
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
        self._closed = True
        if self._build is not None:
            self._build.cancel()
            QThreadPool.globalInstance().waitForDone(10_000)
        self.document.close()
        self._workdir.cleanup()
        super().done(result)


def open_print_dialog(parent: QWidget | None, db: Database) -> int:
    """Tisk přehledu… (Ctrl+P on the directory tab): modal; returns the dialog's result code."""
    dialog = BookletPrintDialog(db, parent)
    return dialog.exec()
