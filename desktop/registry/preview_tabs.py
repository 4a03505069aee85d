"""The preview of a register import as tabs: Nové, Změněné, Ukončené a zmizelé, Chybné záznamy, Upozornění."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTabWidget, QTreeView, QWidget,
)

from db.registry import RecordIssue, RegistryPreview


def _row(*texts: str) -> list[QStandardItem]:
    items = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setToolTip(text)
        items.append(item)
    return items


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as the wrapped text: QTreeView asks for a row's height without the column's width."""

    MARGIN = 8

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view
        view.header().sectionResized.connect(lambda *_: view.scheduleDelayedItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = self._view.columnWidth(index.column()) - self.MARGIN
        text = index.data() or ""
        if width <= 0 or not text:
            return hint
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + 4))


def _view(headers: list[str], tree: bool = False, wrap: bool = False) -> tuple[QTreeView, QStandardItemModel]:
    """`wrap`: the last column holds sentences (a reason, a warning) the clerk must read whole."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(headers)
    view = QTreeView()
    view.setModel(model)
    view.setRootIsDecorated(tree)
    view.setWordWrap(wrap)
    view.setUniformRowHeights(not wrap)
    if wrap:
        view.setItemDelegate(_WrappingDelegate(view))
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    model.setParent(view)
    return view, model


def _fit(view: QTreeView, widths: list[int]) -> None:
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


class PreviewTabs(QTabWidget):
    """Read-only views of a RegistryPreview; the titles carry the counts."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)

    def show_preview(self, preview: RegistryPreview) -> None:
        while self.count():
            widget = self.widget(0)
            self.removeTab(0)
            widget.deleteLater()
        self.addTab(self._new(preview), f"Nové ({len(preview.new_providers) + len(preview.new_services)})")
        self.addTab(self._changed(preview), f"Změněné ({len(preview.changed)})")
        self.addTab(self._ended(preview), f"Ukončené a zmizelé ({len(preview.ended)})")
        self.addTab(self._issues(preview.malformed, "Důvod"), f"Chybné záznamy ({len(preview.malformed)})")
        self.addTab(self._issues(preview.warnings, "Upozornění"), f"Upozornění ({len(preview.warnings)})")

    @staticmethod
    def _new(preview: RegistryPreview) -> QTreeView:
        view, model = _view(["Název", "Identifikace", "Poskytovatel"], tree=True)
        providers = _row(f"Noví poskytovatelé ({len(preview.new_providers)})", "", "")
        for ref in preview.new_providers:
            providers[0].appendRow(_row(ref.name, ref.key, ""))
        services = _row(f"Nové služby ({len(preview.new_services)})", "", "")
        for ref in preview.new_services:
            services[0].appendRow(_row(ref.name, ref.key, ref.provider))
        model.appendRow(providers)
        model.appendRow(services)
        view.expandAll()
        _fit(view, [420, 170])
        return view

    @staticmethod
    def _changed(preview: RegistryPreview) -> QTreeView:
        view, model = _view(["Záznam / údaj", "Dosavadní hodnota", "Nová hodnota"], tree=True)
        for record in preview.changed:
            suffix = f" ({record.ref.provider})" if record.ref.provider else ""
            parent = _row(f"{record.kind} {record.ref.key} – {record.ref.name}{suffix}", "", "")
            for change in record.changes:
                parent[0].appendRow(_row(change.label, change.old, change.new))
            model.appendRow(parent)
        for row in range(model.rowCount()):
            view.setFirstColumnSpanned(row, model.invisibleRootItem().index(), True)
        view.expandAll()
        _fit(view, [260, 300])
        return view

    @staticmethod
    def _ended(preview: RegistryPreview) -> QTreeView:
        view, model = _view(["Název", "Identifikace", "Poskytovatel", "Důvod"], wrap=True)
        for ended in preview.ended:
            model.appendRow(_row(ended.ref.name, ended.ref.key, ended.ref.provider, ended.reason()))
        _fit(view, [260, 150, 170])
        return view

    @staticmethod
    def _issues(issues: list[RecordIssue], what: str) -> QTreeView:
        view, model = _view(["Záznam registru č.", "Identifikátor", what], wrap=True)
        for issue in issues:
            model.appendRow(_row(issue.portal_id or "", issue.registry_id or "", issue.message))
        _fit(view, [130, 110])
        return view
