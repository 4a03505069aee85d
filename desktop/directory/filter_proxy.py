"""Filtering the directory list as the clerk types, ignoring case and diacritics.

The core decides which ids match (db.directory.queries.matching_*_ids) in one pass over the listing;
filterAcceptsRow then only looks an id up, because Qt calls it once per row. Sorting is delegated to
the source model, which orders its rows by the Czech keys without calling back through data().
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from db.directory.queries import (
    DirectoryFilter, DirectoryListing, matching_provider_ids, matching_service_ids,
)
from desktop.directory.table_model import SORT_ROLE, DirectoryTableModel


class DirectoryFilterProxy(QSortFilterProxyModel):
    def __init__(self, model: DirectoryTableModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._listing = DirectoryListing()
        self._filter = DirectoryFilter()
        self._accepted: set[int] | None = None
        self.setSortRole(SORT_ROLE)
        self.setSourceModel(model)

    def set_listing(self, listing: DirectoryListing) -> None:
        """New rows were loaded into the source model: recompute the matches."""
        self._listing = listing
        self._refilter()

    def replace_providers(self, provider_ids: set[int], part: DirectoryListing, listing: DirectoryListing) -> None:
        """The rows of `provider_ids` are being replaced by those in `part` (the whole listing is now
        `listing`): only their matches are computed again, before the source model changes, so the
        proxy filters just the inserted and changed rows instead of all of them."""
        self._listing = listing
        if self._accepted is None:  # no filter: every row shows
            return
        match = matching_service_ids if self._model.kind == "services" else matching_provider_ids
        old = {key for key, row in zip(self._model.keys, self._model.rows) if row.provider_id in provider_ids}
        self._accepted = (self._accepted - old) | (match(part, self._filter, dt.date.today()) or set())

    def set_filter(self, directory_filter: DirectoryFilter) -> None:
        if directory_filter != self._filter:
            self._filter = directory_filter
            self._refilter()

    def _refilter(self) -> None:
        match = matching_service_ids if self._model.kind == "services" else matching_provider_ids
        accepted = match(self._listing, self._filter, dt.date.today())
        self._begin_filter_change()
        self._accepted = accepted
        self._end_filter_change()

    def _begin_filter_change(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateRowsFilter() is deprecated there
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        accepted = self._accepted
        return accepted is None or self._model.keys[source_row] in accepted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The proxy keeps the source order (its own sort column stays -1); the source sorts itself.
        self._model.sort(column, order)

    # -- rows by id -------------------------------------------------------------------------------
    def key_at(self, proxy_row: int) -> int | None:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self._model.keys[source.row()] if source.isValid() else None

    def proxy_row_of(self, key: int) -> int:
        source_row = self._model.row_of_key(key)
        if source_row < 0:
            return -1
        return self.mapFromSource(self._model.index(source_row, 0)).row()
