"""Editors for the two lists of the booklet options: chapters (with their target groups) and offices."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from db.directory.opening_hours import days_from_week, week_from_days
from db.validation import check_email, check_phone, check_web
from desktop.directory.service_parts import HoursEditor
from printing.booklet.options import ChapterSpec, OfficeContact, default_chapters, starter_offices


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


_OFFICE_FIELDS = [("name", "Název:", "např. Úřad práce ČR – kontaktní pracoviště Lipová"),
                  ("address", "Adresa:", "ulice a číslo, PSČ obec"),
                  ("phone", "Telefon:", "více čísel oddělte středníkem"),
                  ("email", "E-mail:", ""), ("web", "Web:", "")]
_OFFICE_CHECKS = {"phone": check_phone, "email": check_email, "web": check_web}


TO_FILL = "(doplnit kontakty)"
OWN_HINT = "Název, kontakty a úřední hodiny vlastního odboru se upravují v nabídce Soubor → Nastavení."


class OfficesEditor(QWidget):
    """The chapter "Úřady a instituce, kde Vám poradí": a list of offices and a form for the chosen one.

    A form rather than a table: an office has six fields, office hours and a sentence of its own, which
    a table cell in half a dialog would cut off. Offices of the starter list without any contact are
    marked in the list and not printed until filled in; the own department is read-only here (its
    details come from Nastavení).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._offices: list[OfficeContact] = []
        self.list = QListWidget()
        # Long names are shortened in the middle, so "(doplnit kontakty)" at the end stays in sight.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.currentRowChanged.connect(self._show_office)
        self.add_button = QPushButton("Přidat úřad")
        self.remove_button = QPushButton("Odebrat")
        self.up_button = QPushButton("Nahoru")
        self.down_button = QPushButton("Dolů")
        self.starter_button = QPushButton("Základní úřady")
        self.starter_button.setToolTip("Přidá úřady, na které se občané obracejí nejčastěji (Úřad práce, OSSZ, "
                                       "matrika…), s prázdnými kontakty k doplnění; ty, které v seznamu už "
                                       "jsou, nepřidá znovu.")
        self.starter_button.clicked.connect(self.add_starter_offices)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, placeholder in _OFFICE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(lambda text, key=key: self._edited(key, text))
            self.fields[key] = edit
            form.addRow(label, edit)
        self.hours = HoursEditor(self)
        self.hours.changed.connect(self._hours_edited)
        form.addRow(QLabel("Úřední hodiny:"))
        self.hours.add_rows(form)
        form.addRow("", self.hours.copy_button)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("např. příspěvek na péči, dávky pomoci v hmotné nouzi")
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.note.textChanged.connect(lambda: self._edited("note", self.note.toPlainText()))
        form.addRow("Čím pomohou:", self.note)
        self.own_hint = QLabel(OWN_HINT)
        self.own_hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a40000;")
        hint = QLabel("Úřady bez adresy, telefonu, e-mailu i webu (šedé, „doplnit kontakty“) se netisknou: "
                      "doplňte je, nebo je odeberte. Prázdný seznam: kapitola se vynechá.")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(_button_column(self.add_button, self.remove_button, self.up_button, self.down_button,
                                     self.starter_button))
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.own_hint)
        details_layout.addLayout(form)
        details_layout.addWidget(self.problem)
        # Seven days of hours under the contacts: at 1024×768 the form scrolls rather than squeezes.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(scroll, 2)
        layout.addWidget(hint)
        self._show_office(-1)

    def offices(self) -> list[OfficeContact]:
        return [dataclasses.replace(o, **{k: getattr(o, k).strip() for k in ("name", "address", "phone", "email",
                                                                                "web", "note", "hours")})
                for o in self._offices if o.name.strip()]

    def set_offices(self, offices: list[OfficeContact]) -> None:
        self._offices = [dataclasses.replace(o) for o in offices]
        self._refill(0)

    def append(self, office: OfficeContact) -> None:
        self._offices.append(dataclasses.replace(office))
        self._refill(len(self._offices) - 1)

    def add_starter_offices(self) -> int:
        """Append the starter list's offices not listed yet (by name); returns how many were added.
        For a booklet saved before the starter list existed, and for a clerk who removed too many."""
        names = {o.name.strip().casefold() for o in self._offices}
        has_own = any(o.own for o in self._offices)
        new = [o for o in starter_offices(has_own) if o.name.casefold() not in names]
        if new:
            self._offices += new
            self._refill(len(self._offices) - len(new))
            self.changed.emit()
        return len(new)

    def _label(self, office: OfficeContact) -> str:
        name = office.name.strip() or "(bez názvu)"
        if office.own:
            return f"{name} (z Nastavení)"
        return name if office.is_filled else f"{name} {TO_FILL}"

    def _refill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for office in self._offices:
            item = QListWidgetItem(self._label(office))
            item.setToolTip(self._label(office))
            if not office.is_filled:
                item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = min(row, len(self._offices) - 1)
        self.list.setCurrentRow(row)
        self._show_office(row)

    def _show_office(self, row: int) -> None:
        office = self._offices[row] if 0 <= row < len(self._offices) else None
        editable = office is not None and not office.own
        for widget in (*self.fields.values(), self.note, *self.hours.days, self.hours.copy_button):
            widget.setEnabled(editable)
        for widget in (self.remove_button, self.up_button, self.down_button):
            widget.setEnabled(office is not None)
        self.own_hint.setVisible(office is not None and office.own)
        for key, edit in self.fields.items():
            edit.setText(getattr(office, key) if office else "")
        for widget in (self.note, self.hours):
            widget.blockSignals(True)
        self.note.setPlainText(office.note if office else "")
        self.hours.set_state(days_from_week(office.hours) if office else ("",) * 7)
        for widget in (self.note, self.hours):
            widget.blockSignals(False)
        self.note.setEnabled(office is not None)
        self._check(office)

    def _current(self) -> OfficeContact | None:
        row = self.list.currentRow()
        return self._offices[row] if 0 <= row < len(self._offices) else None

    def _edited(self, key: str, text: str) -> None:
        office = self._current()
        if office is None:
            return
        setattr(office, key, text)
        self.list.currentItem().setText(self._label(office))
        self._check(office)
        self.changed.emit()

    def _hours_edited(self) -> None:
        office = self._current()
        if office is None or office.own:
            return
        try:
            office.hours = week_from_days(self.hours.state())
        except ValueError:
            return  # the day's row says what is wrong once the clerk leaves it
        self.changed.emit()

    def _check(self, office: OfficeContact | None) -> None:
        """A mistyped contact is pointed out at once; it still prints as typed."""
        problems = [message for key, check in _OFFICE_CHECKS.items()
                    if office is not None and (message := check(getattr(office, key)))]
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))

    def _add(self) -> None:
        self.append(OfficeContact(""))
        self.fields["name"].setFocus()
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._offices):
            del self._offices[row]
            self._refill(row)
            self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self._offices) and 0 <= target < len(self._offices):
            self._offices[row], self._offices[target] = self._offices[target], self._offices[row]
            self._refill(target)
            self.changed.emit()
