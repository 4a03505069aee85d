"""Import z registru MPSV: choose rpss.json, its codelists and the territory; preview; apply.

Reading and writing run in a worker thread behind a QProgressDialog with Cancel, so the window never
freezes; the core does the work (db.registry) and this dialog only asks and shows.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QProgressBar, QProgressDialog, QPushButton, QStackedWidget, QTreeView, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError
from db.registry import (
    ImportCancelled, ImportResult, RegisterCodelists, RegistryPreview, Territory, apply_import, load_codelists,
    plan_import,
)
from desktop.registry.preview_tabs import PreviewTabs
from desktop.registry.task import Task
from desktop.registry.territory_tree import TerritoryFilter, TerritoryModel
from desktop.widgets.failures import failure_text
from desktop.widgets.file_dialogs import start_folder


TITLE = "Import z registru MPSV"
KEY_RPSS, KEY_CODELISTS, KEY_TERRITORY = "registry/rpss", "registry/codelists", "registry/territory"
ERROR_STYLE = "color: #b00020;"


def _browse_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


# Where the clerk gets the files; said in the dialog because the import itself never goes online.
WHERE_TO_DOWNLOAD = (
    "<b>Kde soubory najdu:</b> na počítači s internetem otevřete portál otevřených dat MPSV "
    "(<i>data.mpsv.cz</i>, Otevřená data → Registr poskytovatelů sociálních služeb) a stáhněte dvě věci: "
    "soubor <b>rpss.json</b> (celý registr, asi 100&nbsp;MB, zveřejňuje se každý den) a složku číselníků "
    "<b>ciselniky</b> (druhy služeb, cílové skupiny, formy, kraje, okresy a obce). Uložte je vedle sebe "
    "(např. na flash disk) a přeneste na tento počítač; import sám připojení k internetu nepotřebuje.")

class RegistryImportDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.db = db
        self.settings = settings if settings is not None else QSettings()
        self.preview: RegistryPreview | None = None
        self.result_summary: ImportResult | None = None
        self._task: Task | None = None
        self._progress: QProgressDialog | None = None
        self._phase = ""
        self._codelists: RegisterCodelists | None = None
        self.setWindowTitle(TITLE)
        self.resize(860, 620)  # a preferred size, not a minimum: it must fit a 150 % scaled laptop
        self.stack = QStackedWidget()
        self.stack.addWidget(self._source_page())
        self.stack.addWidget(self._preview_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._restore_settings()

    # -- page 1: file, codelists, territory ----------------------------------------------------------
    def _source_page(self) -> QWidget:
        intro = QLabel("Vyberte soubor <b>rpss.json</b> a složku číselníků <b>ciselniky</b> z otevřených dat "
                       "MPSV a území, jehož služby mají být v adresáři. Před zápisem uvidíte přehled všech změn.")
        where = QLabel(WHERE_TO_DOWNLOAD)
        where.setWordWrap(True)
        where.setObjectName("whereToDownload")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        intro.setWordWrap(True)
        self.rpss_edit = QLineEdit()
        self.rpss_edit.setPlaceholderText("…/rpss.json")
        self.codelists_edit = QLineEdit()
        self.codelists_edit.setPlaceholderText("…/ciselniky")
        rpss_button = QPushButton("Vybrat…")
        rpss_button.clicked.connect(self._choose_rpss)
        codelists_button = QPushButton("Vybrat…")
        codelists_button.clicked.connect(self._choose_codelists)
        files = QFormLayout()
        files.addRow("Soubor registru:", _browse_row(self.rpss_edit, rpss_button))
        files.addRow("Složka číselníků:", _browse_row(self.codelists_edit, codelists_button))

        self.territory_model = TerritoryModel(self)
        self.territory_filter = TerritoryFilter(self)
        self.territory_filter.setSourceModel(self.territory_model)
        self.territory_view = QTreeView()
        self.territory_view.setModel(self.territory_filter)
        self.territory_view.setHeaderHidden(True)
        self.territory_view.setUniformRowHeights(True)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Hledat kraj, okres nebo obec…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search)
        self.selection_label = QLabel()
        self.selection_label.setWordWrap(True)
        territory_box = QGroupBox("Území (zaškrtněte kraj, okres nebo jednotlivé obce)")
        territory_layout = QVBoxLayout(territory_box)
        territory_layout.addWidget(self.search_edit)
        territory_layout.addWidget(self.territory_view, 1)
        territory_layout.addWidget(self.selection_label)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.plan_button = buttons.addButton("Načíst a porovnat", QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan_button.setDefault(True)
        close = buttons.addButton("Zavřít", QDialogButtonBox.ButtonRole.RejectRole)
        self.plan_button.clicked.connect(self.start_planning)
        close.clicked.connect(self.reject)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(files)
        layout.addWidget(territory_box, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.rpss_edit.textChanged.connect(self._on_rpss_changed)
        self.codelists_edit.textChanged.connect(self._on_codelists_changed)
        self.territory_model.territoryChanged.connect(self._on_territory_changed)
        return page

    def _choose_rpss(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Soubor registru rpss.json",
                                              self.rpss_edit.text() or start_folder(),
                                              "Registr (*.json);;Všechny soubory (*)")
        if name:
            self.rpss_edit.setText(name)

    def _choose_codelists(self) -> None:
        start = self.codelists_edit.text() or str(Path(self.rpss_edit.text()).parent)
        folder = QFileDialog.getExistingDirectory(self, "Složka číselníků registru", start)
        if folder:
            self.codelists_edit.setText(folder)

    def _on_rpss_changed(self, text: str) -> None:
        beside = Path(text).expanduser().parent / "ciselniky"
        if text and not self.codelists_edit.text() and beside.is_dir():
            self.codelists_edit.setText(str(beside))
        self._update_plan_button()

    def _on_codelists_changed(self, text: str) -> None:
        keep = self.territory_model.territory()
        self.territory_model.removeRows(0, self.territory_model.rowCount())
        self._codelists = None
        self.error_label.clear()
        if text.strip():
            try:
                self._codelists = load_codelists(text)
            except UserError as exc:
                self.error_label.setText(str(exc))
        if self._codelists is not None:
            self.territory_model.load(self._codelists)
            self.territory_model.set_territory(keep)
        self._on_territory_changed()

    def _on_search(self, text: str) -> None:
        self.territory_filter.set_text(text)
        if text.strip():
            self.territory_view.expandAll()

    def _on_territory_changed(self) -> None:
        territory = self.territory_model.territory()
        self.selection_label.setText(f"Vybráno: {territory.describe(self._codelists)}" if not territory.is_empty()
                                     else "Není vybráno žádné území.")
        self._update_plan_button()

    def _update_plan_button(self) -> None:
        self.plan_button.setEnabled(bool(self.rpss_edit.text().strip())
                                    and not self.territory_model.territory().is_empty())

    # -- settings ----------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        saved = self.settings.value(KEY_TERRITORY, [], type=list)
        self.rpss_edit.setText(str(self.settings.value(KEY_RPSS, "") or ""))
        self.codelists_edit.setText(str(self.settings.value(KEY_CODELISTS, "") or ""))
        self.territory_model.set_territory(Territory.from_ids(saved))
        self._on_territory_changed()

    def _save_settings(self) -> None:
        self.settings.setValue(KEY_RPSS, self.rpss_edit.text().strip())
        self.settings.setValue(KEY_CODELISTS, self.codelists_edit.text().strip())
        self.settings.setValue(KEY_TERRITORY, self.territory_model.territory().ids())
        self.settings.sync()

    # -- page 2: preview ---------------------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = PreviewTabs()
        self.apply_error_label = QLabel()
        self.apply_error_label.setStyleSheet(ERROR_STYLE)
        self.apply_error_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        back = buttons.addButton("Zpět", QDialogButtonBox.ButtonRole.ResetRole)
        self.apply_button = buttons.addButton("Použít", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Zrušit", QDialogButtonBox.ButtonRole.RejectRole)
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.apply_button.clicked.connect(self.start_applying)
        cancel.clicked.connect(self.reject)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.apply_error_label)
        layout.addWidget(buttons)
        return page

    def _show_preview(self, preview: RegistryPreview) -> None:
        self.preview = preview
        scan = preview.scan
        unchanged = preview.changes.unchanged
        lines = [f"Území: {preview.territory_label}. Z {scan.items_total} služeb registru jich zde působí "
                 f"{scan.items_in_territory}" + (f", beze změny je {unchanged}." if unchanged else "."),
                 f"Soubor: {preview.rpss_path}"]
        if preview.has_changes:
            lines.append("Po stisku „Použít“ se změny zapíšou do adresáře; databáze se předtím zazálohuje. "
                         "Údaje doplněné úřadem (popis, provozní doba, kontaktní osoba, poznámky) se nepřepisují.")
        else:
            lines.append("Adresář odpovídá registru, není co měnit.")
        self.summary_label.setText("\n".join(lines))
        self.tabs.show_preview(preview)
        self.apply_button.setEnabled(preview.has_changes)
        self.apply_error_label.clear()
        self.stack.setCurrentIndex(1)

    # -- work in the background --------------------------------------------------------------------
    def start_planning(self) -> None:
        territory = self.territory_model.territory()
        rpss, codelists = self.rpss_edit.text().strip(), self.codelists_edit.text().strip()
        self._save_settings()
        self.error_label.clear()
        db = self.db

        def work(progress, cancelled):
            preview = plan_import(rpss, codelists, territory, db, progress, cancelled)
            preview.changes.sort()  # Czech order costs time on large territories: not on the UI thread
            return preview

        self._start("read", "Čtení souboru registru…", work, self._on_planned, self._on_plan_failed)

    def start_applying(self) -> None:
        preview, db = self.preview, self.db
        self.apply_error_label.clear()
        self._start("write", "Zápis do adresáře…",
                    lambda progress, cancelled: apply_import(preview, db, progress, cancelled),
                    self._on_applied, self._on_apply_failed)

    def _start(self, phase: str, label: str, work, on_success, on_failure) -> None:
        self._phase = phase
        progress = QProgressDialog(label, "Zrušit", 0, 1000, self)
        bar = QProgressBar(progress)
        bar.setFormat("%p\u00a0%")  # Czech writes a space before the per cent sign
        progress.setBar(bar)
        progress.setWindowTitle(TITLE)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        task = Task(work)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        # Not task.cancel directly: the task's thread is busy and would never run a queued call.
        progress.canceled.connect(self._cancel_task)
        self._task, self._progress = task, progress
        progress.show()
        task.start()

    def _cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def is_busy(self) -> bool:
        return self._task is not None

    def _on_progress(self, done: int, total: int) -> None:
        dialog = self._progress
        if dialog is None:
            return
        if self._phase == "read" and done >= total:
            dialog.setLabelText("Soubor přečten, porovnávám s adresářem…")
        elif self._phase == "read":
            dialog.setLabelText(f"Čtení souboru registru: {done / 1e6:.0f} MB z {total / 1e6:.0f} MB")
        else:
            dialog.setLabelText(f"Zápis do adresáře: {done} z {total} záznamů")
        # Last: a modal progress dialog processes events in setValue, which may deliver the task's end
        # and close this dialog (self._progress becomes None) before this method returns.
        dialog.setValue(done * 1000 // max(total, 1))

    def _finish_task(self) -> None:
        if self._task is not None:
            self._task.wait()
            self._task = None
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _on_planned(self, preview: RegistryPreview) -> None:
        self._finish_task()
        self._show_preview(preview)

    def _on_plan_failed(self, exc: Exception) -> None:
        self._finish_task()
        self.error_label.setText(self._message(exc, "Načtení registru se nepodařilo."))

    def _on_applied(self, result: ImportResult) -> None:
        self._finish_task()
        self.result_summary = result
        self.accept()

    def _on_apply_failed(self, exc: Exception) -> None:
        self._finish_task()
        self.apply_error_label.setText(self._message(exc, "Zápis se nepodařil, adresář zůstal beze změny."))

    def _message(self, exc: Exception, fallback: str) -> str:
        if isinstance(exc, ImportCancelled):
            return "Zrušeno. Databáze nebyla změněna."
        if isinstance(exc, UserError):
            return str(exc)
        message = failure_text(exc, self.db.path, fallback)
        QMessageBox.critical(self, TITLE, message)
        return message

    def reject(self) -> None:
        if self._task is not None:  # Cancel first: the worker rolls back, then the dialog may close
            self._task.cancel()
            self._finish_task()
        super().reject()


def run_registry_import(parent: QWidget | None, db: Database) -> bool:
    """Menu "Import z registru MPSV…": True when the directory was changed (callers reload their views)."""
    dialog = RegistryImportDialog(db, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_summary is None:
        return False
    result = dialog.result_summary
    text = result.summary()
    if result.backup is not None:
        text += f"\n\nZáloha databáze před importem: {result.backup}"
    QMessageBox.information(parent, TITLE, text)
    return True
