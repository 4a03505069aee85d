"""The left side of the tab: services or providers (switchable), search, filters and counts."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QLabel, QMenu, QStackedWidget, QTableView,
    QToolButton, QVBoxLayout, QWidget,
)

from db.directory.queries import DirectoryListing, FilterChoices
from desktop.directory.fields import MUTED_COLOR
from desktop.directory.filter_bar import FilterBar
from desktop.directory.filter_proxy import DirectoryFilterProxy
from desktop.directory.formatting import count_text
from desktop.directory.table_model import DirectoryTableModel
from desktop.widgets.tables import read_only_table

SERVICES, PROVIDERS = "services", "providers"
DEFAULT_SORT = {SERVICES: 1, PROVIDERS: 0}  # services grouped by provider, providers by name


def _table_view(proxy: DirectoryFilterProxy) -> QTableView:
    view = read_only_table(proxy)
    header = view.horizontalHeader()
    model: DirectoryTableModel = proxy.sourceModel()
    for column, spec in enumerate(model.columns):
        view.setColumnHidden(column, spec.hidden)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: _show_column_menu(view, model, pos))
    header.setSortIndicator(DEFAULT_SORT[model.kind], Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def _show_column_menu(view: QTableView, model: DirectoryTableModel, pos) -> None:
    menu = _column_menu(view, model)
    menu.exec(view.horizontalHeader().mapToGlobal(pos))
    menu.deleteLater()


def _column_menu(view: QTableView, model: DirectoryTableModel) -> QMenu:
    """Right click on the header: choose the columns shown."""
    menu = QMenu(view)
    for column, spec in enumerate(model.columns):
        action = menu.addAction(spec.title)
        action.setCheckable(True)
        action.setChecked(not view.isColumnHidden(column))
        action.setEnabled(column != 0)  # the name column keeps the list readable
        action.toggled.connect(lambda shown, c=column: view.setColumnHidden(c, not shown))
    return menu


class ListPane(QWidget):
    mode_changed = Signal(str)
    # (mode, key of the new current row or None, previous proxy index); the tab may veto and reselect
    current_changed = Signal(str, object, QModelIndex)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.models = {kind: DirectoryTableModel(kind, self) for kind in (SERVICES, PROVIDERS)}
        self.proxies = {kind: DirectoryFilterProxy(model, self) for kind, model in self.models.items()}
        self.views = {kind: _table_view(proxy) for kind, proxy in self.proxies.items()}
        self._syncing = False
        self._chosen: dict[str, int | None] = {SERVICES: None, PROVIDERS: None}

        self.mode_buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for kind, text in ((SERVICES, "Služby"), (PROVIDERS, "Poskytovatelé")):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setProperty("mode", kind)
            button.setMinimumWidth(110)
            self.mode_buttons.addButton(button)
            switch.addWidget(button)
        self.mode_buttons.buttons()[0].setChecked(True)
        self.mode_buttons.buttonToggled.connect(self._mode_toggled)
        switch.addStretch(1)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {MUTED_COLOR};")
        switch.addWidget(self.count)

        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.apply_filter)
        self.stack = QStackedWidget()
        for kind in (SERVICES, PROVIDERS):
            self.stack.addWidget(self.views[kind])
            self.views[kind].selectionModel().currentRowChanged.connect(
                lambda current, previous, k=kind: self._current_row_changed(k, current, previous))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addLayout(switch)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)

    # -- mode -----------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self.mode_buttons.checkedButton().property("mode")

    def set_mode(self, mode: str) -> None:
        for button in self.mode_buttons.buttons():
            if button.property("mode") == mode:
                button.setChecked(True)

    def _mode_toggled(self, button, checked: bool) -> None:
        if checked:
            # Hiding the focused list gives the other one the focus, and Qt then makes its first row
            # current: no choice of the clerk's, so not reported (it would open another record).
            self._syncing = True
            try:
                self.stack.setCurrentWidget(self.views[self.mode])
            finally:
                self._syncing = False
            self.apply_filter()
            self.mode_changed.emit(self.mode)

    def view(self) -> QTableView:
        return self.views[self.mode]

    def proxy(self) -> DirectoryFilterProxy:
        return self.proxies[self.mode]

    # -- content --------------------------------------------------------------------------------
    def set_listing(self, listing: DirectoryListing) -> None:
        self._syncing = True
        try:
            for kind, rows in ((SERVICES, listing.services), (PROVIDERS, listing.providers)):
                self.models[kind].set_rows(rows)
                self.proxies[kind].set_listing(listing)
        finally:
            self._syncing = False
        self.apply_filter()

    def replace_providers(self, provider_ids: set[int], part: DirectoryListing, listing: DirectoryListing) -> None:
        """The rows of `provider_ids` replaced in place by those in `part` (none: deleted); `listing`
        is the whole listing afterwards. The current row, selection, scroll, sort and filters stay."""
        self._syncing = True  # a removed current row makes Qt choose a neighbour: no choice of hers
        try:
            for kind, rows in ((SERVICES, part.services), (PROVIDERS, part.providers)):
                self.proxies[kind].replace_providers(provider_ids, part, listing)
                self.models[kind].replace_providers(provider_ids, rows)
        finally:
            self._syncing = False
        self.update_count()

    def set_choices(self, choices: FilterChoices) -> None:
        self.filter_bar.set_choices(choices)

    def apply_filter(self) -> None:
        # Only the visible list is filtered on each keystroke; the other catches up when shown.
        # When the current row is filtered out, Qt makes a neighbour current: that is no choice of the
        # clerk's, so it is not reported, and the chosen row comes back once the filter shows it again.
        self._syncing = True
        try:
            self.proxy().set_filter(self.filter_bar.current_filter())
        finally:
            self._syncing = False
        self.select_key(self._chosen[self.mode])
        self.update_count()

    def update_count(self) -> None:
        self.count.setText(count_text(self.proxy().rowCount(), self.models[self.mode].rowCount(), self.mode))

    def row(self, mode: str, key: int):
        model = self.models[mode]
        source_row = model.row_of_key(key)
        return model.rows[source_row] if source_row >= 0 else None

    # -- selection ------------------------------------------------------------------------------
    def current_key(self) -> int | None:
        index = self.view().currentIndex()
        return self.proxy().key_at(index.row()) if index.isValid() else None

    def select_key(self, key: int | None) -> bool:
        """Make the row with `key` current in the visible list without telling the tab."""
        view, proxy = self.view(), self.proxy()
        self._chosen[self.mode] = key
        row = proxy.proxy_row_of(key) if key is not None else -1
        self._syncing = True
        try:
            if row < 0:
                view.selectionModel().clear()
                return False
            index = proxy.index(row, 0)
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(index)
            return True
        finally:
            self._syncing = False

    def _current_row_changed(self, kind: str, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing or kind != self.mode:
            return
        key = self.proxies[kind].key_at(current.row()) if current.isValid() else None
        if key is not None:
            self._chosen[kind] = key
        self.current_changed.emit(kind, key, previous)
