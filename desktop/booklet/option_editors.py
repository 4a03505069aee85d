"""Editors for the two lists of the booklet options: chapters (with their target groups) and offices."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from printing.booklet_options import ChapterSpec, OfficeContact, default_chapters


def _button_column(*buttons: QPushButton) -> QVBoxLayout:
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    return column


class ChaptersEditor(QWidget):
    """Chapters in print order; the checked target groups decide which services a chapter lists."""

    changed = Signal()

    def __init__(self, target_groups: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self._known_groups = list(target_groups)
        self._chapters: list[ChapterSpec] = []
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_chapter)
        self.add_button = QPushButton("Přidat kapitolu")
        self.remove_button = QPushButton("Odebrat")
        self.up_button = QPushButton("Nahoru")
        self.down_button = QPushButton("Dolů")
        self.reset_button = QPushButton("Výchozí kapitoly")
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.reset_button.clicked.connect(lambda: (self.set_chapters(default_chapters()), self.changed.emit()))
        self.title = QLineEdit()
        self.title.setPlaceholderText("např. Senioři")
        self.title.textEdited.connect(self._title_edited)
        self.groups = QListWidget()
        self.groups.itemChanged.connect(self._groups_edited)

        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(_button_column(self.add_button, self.remove_button, self.up_button, self.down_button,
                                     self.reset_button))
        detail = QFormLayout()
        detail.addRow("Název kapitoly:", self.title)
        hint = QLabel("Služba se zařadí do kapitoly, pokud je určena alespoň jedné zaškrtnuté cílové skupině. "
                      "Služby, které nepatří do žádné kapitoly, se vytisknou v kapitole „Další sociální služby“.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(detail)
        layout.addWidget(QLabel("Cílové skupiny kapitoly:"))
        layout.addWidget(self.groups, 2)
        layout.addWidget(hint)

    def chapters(self) -> list[ChapterSpec]:
        return [ChapterSpec(c.title.strip(), list(c.target_groups)) for c in self._chapters if c.title.strip()]

    def set_chapters(self, chapters: list[ChapterSpec]) -> None:
        self._chapters = [ChapterSpec(c.title, list(c.target_groups)) for c in chapters]
        self._refill(0)

    def _refill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for chapter in self._chapters:
            self.list.addItem(chapter.title or "(bez názvu)")
        self.list.blockSignals(False)
        row = min(row, len(self._chapters) - 1)
        self.list.setCurrentRow(row)
        self._show_chapter(row)

    def _show_chapter(self, row: int) -> None:
        has = 0 <= row < len(self._chapters)
        for widget in (self.title, self.groups, self.remove_button, self.up_button, self.down_button):
            widget.setEnabled(has)
        self.groups.blockSignals(True)
        self.groups.clear()
        chapter = self._chapters[row] if has else None
        self.title.setText(chapter.title if chapter else "")
        extra = [g for g in (chapter.target_groups if chapter else []) if g not in self._known_groups]
        for name in self._known_groups + extra:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = chapter is not None and name in chapter.target_groups
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        self.groups.blockSignals(False)

    def _current(self) -> ChapterSpec | None:
        row = self.list.currentRow()
        return self._chapters[row] if 0 <= row < len(self._chapters) else None

    def _title_edited(self, text: str) -> None:
        chapter = self._current()
        if chapter is not None:
            chapter.title = text
            self.list.currentItem().setText(text or "(bez názvu)")
            self.changed.emit()

    def _groups_edited(self, _item: QListWidgetItem) -> None:
        chapter = self._current()
        if chapter is not None:
            chapter.target_groups = [self.groups.item(i).text() for i in range(self.groups.count())
                                     if self.groups.item(i).checkState() == Qt.CheckState.Checked]
            self.changed.emit()

    def _add(self) -> None:
        self._chapters.append(ChapterSpec("Nová kapitola"))
        self._refill(len(self._chapters) - 1)
        self.title.setFocus()
        self.title.selectAll()
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._chapters):
            del self._chapters[row]
            self._refill(row)
            self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self._chapters) and 0 <= target < len(self._chapters):
            self._chapters[row], self._chapters[target] = self._chapters[target], self._chapters[row]
            self._refill(target)
            self.changed.emit()


_OFFICE_COLUMNS = [("name", "Název"), ("address", "Adresa"), ("phone", "Telefon"), ("email", "E-mail"),
                   ("web", "Web"), ("note", "Čím pomohou")]


class OfficesEditor(QWidget):
    """The chapter "Úřady a instituce, kde Vám poradí": one row per office, edited in place."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = QStandardItemModel(0, len(_OFFICE_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([label for _, label in _OFFICE_COLUMNS])
        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.add_button = QPushButton("Přidat úřad")
        self.remove_button = QPushButton("Odebrat")
        self.up_button = QPushButton("Nahoru")
        self.down_button = QPushButton("Dolů")
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        hint = QLabel("Řádky bez názvu se netisknou. Prázdný seznam: kapitola se vynechá.")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addLayout(_button_column(self.add_button, self.remove_button, self.up_button, self.down_button))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)

    def offices(self) -> list[OfficeContact]:
        result = []
        for r in range(self.model.rowCount()):
            values = {key: (self.model.item(r, c).text() if self.model.item(r, c) else "").strip()
                      for c, (key, _) in enumerate(_OFFICE_COLUMNS)}
            if values["name"]:
                result.append(OfficeContact(**values))
        return result

    def set_offices(self, offices: list[OfficeContact]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for office in offices:
            self.append(office)

    def append(self, office: OfficeContact) -> None:
        self.model.appendRow([QStandardItem(getattr(office, key)) for key, _ in _OFFICE_COLUMNS])

    def _add(self) -> None:
        self.append(OfficeContact(""))
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)
        self.changed.emit()

    def _remove(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.removeRow(row)
            self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.view.currentIndex().row()
        target = row + step
        if row >= 0 and 0 <= target < self.model.rowCount():
            items = self.model.takeRow(row)
            self.model.insertRow(target, items)
            self.view.setCurrentIndex(self.model.index(target, 0))
            self.changed.emit()
