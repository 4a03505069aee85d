"""Soubor → Nastavení…: office details for print and backup retention."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from db import settings as app_settings
from db.database import Database
from db.errors import UserError
from db.images import upright
from db.paths import backup_dir_for
from db.validation import check_email, check_phone, check_web
from desktop.databases import open_backup_folder
from desktop.widgets.file_dialogs import start_folder

MAX_LOGO_BYTES = 2_000_000


def _left_aligned(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


class SettingsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Nastavení")
        self.setMinimumWidth(560)
        office = db.read(app_settings.load_office)
        keep = db.read(app_settings.backup_keep)
        self._logo = office.logo

        self.town = QLineEdit(office.town)
        self.town.setPlaceholderText("např. Město Příbram / ORP Příbram")
        self.department = QLineEdit(office.department)
        self.department.setPlaceholderText("např. Odbor sociálních věcí")
        self.address = QLineEdit(office.address)
        self.address.setPlaceholderText("ulice a číslo, PSČ obec")
        self.phone = QLineEdit(office.phone)
        self.email = QLineEdit(office.email)
        self.web = QLineEdit(office.web)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(160, 80)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid palette(mid);")
        choose = QPushButton("Vybrat obrázek…")
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton("Odebrat")
        remove.clicked.connect(self._remove_logo)

        office_box = QGroupBox("Úřad (tiskne se v přehledu poskytovatelů a dalších dokumentech)")
        form = QFormLayout(office_box)
        form.addRow("Obec / ORP:", self.town)
        form.addRow("Odbor:", self.department)
        form.addRow("Adresa:", self.address)
        form.addRow("Telefon:", self.phone)
        form.addRow("E-mail:", self.email)
        form.addRow("Web:", self.web)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        buttons_col = QVBoxLayout()
        buttons_col.addWidget(choose)
        buttons_col.addWidget(remove)
        buttons_col.addStretch(1)
        logo_row.addLayout(buttons_col)
        logo_row.addStretch(1)
        form.addRow("Logo:", logo_row)

        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setValue(keep)
        self.backup_keep.setFixedWidth(90)
        open_folder = QPushButton("Otevřít složku záloh")
        open_folder.clicked.connect(self._open_backup_folder)
        backup_box = QGroupBox("Automatické zálohy")
        backup_form = QFormLayout(backup_box)
        backup_form.addRow("Počet uchovávaných záloh:", _left_aligned(self.backup_keep))
        folder_label = QLabel(str(backup_dir_for(db.path)))
        folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        backup_form.addRow("Složka:", folder_label)
        backup_form.addRow("", _left_aligned(open_folder))

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Uložit")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Zrušit")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(office_box)
        layout.addWidget(backup_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(QByteArray(self._logo)):
            self.logo_preview.setPixmap(pixmap.scaled(
                self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setText("bez loga")

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Vybrat logo", start_folder(), "Obrázky (*.png *.jpg *.jpeg)")
        if name:
            self.set_logo_file(Path(name))

    def set_logo_file(self, path: Path) -> bool:
        try:
            data = upright(path.read_bytes())
        except (OSError, UserError):
            data = b""
        if not data or len(data) > MAX_LOGO_BYTES or not QPixmap().loadFromData(QByteArray(data)):
            QMessageBox.warning(self, "Logo", "Soubor není obrázek PNG nebo JPEG do velikosti 2 MB.")
            return False
        self._logo = data
        self._show_logo()
        return True

    def _remove_logo(self) -> None:
        self._logo = b""
        self.logo_preview.clear()
        self._show_logo()

    def _open_backup_folder(self) -> None:
        open_backup_folder(self, self.db.path)

    def problems(self) -> list[str]:
        checks = [("Telefon", check_phone(self.phone.text())), ("E-mail", check_email(self.email.text())),
                  ("Web", check_web(self.web.text()))]
        return [f"{field}: {message}" for field, message in checks if message]

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.error_label.setText("\n".join(problems))
            return
        office = app_settings.OfficeDetails(
            town=self.town.text(), department=self.department.text(), address=self.address.text(),
            phone=self.phone.text(), email=self.email.text(), web=self.web.text(), logo=self._logo)
        self.db.write(app_settings.save_settings, office, self.backup_keep.value())
        super().accept()
