"""Záložka Poskytovatelé: the list of services or providers on the left, the editor on the right.

Other features plug their commands in with add_actions() (imports, export, print) and call reload()
after they changed the data.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication, QMainWindow, QMenu, QMenuBar, QMessageBox, QSplitter, QStackedWidget,
    QToolBar, QVBoxLayout, QWidget,
)

from db.database import Database
from db.directory.models import ServiceStatus
from db.directory.queries import (
    DirectoryListing, delete_provider, delete_service, end_services, filter_choices, list_directory, load_provider,
    provider_versions,
)
from db.errors import UserError
from desktop.directory.delete_dialog import DeleteChoice, DeleteDialog
from desktop.directory.editor import DetailEditor
from desktop.directory.list_pane import PROVIDERS, SERVICES, ListPane
from desktop.widgets.base_tab import BaseTab
from desktop.widgets.changed_notice import follow_stored
from desktop.widgets.empty_state import EmptyStatePage
from desktop.widgets.failures import tell_refused
from desktop.widgets.unsaved_changes import ask_unsaved_changes, settle_unsaved

SECTIONS = ("data", "print")
# More providers changed than this (an import): the whole listing is read again rather than in pieces.
PARTIAL_REFRESH_LIMIT = 200
_STATE_KEYS = {"splitter": "directory/splitter", "mode": "directory/mode",
               SERVICES: "directory/services-header", PROVIDERS: "directory/providers-header"}


class DirectoryTab(BaseTab):
    title = "Poskytovatelé"

    def __init__(self, db: Database, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.settings = settings if settings is not None else QSettings()
        self._listing = DirectoryListing()
        self._versions: dict[int, int] = {}  # of the providers in the listing, as it was read
        self._extra: dict[str, list[QAction]] = {section: [] for section in SECTIONS}
        self._needs_data: list[QAction] = []
        self._menu: QMenu | None = None

        self.list_pane = ListPane()
        self.editor = DetailEditor(db)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)

        self._create_actions()
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.empty_state = EmptyStatePage(
            "Adresář poskytovatelů je zatím prázdný",
            "Založte prvního poskytovatele a jeho služby ručně, nebo načtěte údaje z tabulky "
            "či z registru poskytovatelů sociálních služeb.", [self.new_provider_action])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.empty_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)
        self._fill_toolbar()

        self._state_timer = QTimer(self)
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(400)
        self._state_timer.timeout.connect(self._save_view_state)
        self._connect()
        self._load_list()
        self._update_state()
        self._restore_view_state()

    # -- actions, toolbar, menu ---------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.new_provider_action = self._action("Nový poskytovatel", self.new_provider, QKeySequence.StandardKey.New,
                                                "Založit nového poskytovatele (Ctrl+N)")
        self.new_service_action = self._action("Nová služba", self.new_service, "Ctrl+Shift+N",
                                               "Přidat službu otevřenému poskytovateli (Ctrl+Shift+N)")
        self.save_action = self._action("Uložit", self.save, QKeySequence.StandardKey.Save)
        self.find_action = self._action("Najít", self.focus_search, QKeySequence.StandardKey.Find)
        self.delete_action = self._action("Smazat…", self.delete_selected,
                                          tip="Smazat vybranou službu nebo poskytovatele (Del)")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Del must stay the text-editing key in the editor: it only deletes while a list has the focus.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for view in self.list_pane.views.values():
            view.addAction(self.delete_action)

    def _fill_toolbar(self) -> None:
        self.toolbar.clear()
        for action in (self.new_provider_action, self.new_service_action, self.delete_action):
            self.toolbar.addAction(action)
        for section in SECTIONS:
            if self._extra[section]:
                self.toolbar.addSeparator()
                self.toolbar.addActions(self._extra[section])

    def contribute_menus(self, menubar: QMenuBar) -> None:
        self._menu = menubar.addMenu("&Poskytovatelé")
        self._fill_menu()

    def _fill_menu(self) -> None:
        if self._menu is None:
            return
        self._menu.clear()
        self._menu.addActions([self.new_provider_action, self.new_service_action, self.save_action])
        self._menu.addSeparator()
        self._menu.addAction(self.find_action)
        self._menu.addSeparator()
        self._menu.addAction(self.delete_action)
        for section in SECTIONS:
            if self._extra[section]:
                self._menu.addSeparator()
                self._menu.addActions(self._extra[section])

    def add_actions(self, actions: list[QAction], section: str = "data", *, empty_state: bool | None = None,
                    needs_data: bool = False) -> None:
        """Plug in commands of other features.

        section "data" (imports, export, demo data) or "print"; the actions join the Poskytovatelé menu
        and the toolbar, and "data" ones (or any with empty_state=True) are offered on the page shown
        while the directory is empty. The slots should call reload() after changing data.
        """
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}")
        self._extra[section].extend(actions)
        if needs_data:  # export, print: disabled while the directory is empty
            self._needs_data.extend(actions)
            self._update_state()
        if empty_state if empty_state is not None else section == "data":
            self.empty_state.add_actions(actions)
        self._fill_toolbar()
        self._fill_menu()

    def add_empty_state_actions(self, actions: list[QAction]) -> None:
        """Commands offered only on the empty-directory page (loading the demo directory)."""
        self.empty_state.add_actions(actions)

    def is_empty(self) -> bool:
        """No provider in the directory (the page with what to do is shown)."""
        return not self._listing.providers

    def _update_state(self) -> None:
        """Empty-directory page or the list, and which commands make sense now."""
        empty = not self._listing.providers and not self.editor.is_open()
        self.pages.setCurrentWidget(self.empty_state if empty else self.splitter)
        self.new_service_action.setEnabled(self.editor.is_open())
        self.save_action.setEnabled(self.editor.is_dirty())
        self.delete_action.setEnabled(not empty and self._record_to_delete() is not None)
        for action in self._needs_data:
            action.setEnabled(bool(self._listing.providers))

    # -- data ---------------------------------------------------------------------------------------
    def _connect(self) -> None:
        self.list_pane.current_changed.connect(self._row_chosen)
        self.list_pane.mode_changed.connect(self._mode_changed)
        self.editor.saved.connect(self._provider_saved)
        self.editor.delete_service_requested.connect(self.delete_service)
        self.editor.closed.connect(self._update_state)
        self.editor.dirty_changed.connect(lambda _dirty: self._update_state())
        self.splitter.splitterMoved.connect(self._state_timer.start)
        # Smazat follows whatever row is highlighted, however it got there (filtering, reselecting).
        self.list_pane.filter_bar.changed.connect(self._update_state)
        for view in self.list_pane.views.values():
            view.selectionModel().currentRowChanged.connect(lambda *_: self._update_state())
            view.horizontalHeader().sectionResized.connect(self._state_timer.start)
            view.horizontalHeader().sortIndicatorChanged.connect(self._state_timer.start)

    def reload(self) -> None:
        """Read the directory again (after an import or a restore) keeping filters and selection."""
        key = self.list_pane.current_key()
        self._load_list()
        self.editor.refresh_choices()
        if self.editor.is_open() and not self.editor.is_dirty() and self.editor.provider_id is not None:
            if any(p.provider_id == self.editor.provider_id for p in self._listing.providers):
                self.editor.open_provider(self.editor.provider_id, self.editor.current_service_id())
            else:
                self.editor.clear()
        self.list_pane.select_key(key)
        self._update_state()

    def refresh_changed(self, areas: frozenset[str]) -> None:
        """Another clerk (or window) saved: the lists and the choices are read again as the clerk left
        them; the open provider follows quietly unless she has unsaved edits (then a notice)."""
        if not areas & {"directory", "codelists"}:
            return
        view = self.list_pane.view()
        scrolled = (view.verticalScrollBar().value(), view.horizontalScrollBar().value())
        key = self.list_pane.current_key()
        if areas & {"codelists"}:
            self._load_list()
        else:
            self._load_changed_providers()
        self.list_pane.select_key(key)
        view.verticalScrollBar().setValue(scrolled[0])
        view.horizontalScrollBar().setValue(scrolled[1])
        if areas & {"codelists"}:
            self.editor.refresh_choices()
        self._refresh_open_provider()
        self._update_state()

    def _refresh_open_provider(self) -> None:
        provider_id, editor = self.editor.provider_id, self.editor
        if provider_id is not None:
            follow_stored(editor.notice, editor.loaded_version(), lambda: self.db.read(load_provider, provider_id),
                          is_dirty=editor.is_dirty, close=editor.clear, show_quietly=editor.show_stored_quietly)

    def _load_list(self) -> None:
        # Versions first: a save between the two reads makes the listing newer than the versions,
        # and the next refresh merely reads that provider again.
        self._versions = self.db.read(provider_versions)
        listing = self.db.read(list_directory)
        choices = self.db.read(filter_choices)
        self._set_listing(listing)
        self.list_pane.set_choices(choices)

    def _load_changed_providers(self) -> None:
        """Only the providers whose version moved (or that came or went) are read again: another
        clerk's save costs a few milliseconds, not the whole listing of 6,700 services."""
        versions = self.db.read(provider_versions)
        changed = [pid for pid, version in versions.items() if self._versions.get(pid) != version]
        gone = self._versions.keys() - versions.keys()
        if len(changed) > PARTIAL_REFRESH_LIMIT:  # an import: one listing is cheaper than many pieces
            self._load_list()
            return
        if changed or gone:
            part = self.db.read(list_directory, changed) if changed else DirectoryListing()
            self._replace_providers(set(changed) | gone, part)
            self.list_pane.set_choices(self.db.read(filter_choices))
        self._versions = versions

    def set_database(self, db: Database) -> None:
        self.db = db
        self.editor.set_database(db)
        self.reload()

    def _set_listing(self, listing: DirectoryListing) -> None:
        self._listing = listing
        self.list_pane.set_listing(listing)

    def _refresh_provider(self, provider_id: int) -> None:
        """Replace the rows of one provider after it was saved, ended or deleted."""
        part = self.db.read(list_directory, [provider_id])
        choices = self.db.read(filter_choices)
        self._replace_providers({provider_id}, part)
        self.list_pane.set_choices(choices)
        self._update_state()

    def _replace_providers(self, provider_ids: set[int], part: DirectoryListing) -> None:
        """The listing with the rows of `provider_ids` replaced by those in `part` (none: deleted),
        in the lists' models in place: no reset, so nothing of the clerk's view is rebuilt."""
        self._listing = DirectoryListing(
            [p for p in self._listing.providers if p.provider_id not in provider_ids] + part.providers,
            [r for r in self._listing.services if r.provider_id not in provider_ids] + part.services)
        self.list_pane.replace_providers(provider_ids, part, self._listing)

    def _select_open_record(self) -> None:
        if not self.editor.is_open() or self.editor.provider_id is None:
            self.list_pane.select_key(None)
            return
        if self.list_pane.mode == PROVIDERS:
            self.list_pane.select_key(self.editor.provider_id)
            return
        service_id = self.editor.current_service_id()
        if service_id is None:
            service_id = next((r.service_id for r in self._listing.services
                               if r.provider_id == self.editor.provider_id), None)
        self.list_pane.select_key(service_id)

    def _provider_saved(self, provider_id: int) -> None:
        self._refresh_provider(provider_id)
        if self.list_pane.mode == SERVICES and self.editor.current_service_id() is None and not any(
                r.provider_id == provider_id for r in self._listing.services):
            # A provider without services has no row among services: show the providers, or it would
            # seem lost after saving.
            self.list_pane.set_mode(PROVIDERS)
        self._select_open_record()
        self._update_state()
        self._show_status("Uloženo" if self.list_pane.current_key() is not None else
                          "Uloženo – záznam nevyhovuje filtrům, proto není v seznamu vidět")

    def _show_status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 5000)

    # -- choosing records -----------------------------------------------------------------------------
    def _row_chosen(self, mode: str, key: int | None, previous: QModelIndex) -> None:
        if key is None:
            return
        if mode == SERVICES:
            row = self.list_pane.row(SERVICES, key)
            provider_id, service_id = row.provider_id, key
        else:
            provider_id, service_id = key, None
        if provider_id == self.editor.provider_id and self.editor.is_open():
            if service_id is not None:
                self.editor.show_service(service_id)
            else:
                self.editor.show_provider_page()
            self._update_state()
            return
        if not self.confirm_leave_record():
            # Zpět: the record being edited stays selected. Again once the click that chose the other
            # row is fully handled, since the view selects the clicked row after this signal.
            self._select_open_record()
            QTimer.singleShot(0, self, self._select_open_record)
            return
        try:
            self.editor.open_provider(provider_id, service_id)
        except UserError as exc:  # deleted meanwhile by another clerk
            if tell_refused(self, self.title, exc):
                self.reload()
            return
        self.list_pane.select_key(key)
        self._update_state()

    def _mode_changed(self, _mode: str) -> None:
        if self.editor.is_open():
            self._select_open_record()
        self._update_state()
        self._state_timer.start()

    def confirm_leave_record(self) -> bool:
        """The unsaved-changes guard: True when the open record may be left."""
        if not self.editor.is_dirty():
            return True
        if self.editor.is_new():
            message = f"Nový poskytovatel „{self.editor.provider_name()}“ ještě není uložen."
        else:
            message = f"Poskytovatel „{self.editor.provider_name()}“ má neuložené změny."
        return settle_unsaved(ask_unsaved_changes(self, message), self.editor.save, self.editor.discard)

    def can_leave(self) -> bool:
        return self.confirm_leave_record()

    # -- commands ------------------------------------------------------------------------------------
    def open_service(self, provider_id: int, service_id: int) -> bool:
        """Show one service in the editor on request from elsewhere (the booklet's list of entries
        without a phone). The list switches to services and drops its filters so the row is visible;
        False when the clerk keeps unsaved edits of another record or the service is gone."""
        same = provider_id == self.editor.provider_id and self.editor.is_open()
        if not self._bring_to_front() or not (same or self.confirm_leave_record()):
            return False
        self.list_pane.set_mode(SERVICES)
        self.list_pane.filter_bar.clear_filters()
        self.list_pane.filter_bar.search.clear()
        try:
            if same:
                self.editor.show_service(service_id)
            else:
                self.editor.open_provider(provider_id, service_id)
        except UserError as exc:  # deleted meanwhile by another clerk
            if tell_refused(self, self.title, exc):
                self.reload()
            return False
        self.list_pane.select_key(service_id)
        self._update_state()
        return True

    def new_provider(self) -> None:
        if not self._bring_to_front() or not self.confirm_leave_record():
            return
        self.list_pane.select_key(None)
        self.editor.open_new_provider()
        self._update_state()

    def new_service(self) -> None:
        if not self._bring_to_front():
            return
        if not self.editor.is_open():
            QMessageBox.information(self, "Nová služba",
                                    "Nejprve vyberte v seznamu poskytovatele, kterému službu přidáváte, "
                                    "nebo založte nového poskytovatele.")
            return
        self.editor.add_service()

    def save(self) -> None:
        if self._bring_to_front():
            self.editor.save()

    def focus_search(self) -> None:
        if self._bring_to_front():
            self.list_pane.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.list_pane.filter_bar.search.selectAll()

    def delete_selected(self) -> None:
        if not self._bring_to_front():
            return
        key = self._record_to_delete()
        if key is None:
            QMessageBox.information(self, "Smazat",
                                    "Vyberte v seznamu službu nebo poskytovatele, které chcete smazat.")
        elif self.list_pane.mode == SERVICES:
            self.delete_service(key)
        else:
            self.delete_provider(key)

    def _record_to_delete(self) -> int | None:
        """The highlighted row of the list, or else the saved record open in the editor (its row may
        be filtered out), as the list's mode names it: a service or a provider."""
        key = self.list_pane.current_key()
        if key is not None:
            return key
        if self.list_pane.mode == SERVICES:
            return self.editor.current_service_id()
        return self.editor.provider_id if self.editor.is_open() else None

    def delete_service(self, service_id: int) -> None:
        row = self.list_pane.row(SERVICES, service_id)
        if row is None or not self._open_for_deletion(row.provider_id, service_id):
            return
        ended = row.status is ServiceStatus.ENDED
        dialog = DeleteDialog(
            self, "Smazat službu", f"Smazat službu „{row.name}“ poskytovatele „{row.provider_name}“?",
            "Smazaná služba zmizí z adresáře i z jeho historie. "
            "Pokud služba jen skončila, raději ji ukončete: "
            "zůstane v evidenci s datem ukončení a do tištěného přehledu se už nedostane."
            if not ended else "Služba je už ukončená. Smazání nelze vrátit.",
            None if ended else "Ukončit službu")
        choice = dialog.ask()
        if choice is DeleteChoice.CANCEL:
            return
        try:
            if choice is DeleteChoice.END:
                self.db.write(end_services, [service_id], dialog.end_date)
            else:
                self.db.write(delete_service, service_id)
        except UserError as exc:
            tell_refused(self, "Smazat službu", exc)
            return
        self._after_change(row.provider_id, service_id if choice is DeleteChoice.END else None)

    def delete_provider(self, provider_id: int) -> None:
        row = self.list_pane.row(PROVIDERS, provider_id)
        if row is None or not self._open_for_deletion(provider_id, None):
            return
        active = self.editor.active_service_ids()
        services = {0: "", 1: " a jeho službu"}.get(
            row.service_count, f" a jeho {row.service_count} {'služby' if row.service_count < 5 else 'služeb'}")
        dialog = DeleteDialog(
            self, "Smazat poskytovatele", f"Smazat poskytovatele „{row.name}“{services}?",
            "Smazání nelze vrátit. Pokud poskytovatel jen ukončil činnost, raději ukončete jeho služby: "
            "zůstanou v evidenci s datem ukončení a do tištěného přehledu se už nedostanou."
            if active else "Smazání nelze vrátit.",
            "Ukončit všechny služby" if active else None)
        choice = dialog.ask()
        if choice is DeleteChoice.CANCEL:
            return
        try:
            if choice is DeleteChoice.END:
                self.db.write(end_services, active, dialog.end_date)
            else:
                self.db.write(delete_provider, provider_id)
        except UserError as exc:
            tell_refused(self, "Smazat poskytovatele", exc)
            return
        self._after_change(provider_id, None)

    def _open_for_deletion(self, provider_id: int, service_id: int | None) -> bool:
        """Deleting works on the saved record: unsaved edits are settled first, then it is shown."""
        if self.editor.provider_id != provider_id or self.editor.is_dirty():
            if not self.confirm_leave_record():
                return False
            self.editor.open_provider(provider_id, service_id)
        return True

    def _after_change(self, provider_id: int, service_id: int | None) -> None:
        self._refresh_provider(provider_id)
        if any(p.provider_id == provider_id for p in self._listing.providers):
            self.editor.open_provider(provider_id, service_id)
            self._select_open_record()
        else:
            self.editor.clear()
            self.list_pane.select_key(None)
        self._update_state()

    # -- remembered layout ----------------------------------------------------------------------------
    def _restore_view_state(self) -> None:
        splitter = self.settings.value(_STATE_KEYS["splitter"])
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([560, 700])
        for mode in (SERVICES, PROVIDERS):
            state = self.settings.value(_STATE_KEYS[mode])
            view = self.list_pane.views[mode]
            if state is not None and view.horizontalHeader().restoreState(state):
                header = view.horizontalHeader()
                view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.list_pane.set_mode(self.settings.value(_STATE_KEYS["mode"], SERVICES))

    def _save_view_state(self) -> None:
        self.settings.setValue(_STATE_KEYS["splitter"], self.splitter.saveState())
        self.settings.setValue(_STATE_KEYS["mode"], self.list_pane.mode)
        for mode in (SERVICES, PROVIDERS):
            self.settings.setValue(_STATE_KEYS[mode], self.list_pane.views[mode].horizontalHeader().saveState())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.list_pane.view().setFocus()

    def status_text(self) -> str:
        return self.list_pane.count.text()
