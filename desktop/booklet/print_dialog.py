"""Tisk přehledu: the booklet's options beside a live preview with "Uložit jako PDF…" and "Tisk…"
(desktop/widgets/pdf_preview.py). The PDF is built off the UI thread (worker.BookletBuild) with progress
and Zrušit; a switch of the layout builds it again, and saving or printing changed options first builds
a preview of them, so what is saved or printed is what was seen.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QRadioButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from db.codelists import target_groups
from db.database import Database
from desktop.booklet.content_options import ContentOptions
from desktop.booklet.missing_phones import MissingPhonesPanel
from desktop.booklet.option_editors import ChaptersEditor, OfficesEditor
from desktop.booklet.preview_bar import PreviewBar
from desktop.booklet.worker import BookletBuild
from desktop.widgets.pdf_preview import PdfPreviewDialog, PreviewTexts
from printing.booklet import BuildResult
from printing.booklet.options import (
    FORMAT_A4, FORMAT_A5, ORDER_BY_NAME, ORDER_BY_TYPE, BookletOptions, load_options, save_options,
)
from printing.typography import czech_plural

TEXTS = PreviewTexts(building="Vytvářím přehled…", failed="Přehled se nepodařilo vytvořit.",
                     cancelled="Vytváření přehledu bylo zrušeno.", save_caption="Uložit přehled jako PDF")


class BookletPrintDialog(PdfPreviewDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent, "Tisk přehledu poskytovatelů", "kp-prehled-", TEXTS, progress_title="Tisk přehledu")
        self.db = db
        self.service_to_open: tuple[int, int] | None = None  # (provider, service) chosen in "Bez telefonu"
        self.resize(1180, 780)
        options = db.read(load_options)
        groups = [g.name for g in db.read(target_groups)]
        self.preview_options: BookletOptions | None = None
        self.last_result: BuildResult | None = None

        self.tabs = QTabWidget()
        self.tabs.addTab(self._content_tab(options), "Obálka a úvod")
        self.chapters = ChaptersEditor(groups)
        self.chapters.set_chapters(options.chapters)
        self.tabs.addTab(self.chapters, "Kapitoly")
        self.offices = OfficesEditor()
        self.offices.set_offices(options.offices)
        self.tabs.addTab(self.offices, "Úřady a instituce")
        self.tabs.addTab(self._layout_tab(options), "Vzhled")
        # Under the options, shown only when some entry could not be called: seen before printing.
        self.missing_phones = MissingPhonesPanel()
        self.missing_phones.open_service.connect(self._open_in_directory)
        options_side = QWidget()
        options_layout = QVBoxLayout(options_side)
        options_layout.setContentsMargins(0, 0, 0, 0)
        options_layout.addWidget(self.tabs, 1)
        options_layout.addWidget(self.missing_phones)

        self.refresh_button = QPushButton("Obnovit náhled")
        self.refresh_button.clicked.connect(self._refresh_clicked)
        self.disabled_while_building.append(self.refresh_button)

        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_bar = PreviewBar(self.view)
        self.document.pageCountChanged.connect(self.preview_bar.refresh)
        preview_layout.addWidget(self.preview_bar)
        preview_layout.addWidget(self.view, 1)
        preview_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(options_side)
        splitter.addWidget(preview)
        splitter.setSizes([520, 660])
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        self.add_output_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._sync_imposed()

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
        self.content_options = ContentOptions()
        self.content_options.set_options(options)
        self.content_options.changed.connect(self._layout_switched)
        self.content_options.print_shop.toggled.connect(self._sync_imposed)
        layout.addWidget(self.content_options)
        layout.addStretch(1)
        # A switch of the layout is one deliberate click: show its effect without asking for it.
        for signal in (self.order_by_type.toggled, self.page_format.currentIndexChanged,
                       self.large_print.toggled, self.imposed.toggled):
            signal.connect(self._layout_switched)
        return tab

    def _refresh_clicked(self) -> None:
        self.refresh_preview()  # not connected directly: clicked(bool) would arrive as `then`

    def _layout_switched(self, *_args) -> None:
        if self.preview_path is not None:  # not while the dialog is still being set up
            QTimer.singleShot(0, self.refresh_preview)

    def _sync_imposed(self) -> None:
        # A print shop imposes the pages itself: it gets single pages with bleed.
        possible = self.page_format.currentData() == FORMAT_A5 and not self.content_options.print_shop.isChecked()
        self.imposed.setEnabled(possible)
        if not possible:
            self.imposed.setChecked(False)

    def current_options(self) -> BookletOptions:
        return self.content_options.apply(BookletOptions(
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
        ))

    # -- entries a reader could not call -----------------------------------------------------------
    def _open_in_directory(self, provider_id: int, service_id: int) -> None:
        """Close the dialog (options kept) so that the caller opens the service in the editor."""
        self.db.write(save_options, self.current_options())
        self.service_to_open = (provider_id, service_id)
        self.reject()

    # -- the parts of PdfPreviewDialog ---------------------------------------------------------------
    def create_build(self, out: Path) -> BookletBuild:
        """Remember the options and build the booklet with them."""
        options = self.current_options()
        self.db.write(save_options, options)
        return BookletBuild(self.db, options, out)

    def output_ready(self) -> bool:
        return not self.is_building()  # saving or printing stale options builds the preview first

    def preview_file(self, result: BuildResult) -> Path:
        return result.path

    def show_result(self, build: BookletBuild, result: BuildResult) -> str:
        self.preview_options, self.last_result = build.options, result
        self.missing_phones.set_entries(result.without_phone)
        pages = f"{result.page_count} stran {build.options.page_format.upper()}"
        if result.printed_sides:
            pages += f", brožura na {czech_plural(result.printed_sides // 2, 'list', 'listy', 'listů')} A4"
        services = czech_plural(len(result.service_pages), "služba", "služby", "služeb")
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        return f"{services}, {pages}. Vytvořeno za {seconds} s."

    def when_current(self, action: Callable[[], None]) -> None:
        if self.preview_path is not None and self.preview_options == self.current_options():
            action()
        else:
            self.refresh_preview(then=action)

    def message_title(self) -> str:
        return "Tisk přehledu"

    def document_name(self) -> str:
        return self.preview_options.title

    def suggested_name(self) -> str:
        options = self.preview_options
        suffix = "-brozura" if options.imposed else "-tiskarna" if options.print_shop else ""
        return f"prehled-poskytovatelu-{dt.date.today().year}{suffix}.pdf"

    def prepare_printer(self, printer: QPrinter) -> None:
        """A5 or A4 portrait; an imposed booklet on A4 landscape, both sides turned on the short edge."""
        super().prepare_printer(printer)
        options = self.preview_options
        if options.imposed:
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
            printer.setDuplex(QPrinter.DuplexMode.DuplexShortSide)
        else:
            size = QPageSize.PageSizeId.A5 if options.page_format == FORMAT_A5 else QPageSize.PageSizeId.A4
            printer.setPageSize(QPageSize(size))
            printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def open_print_dialog(parent: QWidget | None, db: Database,
                      open_service: Callable[[int, int], None] | None = None) -> int:
    """Tisk přehledu… (Ctrl+P on the directory tab): modal; returns the dialog's result code. When the
    clerk asks to fix an entry without a phone, `open_service(provider_id, service_id)` runs after the
    dialog has closed."""
    dialog = BookletPrintDialog(db, parent)
    result = dialog.exec()
    if dialog.service_to_open is not None and open_service is not None:
        open_service(*dialog.service_to_open)
    return result
