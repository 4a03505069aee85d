"""Pruhy s logy (funding strips) in Soubor → Nastavení: a name, an image the clerk supplies (e.g. the
ESF logolink) and a text line (e.g. "Projekt … reg. č. CZ.03.2.63/…"). A group or a meeting picks one;
the documents print it on every page. No logo is bundled."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import ConnectionCancelled, UserError
from db.meetings.queries import delete_strip, list_strips, save_strip
from db.meetings.records import StripRecord
from desktop.directory.fields import FieldRow, note_label
from desktop.widgets.dialog_buttons import dialog_buttons
from desktop.widgets.writes import confirm_and_write

MAX_IMAGE_BYTES = 3_000_000


class StripDialog(QDialog):
    def __init__(self, db: Database, record: StripRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._base = record
        self._image = record.image
        self.saved_id: int | None = None
        self.setWindowTitle("Nový pruh s logy" if record.id is None else f"Pruh s logy – {record.name}")
        self.setMinimumWidth(620)
        self.name = QLineEdit(record.name)
        self.name.setPlaceholderText("např. OP Zaměstnanost – projekt KPSS")
        self.text = QLineEdit(record.text)
        self.text.setPlaceholderText("např. Projekt … je spolufinancován EU, reg. č. CZ.03.2.63/0.0/0.0/16_063/0006566")
        self.preview = QLabel()
        self.preview.setMinimumSize(420, 70)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid palette(mid);")
        choose = QPushButton("Vybrat obrázek…")
        remove = QPushButton("Odebrat obrázek")
        choose.clicked.connect(self._choose)
        remove.clicked.connect(self._remove)
        self.name_row = FieldRow(self.name)
        form = QFormLayout()
        form.addRow("Název:", self.name_row)
        form.addRow("Text pod logy:", self.text)
        form.addRow("Obrázek:", self.preview)
        image_buttons = QHBoxLayout()
        image_buttons.addWidget(choose)
        image_buttons.addWidget(remove)
        image_buttons.addStretch(1)
        form.addRow("", image_buttons)
        hint = note_label("Obrázek pruhu s logy (PNG nebo JPEG) dodá poskytovatel dotace; tiskne se přes celou "
                          "šířku stránky dole na každé straně pozvánky, prezenční listiny a zápisu.")
        buttons = dialog_buttons(self, "Uložit", accept=QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._show_image()

    def _show_image(self) -> None:
        pixmap = QPixmap()
        if self._image and pixmap.loadFromData(QByteArray(self._image)):
            self.preview.setPixmap(pixmap.scaled(self.preview.minimumSize(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.clear()
            self.preview.setText("bez obrázku")

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Obrázek pruhu s logy", "", "Obrázky (*.png *.jpg *.jpeg)")
        if name:
            self.set_image_file(Path(name))

    def set_image_file(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, "Obrázek", f"Soubor „{path.name}“ nelze přečíst ({exc.strerror or exc}).")
            return False
        if len(data) > MAX_IMAGE_BYTES or not QPixmap().loadFromData(QByteArray(data)):
            QMessageBox.warning(self, "Obrázek", "Soubor není obrázek PNG nebo JPEG do velikosti 3 MB.")
            return False
        self._image = data
        self._show_image()
        return True

    def _remove(self) -> None:
        self._image = b""
        self._show_image()

    def accept(self) -> None:
        if not self.name.text().strip():
            self.name_row.set_error("Vyplňte název pruhu, podle něj ho vyberete u skupiny nebo jednání.")
            return
        record = replace(self._base, name=self.name.text().strip(), text=self.text.text().strip(), image=self._image)
        try:
            self.saved_id = self.db.write(save_strip, record)
        except ConnectionCancelled:  # she has been told; not a problem of the name
            return
        except UserError as exc:
            self.name_row.set_error(str(exc))
            return
        super().accept()


class StripsBox(QGroupBox):
    """The list of strips with Přidat / Upravit / Smazat; every change is saved at once."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__("Pruhy s logy na dokumentech pracovních skupin", parent)
        self.db = db
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        add, edit, delete = QPushButton("Přidat…"), QPushButton("Upravit…"), QPushButton("Smazat")
        add.clicked.connect(self.add)
        edit.clicked.connect(self.edit)
        delete.clicked.connect(self.delete)
        buttons = QVBoxLayout()
        for button in (add, edit, delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = note_label("Pruhy se ukládají hned po úpravě; skupina nebo jednání si pruh vybírá ve svém formuláři.")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(note)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addLayout(buttons)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for strip in self.db.read(list_strips):
            item = QListWidgetItem(strip.name)
            item.setData(Qt.ItemDataRole.UserRole, strip.id)
            item.setToolTip(strip.text or strip.name)
            self.list.addItem(item)
            if strip.id == select:
                self.list.setCurrentItem(item)
        if self.list.count() == 0:
            item = QListWidgetItem("Žádný pruh – dokumenty se tisknou bez log.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)

    def _current(self) -> StripRecord | None:
        item = self.list.currentItem()
        strip_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((s for s in self.db.read(list_strips) if s.id == strip_id), None)

    def add(self) -> None:
        dialog = StripDialog(self.db, StripRecord(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(dialog.saved_id)

    def edit(self) -> None:
        record = self._current()
        if record is None:
            return
        dialog = StripDialog(self.db, record, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(dialog.saved_id)

    def delete(self) -> None:
        record = self._current()
        if record is None:
            return
        if confirm_and_write(self, "Smazat pruh s logy", f"Smazat pruh „{record.name}“? Skupiny a jednání, "
                             "které ho používají, se budou tisknout bez pruhu.", self.db, delete_strip, record.id):
            self.reload()


