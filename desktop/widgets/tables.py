"""The read-only lists of the tabs (providers and services, groups, members, meetings, tasks): one row
selected at a time, no editing in the cells, fixed row heights, and the column widths the model's
`columns` ask for."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def read_only_table(proxy: QSortFilterProxyModel) -> QTableView:
    """A table over `proxy`, whose source model has `columns`, each with a `width` in px. Sorting, hidden
    columns and menus are the caller's."""
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.hide()
    # Fixed row heights keep the view from measuring thousands of rows after every keystroke.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
    for column, spec in enumerate(proxy.sourceModel().columns):
        view.setColumnWidth(column, spec.width)
    return view
