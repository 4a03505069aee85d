"""Soubor → Připojit k databázi na serveru…: the address of a database on a PostgreSQL server, a
*Vyzkoušet spojení* button, recent connections (without passwords) and the password kept in the
system's credential store (the keyring library: Windows Credential Manager, Secret Service on Linux),
never in a settings file. Without a credential store the clerk is told so and types it each time."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)
from sqlalchemy import URL, make_url

from db.database import Database, open_database
from db.errors import DatabaseUnavailable, UserError
from db.server import DEFAULT_PORT, check_connection, server_url
from desktop.widgets.dialog_buttons import dialog_buttons
from desktop.widgets.failures import failure_text

RECENT_KEY = "servers/recent"
MAX_RECENT = 8
KEYRING_SERVICE = "Komunitní plán"
NO_KEYRING = ("Systémové úložiště hesel není v tomto počítači k dispozici; heslo se neuloží a zadáte "
              "je při každém připojení.")


def connection_key(user: str, host: str, port: int, database: str) -> str:
    """How a connection is remembered (recent list, credential store): user@host:port/database."""
    return f"{user}@{host}:{port}/{database}"


def _parse_key(key: str) -> tuple[str, str, int, str] | None:
    user, _, rest = key.partition("@")
    host_port, _, database = rest.partition("/")
    host, _, port = host_port.rpartition(":")
    return (user, host, int(port), database) if host and port.isdigit() and database else None


def saved_password(key: str) -> str | None:
    """The password stored for `key`, or None (nothing stored, or no credential store)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, key)
    except (ImportError, KeyringError, RuntimeError):
        return None


def store_password(key: str, password: str) -> bool:
    """Keep the password in the credential store; False when there is none (nothing is written)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, key, password)
        return True
    except (ImportError, KeyringError, RuntimeError):
        return False


def remember_connection(settings: QSettings, key: str) -> None:
    """Put `key` first in the dialog's list of recent connections."""
    stored = settings.value(RECENT_KEY, []) or []
    stored = [stored] if isinstance(stored, str) else list(stored)
    settings.setValue(RECENT_KEY, [key, *(k for k in stored if k != key)][:MAX_RECENT])


def connect_remembered(parent: QWidget | None, settings: QSettings, address: str) -> Database | None:
    """Open a remembered server database (`address` without a password, from Naposledy otevřené or
    the last session) with the password from the credential store, or without one (libpq's own
    ~/.pgpass / PGPASSWORD may supply it). When the server refuses the login, the dialog opens
    filled in, saying why, and she types the password: None when she cancels it.

    Raises DatabaseRefused / DatabaseUnavailable as open_database does (server unreachable etc.)."""
    url = server_url(address)
    key = connection_key(url.username or "", url.host or "", url.port or DEFAULT_PORT, url.database or "")
    password = saved_password(key)
    target = url.set(password=password) if password else url
    try:
        database = open_database(target.render_as_string(hide_password=False))
    except DatabaseUnavailable as exc:
        if exc.kind != "auth":
            raise
        dialog = ServerConnectDialog(parent, settings, address, message=str(exc))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return open_database(dialog.address())
    remember_connection(settings, key)
    return database


class ServerConnectDialog(QDialog):
    """Asks for the server database; `address()` is the postgresql:// address (with the password)."""

    def __init__(self, parent: QWidget | None, settings: QSettings, address: str | None = None,
                 message: str = ""):
        """`address`: a remembered connection to fill in (postgresql://user@host:port/database);
        `message`: why she is asked (e.g. the server refused the stored password), shown below."""
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Připojit k databázi na serveru")
        self.recent = QComboBox()
        self.recent.addItem("(nové připojení)")
        for key in self._recent_keys():
            self.recent.addItem(key)
        self.recent.activated.connect(self._fill_from_recent)
        self.host = QLineEdit()
        self.host.setPlaceholderText("např. server-uradu nebo 192.168.10.5")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("kp")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Uložit heslo do systémového úložiště hesel")
        self.remember.setChecked(True)
        self.test_button = QPushButton("&Vyzkoušet spojení")
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("Naposledy &použité:", self.recent)
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Databáze:", self.database)
        form.addRow("&Uživatel:", self.user)
        form.addRow("&Heslo:", self.password)
        form.addRow("", self.remember)
        buttons = dialog_buttons(self, "&Připojit", self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        if address is not None:
            self._fill_from_address(address)
        elif self.recent.count() > 1:
            self.recent.setCurrentIndex(1)
            self._fill_from_recent(1)
        if message:
            self.status.setText(message)
            self.password.setFocus()

    def _fill_from_address(self, address: str) -> None:
        url = make_url(address)
        key = connection_key(url.username or "", url.host or "", url.port or DEFAULT_PORT, url.database or "")
        if self.recent.findText(key) < 0:
            self.recent.addItem(key)
        self.recent.setCurrentIndex(self.recent.findText(key))
        self._fill_from_recent(self.recent.currentIndex())

    def _recent_keys(self) -> list[str]:
        stored = self.settings.value(RECENT_KEY, []) or []
        return [stored] if isinstance(stored, str) else list(stored)

    def _fill_from_recent(self, index: int) -> None:
        parsed = _parse_key(self.recent.itemText(index)) if index > 0 else None
        if parsed is None:
            return
        user, host, port, database = parsed
        self.user.setText(user)
        self.host.setText(host)
        self.port.setValue(port)
        self.database.setText(database)
        self.password.setText(saved_password(self.key()) or "")

    def key(self) -> str:
        return connection_key(self.user.text().strip(), self.host.text().strip(), self.port.value(),
                              self.database.text().strip())

    def address(self) -> str:
        """postgresql://user:password@host:port/database, quoted properly (a password with @ or /)."""
        return URL.create("postgresql", username=self.user.text().strip() or None,
                          password=self.password.text() or None, host=self.host.text().strip() or None,
                          port=self.port.value(), database=self.database.text().strip()
                          ).render_as_string(hide_password=False)

    def _missing(self) -> str | None:
        for field, label in ((self.host, "server"), (self.database, "databázi"), (self.user, "uživatele")):
            if not field.text().strip():
                field.setFocus()
                return f"Vyplňte {label}."
        return None

    def test_connection(self) -> bool:
        """Connect without changing anything and show the result below the form."""
        problem = self._missing()
        if problem:
            self.status.setText(problem)
            return False
        try:
            self.status.setText(check_connection(self.address()))
            return True
        except UserError as exc:
            self.status.setText(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown in Czech, details in the log
            self.status.setText(failure_text(exc))
        return False

    def _accept(self) -> None:
        problem = self._missing()
        if problem:
            self.status.setText(problem)
            return
        key = self.key()
        if self.remember.isChecked() and self.password.text() and not store_password(key, self.password.text()):
            self.status.setText(NO_KEYRING)
            self.remember.setChecked(False)
            return  # said once; the next Připojit goes on without storing
        remember_connection(self.settings, key)
        self.accept()
