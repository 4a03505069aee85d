"""Osoby: everyone who sits or sat in a group, with search, editing, import from a spreadsheet and
deleting — refused for a person with history, who is marked "no longer active" instead."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError
from db.meetings.queries import deactivate_person, delete_person, list_people, load_person, person_history
from db.meetings.records import PersonRecord
from desktop.directory.fields import MUTED_COLOR
from desktop.meetings.labels import TRIAD_ROLES
from desktop.meetings.membership_dialog import new_person_from_provider
from desktop.meetings.person_dialog import PersonDialog
from desktop.meetings.table_model import Column, RowsProxy, RowsTableModel, current_key, select_key, table_view
from desktop.widgets.failures import tell_refused
from desktop.widgets.writes import confirm_and_write

PEOPLE_COLUMNS = [
    Column("Příjmení a jméno", lambda r: r.sort_name, 190),
    Column("Organizace", lambda r: r.organisation, 200),
    Column("Role v triádě", lambda r: TRIAD_ROLES[r.triad_role], 100),
    Column("E-mail", lambda r: r.email, 170),
    Column("Telefon", lambda r: r.phone, 110),
    Column("Skupiny", lambda r: ", ".join(r.groups), 200),
]


def delete_or_deactivate(db: Database, parent: QWidget, person_id: int, name: str) -> bool:
    """Ask and delete a person, or, when they have history, offer "no longer active"; True if changed."""
    history = db.read(person_history, person_id)
    if history:
        box = QMessageBox(QMessageBox.Icon.Information, "Smazat osobu",
                          f"Osobu „{name}“ nelze smazat: v evidenci má {', '.join(history)} a zápisy musí "
                          "její jméno zachovat.", QMessageBox.StandardButton.Cancel, parent)
        box.setInformativeText("Označit ji jako neaktivní? Její členství ve skupinách skončí dnešním dnem.")
        deactivate = box.addButton("Označit jako neaktivní", QMessageBox.ButtonRole.AcceptRole)
        box.button(QMessageBox.StandardButton.Cancel).setText("Zrušit")
        box.exec()
        if box.clickedButton() is not deactivate:
            return False
        db.write(deactivate_person, person_id)
        return True
    return confirm_and_write(parent, "Smazat osobu", f"Smazat osobu „{name}“? Smazání nelze vrátit.",
                             db, delete_person, person_id)


class PeopleDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.setWindowTitle("Osoby v pracovních skupinách")
        self.resize(1000, 620)
        self.model = RowsTableModel(PEOPLE_COLUMNS, lambda r: r.id, self, muted=lambda r: not r.active)
        self.proxy = RowsProxy(self.model, self)
        self.view = table_view(self.proxy)
        self.view.doubleClicked.connect(lambda _i: self.edit_person())
        self.search = QLineEdit()
        self.search.setPlaceholderText("Hledat jméno, organizaci, e-mail…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.show_inactive = QCheckBox("zobrazit i neaktivní")
        self.show_inactive.toggled.connect(lambda _c: self.reload())
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {MUTED_COLOR};")
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self.search.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, activated=self.new_person)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for text, slot in (("Nová osoba…", self.new_person), ("Z adresáře poskytovatelů…", self.from_directory),
                           ("Upravit…", self.edit_person), ("Smazat…", self.delete_person),
                           ("Import z tabulky…", self.import_people),
                           ("Uložit šablonu tabulky…", self.save_template)):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Zavřít")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        key = select if select is not None else current_key(self.view)
        rows = self.db.read(list_people)
        if not self.show_inactive.isChecked():
            rows = [r for r in rows if r.active]
        self.model.set_rows(rows)
        select_key(self.view, key)
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_text(self.search.text())
        self.count.setText(f"{self.proxy.rowCount()} z {self.model.rowCount()}")

    def _after(self, person_id: int | None) -> None:
        self.changed = True
        self.reload(person_id)

    def new_person(self) -> None:
        editor = PersonDialog(self.db, PersonRecord(), self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self._after(editor.saved_id)

    def from_directory(self) -> None:
        person_id = new_person_from_provider(self.db, self)
        if person_id is not None:
            self._after(person_id)

    def edit_person(self) -> None:
        person_id = current_key(self.view)
        if person_id is None:
            return
        try:
            record = self.db.read(load_person, person_id)
        except UserError as exc:
            if tell_refused(self, "Osoba", exc):
                self.reload()
            return
        editor = PersonDialog(self.db, record, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self._after(person_id)

    def delete_person(self) -> None:
        person_id = current_key(self.view)
        if person_id is None:
            QMessageBox.information(self, "Smazat osobu", "Vyberte v seznamu osobu, kterou chcete smazat.")
            return
        row = self.model.rows[self.model.row_of_key(person_id)]
        if delete_or_deactivate(self.db, self, person_id, row.name):
            self._after(None)

    def save_template(self) -> None:
        from desktop.meetings.people_import import save_template

        save_template(self)

    def import_people(self) -> None:
        from desktop.meetings.people_import import import_people

        if import_people(self, self.db):
            self._after(None)
