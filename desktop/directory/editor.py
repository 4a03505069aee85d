"""The detail editor on the right: one provider with its services, saved together.

Each service is held as a draft (the state of its form) so the clerk can move between the services of
the provider without losing what was typed; nothing reaches the database until Uložit, and then the
provider with all its services is written in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSplitter,
    QTabWidget, QVBoxLayout, QWidget,
)

from db.database import Database
from db.directory.models import ServiceStatus
from db.directory.queries import add_related_category, editor_choices, load_provider, save_provider
from db.directory.records import PROVIDER_SHAPE, ProviderRecord, ServiceRecord
from db.directory.validation import (
    Problem, duplicate_ico_owner, duplicate_registry_id_owner, ico_duplicate_message, provider_problems,
    registry_id_duplicate_message,
)
from db.errors import UserError, ValidationError
from desktop.directory.conflicts import provider_labels
from desktop.directory.fields import ERROR_COLOR, MUTED_COLOR
from desktop.directory.provider_form import ProviderForm, provider_record, provider_state
from desktop.directory.service_editor import ServiceEditor, service_record, service_state
from desktop.widgets.conflict_dialog import save_resolving_conflicts
from desktop.widgets.editor_frame import build_editor_frame
from desktop.widgets.failures import tell_refused

UNSAVED_COLOR = "#a14a00"
PROVIDER_PAGE, SERVICES_PAGE = 0, 1


@dataclass
class _ServiceDraft:
    base: ServiceRecord
    original: dict | None  # None for a service not saved yet
    state: dict


class DetailEditor(QWidget):
    saved = Signal(int)  # provider id
    closed = Signal()  # nothing is open any more (a new provider was dropped, the record deleted)
    dirty_changed = Signal(bool)
    delete_service_requested = Signal(int)  # id of a saved service

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._choices = db.read(editor_choices)
        self._base = ProviderRecord()
        self._original: dict = {}
        self._drafts: list[_ServiceDraft] = []
        self._current = -1
        self._problems: list[Problem] = []
        self._dirty = False

        self.placeholder = QLabel("Vyberte poskytovatele nebo službu v seznamu vlevo,\n"
                                  "nebo založte nového poskytovatele (Ctrl+N).")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color: {MUTED_COLOR};")

        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.provider_form = ProviderForm(self._choices)
        self.service_editor = ServiceEditor(self._choices)
        self.services = QListWidget()
        self.services.setMinimumWidth(110)
        self.services.setWordWrap(True)
        self.services.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.services.setSpacing(2)
        self.add_service_button = QPushButton("Přidat službu")
        self.delete_service_button = QPushButton("Smazat službu…")
        self.inner_tabs = QTabWidget()
        self.inner_tabs.addTab(self.provider_form, "Poskytovatel")
        self.inner_tabs.addTab(self._services_page(), "Služby")

        frame = build_editor_frame(self, self.title, self.inner_tabs, self.placeholder,
                                   "Uložit poskytovatele a všechny jeho služby (Ctrl+S)")
        self.status, self.discard_button, self.save_button = frame.status, frame.discard_button, frame.save_button
        self.pages, self.notice = frame.pages, frame.notice
        self._connect()

    def _services_page(self) -> QWidget:
        # A splitter, not a fixed width: on a small screen the clerk gives the form the room it needs.
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.services, 1)
        side_layout.addWidget(self.add_service_button)
        side_layout.addWidget(self.delete_service_button)
        self.services_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.services_splitter.setChildrenCollapsible(False)
        self.services_splitter.addWidget(side)
        self.services_splitter.addWidget(self.service_editor)
        self.services_splitter.setStretchFactor(1, 1)
        self.services_splitter.setSizes([125, 500])
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.addWidget(self.services_splitter)
        return page

    def _connect(self) -> None:
        self.provider_form.changed.connect(lambda: self._edited(None))
        self.provider_form.name_edited.connect(lambda _: self._update_title())
        self.provider_form.duplicate_check = self._ico_duplicate
        self.service_editor.changed.connect(lambda: self._edited(self._current))
        self.service_editor.name_edited.connect(self._service_name_edited)
        self.service_editor.duplicate_check = self._registry_id_duplicate
        self.service_editor.new_category_requested.connect(self.add_category)
        self.services.currentRowChanged.connect(self._switch_service)
        self.add_service_button.clicked.connect(self.add_service)
        self.delete_service_button.clicked.connect(self._delete_current_service)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)

    # -- what is open ---------------------------------------------------------------------------
    @property
    def provider_id(self) -> int | None:
        return self._base.id

    def is_open(self) -> bool:
        return self.pages.currentIndex() == 1

    def is_new(self) -> bool:
        return self.is_open() and self._base.id is None

    def current_service_id(self) -> int | None:
        if self.inner_tabs.currentIndex() != SERVICES_PAGE or not 0 <= self._current < len(self._drafts):
            return None
        return self._drafts[self._current].base.id

    def provider_name(self) -> str:
        return self.provider_form.name.text().strip() or self._base.name or "nový poskytovatel"

    def active_service_ids(self) -> list[int]:
        return [d.base.id for d in self._drafts
                if d.base.id is not None and d.base.status is not ServiceStatus.ENDED]

    # -- loading --------------------------------------------------------------------------------
    def open_provider(self, provider_id: int, service_id: int | None = None) -> None:
        """Show the provider as saved; with `service_id` also switch to that service."""
        self._load(self.db.read(load_provider, provider_id))
        if service_id is not None:
            self.show_service(service_id)
        else:
            self.inner_tabs.setCurrentIndex(PROVIDER_PAGE)

    def open_new_provider(self) -> None:
        self._load(ProviderRecord())
        self.inner_tabs.setCurrentIndex(PROVIDER_PAGE)
        self.provider_form.name.setFocus()

    def loaded_version(self) -> int | None:
        """The stored version of the open provider when it was loaded (None: new, or nothing open)."""
        return self._base.version if self.is_open() else None

    def show_stored_quietly(self, record: ProviderRecord) -> None:
        """Another clerk saved the open provider and the form has no unsaved edits: show `record`,
        on the same page, service and scroll position (as after her own save)."""
        position, page = self._current, self.inner_tabs.currentIndex()
        service_id = self.current_service_id()
        scrolled = self._scroll_positions()
        self._load(record)
        if service_id is not None:
            self.show_service(service_id)
        elif 0 <= position < len(self._drafts):
            self.services.setCurrentRow(position)
        self.inner_tabs.setCurrentIndex(page)
        self._restore_scroll_positions(scrolled)

    def _load(self, record: ProviderRecord) -> None:
        self.notice.clear_notice()
        self._base = record
        self._original = provider_state(record)
        self._drafts = [_ServiceDraft(s, service_state(s), service_state(s)) for s in record.services]
        self._problems = []
        self.provider_form.set_state(self._original, record)
        self._current = -1
        self._fill_service_list()
        if self._drafts:
            self.services.setCurrentRow(0)
        else:
            self._show_current_service()
        self.pages.setCurrentIndex(1)
        self._update_title()
        self._update_dirty()

    def clear(self) -> None:
        self.notice.clear_notice()
        self._base = ProviderRecord()
        self._drafts = []
        self._current = -1
        self._problems = []
        self.pages.setCurrentIndex(0)
        self._update_dirty()
        self.closed.emit()

    def set_database(self, db: Database) -> None:
        self.db = db
        self.clear()

    def show_service(self, service_id: int) -> None:
        for row, draft in enumerate(self._drafts):
            if draft.base.id == service_id:
                self.services.setCurrentRow(row)
                break
        self.inner_tabs.setCurrentIndex(SERVICES_PAGE)

    def show_provider_page(self) -> None:
        self.inner_tabs.setCurrentIndex(PROVIDER_PAGE)

    # -- services of the provider ---------------------------------------------------------------
    def _fill_service_list(self) -> None:
        self.services.blockSignals(True)
        self.services.clear()
        for index, draft in enumerate(self._drafts):
            item = QListWidgetItem()
            self.services.addItem(item)
            self._style_item(index)
        self.services.blockSignals(False)
        self.inner_tabs.setTabText(SERVICES_PAGE, f"Služby ({len(self._drafts)})")
        self.delete_service_button.setEnabled(bool(self._drafts))

    def _style_item(self, index: int) -> None:
        draft = self._drafts[index]
        item = self.services.item(index)
        name = draft.state["name"] or "(bez názvu)"
        ended = draft.state["status"] == ServiceStatus.ENDED.value
        has_problem = any(p.service_index == index for p in self._problems)
        item.setText(f"{name} – ukončená" if ended else name)
        item.setToolTip(name)
        if has_problem:
            item.setForeground(QColor(ERROR_COLOR))
            item.setToolTip(f"{name}\nSlužba obsahuje chyby, které je třeba opravit.")
        elif ended:
            item.setForeground(QColor(MUTED_COLOR))
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def _store_current(self) -> None:
        if 0 <= self._current < len(self._drafts):
            self._drafts[self._current].state = self.service_editor.state()

    def _switch_service(self, row: int) -> None:
        self._store_current()
        self._current = row
        self._show_current_service()

    def _show_current_service(self) -> None:
        valid = 0 <= self._current < len(self._drafts)
        self.service_editor.setEnabled(valid)
        if valid:
            draft = self._drafts[self._current]
            self.service_editor.set_state(draft.state, draft.base)
            self.service_editor.show_problems([p for p in self._problems if p.service_index == self._current])

    def _service_name_edited(self, _text: str) -> None:
        if 0 <= self._current < len(self._drafts):
            self._drafts[self._current].state = self.service_editor.state()
            self._style_item(self._current)

    def add_service(self) -> None:
        self._store_current()
        base = ServiceRecord()
        self._drafts.append(_ServiceDraft(base, None, service_state(base)))
        self._fill_service_list()
        self.inner_tabs.setCurrentIndex(SERVICES_PAGE)
        self.services.setCurrentRow(len(self._drafts) - 1)
        self.service_editor.name.setFocus()
        self._update_dirty()

    def _delete_current_service(self) -> None:
        if not 0 <= self._current < len(self._drafts):
            return
        draft = self._drafts[self._current]
        if draft.base.id is not None:
            self.delete_service_requested.emit(draft.base.id)
            return
        # A service not saved yet is only a draft: removing it needs no confirmation.
        del self._drafts[self._current]
        self._current = -1
        self._fill_service_list()
        self.services.setCurrentRow(len(self._drafts) - 1)
        self._show_current_service()
        self._update_dirty()

    def add_category(self) -> None:
        name, ok = QInputDialog.getText(self, "Nová kategorie související služby", "Název kategorie:")
        if not ok:
            return
        try:
            category_id = self.db.write(add_related_category, name)
        except ValidationError as exc:
            QMessageBox.warning(self, "Nová kategorie", exc.problems[0][1])
            return
        self.refresh_choices()
        self.service_editor.set_kind(f"c:{category_id}")

    def refresh_choices(self) -> None:
        """Read the codelists again (another clerk's or a migration's new entries); the open record's
        unsaved edits stay."""
        self._choices = self.db.read(editor_choices)
        self.provider_form.set_choices(self._choices)
        self.service_editor.set_choices(self._choices)

    # -- checks against other records -----------------------------------------------------------
    def _ico_duplicate(self, ico: str) -> str | None:
        owner = self.db.read(duplicate_ico_owner, ico, self._base.id)
        return ico_duplicate_message(ico, owner) if owner else None

    def _registry_id_duplicate(self, registry_id: str) -> str | None:
        registry_id = registry_id.strip()
        if not registry_id:
            return None
        self._store_current()
        for index, draft in enumerate(self._drafts):
            if index != self._current and draft.state["registry_id"] == registry_id:
                return (f"Identifikátor {registry_id} je uveden i u služby „{draft.state['name']}“ "
                        "téhož poskytovatele.")
        owner = self.db.read(duplicate_registry_id_owner, registry_id, self._base.id)
        return registry_id_duplicate_message(registry_id, owner) if owner else None

    # -- dirty state, saving, discarding --------------------------------------------------------
    def is_dirty(self) -> bool:
        if not self.is_open():
            return False
        self._store_current()
        if self._base.id is None:
            return True
        return (self.provider_form.state() != self._original
                or len(self._drafts) != len(self._base.services)
                or any(d.state != d.original for d in self._drafts))

    def _edited(self, service_index: int | None) -> None:
        # A problem found on the last save attempt is forgotten once its part is edited; the inline
        # checks and the next save say whether it is still there.
        if any(p.service_index == service_index for p in self._problems):
            self._problems = [p for p in self._problems if p.service_index != service_index]
            if service_index is not None:
                self._style_item(service_index)
        self._update_dirty()

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        if self._problems:
            count = len(self._problems)
            self.status.setText(f"Záznam nelze uložit: {_errors_phrase(count)}.")
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")
        elif dirty:
            self.status.setText("Neuložené změny" if self._base.id is not None
                                else "Nový záznam – zatím neuložen")
            self.status.setStyleSheet(f"color: {UNSAVED_COLOR};")
        else:
            self.status.setText("")
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _update_title(self) -> None:
        self.title.setText(self.provider_form.name.text().strip() or "Nový poskytovatel")

    def collect(self) -> tuple[ProviderRecord, list[Problem]]:
        """The record the forms describe, and the problems found while reading dates and hours."""
        self._store_current()
        record, problems = provider_record(self.provider_form.state(), self._base)
        for index, draft in enumerate(self._drafts):
            service, service_problems = service_record(draft.state, draft.base, index)
            record.services.append(service)
            problems += service_problems
        return record, problems

    def save(self) -> bool:
        """Validate and save; on problems show them next to the fields and return False."""
        if not self.is_open():
            return True
        record, problems = self.collect()
        problems += self.db.read(provider_problems, record)
        if problems:
            self._show_problems(problems)
            return False
        try:
            action, record, provider_id = save_resolving_conflicts(
                self, lambda r: self.db.write(save_provider, r), record, self._base, PROVIDER_SHAPE,
                provider_labels(self._choices))
        except ValidationError as exc:  # another window changed the data in between
            QMessageBox.warning(self, "Uložit", f"Záznam nelze uložit:\n{exc}")
            return False
        except UserError as exc:
            tell_refused(self, "Uložit", exc)
            return False
        if action != "saved":
            if action == "theirs":
                self._show_stored(record)
            return False
        position, page = self._current, self.inner_tabs.currentIndex()
        scrolled = self._scroll_positions()
        self._load(self.db.read(load_provider, provider_id))
        if 0 <= position < len(self._drafts):
            self.services.setCurrentRow(position)
        self.inner_tabs.setCurrentIndex(page)
        self._restore_scroll_positions(scrolled)  # as in Word: saving leaves the page where it was
        self.saved.emit(provider_id)
        return True

    def _show_stored(self, record: ProviderRecord) -> None:
        """The stored provider in place of her unsaved form (she chose "Převzít vše uložené")."""
        position, page = self._current, self.inner_tabs.currentIndex()
        self._load(record)
        if 0 <= position < len(self._drafts):
            self.services.setCurrentRow(position)
        self.inner_tabs.setCurrentIndex(page)
        self.saved.emit(record.id)

    def _scroll_positions(self) -> tuple[int, int]:
        return (self.provider_form.verticalScrollBar().value(), self.service_editor.verticalScrollBar().value())

    def _restore_scroll_positions(self, positions: tuple[int, int]) -> None:
        self.provider_form.verticalScrollBar().setValue(positions[0])
        self.service_editor.verticalScrollBar().setValue(positions[1])

    def _show_problems(self, problems: list[Problem]) -> None:
        self._problems = problems
        self.provider_form.show_problems([p for p in problems if p.service_index is None])
        for index in range(len(self._drafts)):
            self._style_item(index)
        self._update_dirty()
        self.service_editor.show_problems([p for p in problems if p.service_index == self._current])
        if any(p.service_index is None for p in problems):
            self.inner_tabs.setCurrentIndex(PROVIDER_PAGE)
            self.provider_form.focus_first_error()
            return
        first = min(p.service_index for p in problems)
        self.inner_tabs.setCurrentIndex(SERVICES_PAGE)
        if first != self._current:
            self.services.setCurrentRow(first)
        self.service_editor.focus_first_error()

    def discard(self) -> None:
        """Zrušit změny: back to what was last saved (a new provider is dropped)."""
        if self._base.id is None:
            self.clear()
            return
        position, page = self._current, self.inner_tabs.currentIndex()
        self._load(replace(self._base))
        if 0 <= position < len(self._drafts):
            self.services.setCurrentRow(position)
        self.inner_tabs.setCurrentIndex(page)


def _errors_phrase(count: int) -> str:
    if count == 1:
        return "opravte chybu označenou červeně"
    if count < 5:
        return f"opravte {count} chyby označené červeně"
    return f"opravte {count} chyb označených červeně"
