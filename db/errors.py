"""Errors the core raises with a message meant for the clerk (Czech), and the translation of the
failures of SQLite and the disk into such messages.

A message shown to the clerk never carries SQL, a traceback or record values: SQLAlchemy puts the
statement and its parameters (names, phone numbers) into str(exc). `describe_failure` builds the
message from the kind of failure only; the caller logs the details.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path


class UserError(Exception):
    """A failure the clerk can understand and act on; str(exc) is the Czech message."""


class DatabaseRefused(UserError):
    """The file cannot be opened as this application's database; it was left untouched."""


class DatabaseEmptied(DatabaseRefused):
    """The database file is empty (0 bytes) although it held data; it may be replaced by a new one
    only when the clerk says so."""


class DatabaseUnavailable(UserError):
    """The database or its disk refused an operation (busy, read-only, full, damaged); nothing was
    saved. `kind` names the cause for the log and for callers: busy, readonly, full, io, damaged, other;
    on a server also connection, disconnected, auth, missing (describe_server_failure)."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


class ConnectionCancelled(DatabaseUnavailable):
    """The connection to the server was lost and the clerk, asked *Zkusit znovu* / *Zrušit*, chose
    *Zrušit*: nothing was saved or read. She has been told already, so callers show no message box of
    their own (desktop/widgets/failures.py tell_refused); kind stays "disconnected"."""

    def __init__(self, message: str):
        super().__init__(message, "disconnected")


class ValidationError(UserError):
    """Input failed validation; `problems` lists (field, Czech message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in problems))


# Primary result codes of SQLite (https://www.sqlite.org/rescode.html); extended codes carry them in
# their low byte.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26
_NOTHING_SAVED = "Nic nebylo uloženo, data zůstala jako předtím."


def busy_message(path: Path | None) -> str:
    where = f"Databázi „{path}“" if path else "Databázi"
    return (f"{where} právě upravuje jiný program nebo jiné okno či příkaz aplikace Komunitní plán "
            f"(např. probíhající import) a neuvolnil ji ani po 10 sekundách čekání. {_NOTHING_SAVED} "
            "Počkejte, až druhá operace skončí, případně zavřete ostatní okna aplikace, a zkuste to znovu.")


def full_message(path: Path | None) -> str:
    where = f" s databází „{path}“" if path else ""
    return (f"Disk{where} je plný. {_NOTHING_SAVED} Uvolněte místo na disku (smažte nepotřebné soubory "
            "nebo staré zálohy ve složce zalohy) a zkuste to znovu.")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def readonly_message(path: Path | None) -> str:
    """Names what cannot be written: the database file itself, or the folder it lies in."""
    if path is not None and path.exists() and not _writable(path):
        return (f"Soubor databáze „{path}“ je jen pro čtení, nelze do něj zapisovat. {_NOTHING_SAVED} "
                "Zrušte ve vlastnostech souboru atribut „jen pro čtení“ (nebo požádejte správce o právo "
                "zápisu), případně zkopírujte databázi na zapisovatelné místo a otevřete kopii.")
    folder = f"Do složky „{path.parent}“" if path is not None else "Do složky s databází"
    return (f"{folder} nelze zapisovat (je jen pro čtení, nebo k ní nemáte právo zápisu); databáze si "
            f"vedle sebe zakládá pomocné soubory. {_NOTHING_SAVED} Požádejte správce o právo zápisu do "
            "složky, nebo databázi zkopírujte na zapisovatelné místo.")


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    # SQLAlchemy wraps the driver's exception in .orig; the cause chain covers our own re-raises.
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, sqlite3.Error):
            return exc
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return None


def _os_error(exc: BaseException) -> OSError | None:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def describe_failure(exc: BaseException, path: Path | None = None,
                     where: str | None = None) -> DatabaseUnavailable | None:
    """The Czech message for a failure of SQLite or of the disk under the database at `path` (or of
    the PostgreSQL server, `where` naming its database for the clerk), or None for anything else (a
    defect, which the caller reports as such)."""
    if isinstance(exc, DatabaseUnavailable):
        return exc
    server_error = _server_error(exc)
    if server_error is not None:
        return describe_server_failure(server_error, where)
    error = _sqlite_error(exc)
    if error is not None:
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(error).lower()
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
            return DatabaseUnavailable(busy_message(path), "busy")
        if code == _SQLITE_FULL or "disk is full" in text:
            return DatabaseUnavailable(full_message(path), "full")
        if code == _SQLITE_READONLY or "readonly database" in text:
            return DatabaseUnavailable(readonly_message(path), "readonly")
        if code == _SQLITE_CANTOPEN or "unable to open database" in text:
            return DatabaseUnavailable(_cantopen_message(path), "readonly")
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return DatabaseUnavailable(_damaged_message(path), "damaged")
        if code == _SQLITE_IOERR or "disk i/o error" in text:
            return DatabaseUnavailable(_io_message(path), "io")
        return None
    os_error = _os_error(exc)
    if os_error is not None:
        if os_error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return DatabaseUnavailable(full_message(path), "full")
        if isinstance(os_error, PermissionError) or os_error.errno == errno.EROFS:
            return DatabaseUnavailable(readonly_message(path), "readonly")
    return None


def _server_error(exc: BaseException) -> BaseException | None:
    # By the module's name, so that SQLite users never import psycopg.
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__module__.split(".")[0] == "psycopg":
            return exc
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return None


# SQLSTATE codes and classes of PostgreSQL (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_BUSY = {"40001", "40P01", "55P03", "57014"}  # serialization, deadlock, lock not available, timeout
_PG_CONNECTION_CLASSES = ("08", "57")  # connection exception, operator intervention (server shut down)
_PG_FULL = {"53100", "53200", "53300"}  # disk full, out of memory, too many connections
_PG_READONLY = {"25006", "42501"}  # read-only transaction, insufficient privilege


def server_lost_message(where: str | None = None) -> str:
    """The message for a connection to the server lost during a read or a save (`where` as in
    describe_server_failure). The transaction died with the connection, so nothing was saved."""
    server = f"Spojení s databází {where}" if where else "Spojení s databází na serveru"
    return (f"{server} se přerušilo nebo server neodpovídá (restart serveru, odpojený kabel, výpadek "
            "sítě). Vaše neuložené úpravy zůstaly ve formuláři; nic nebylo uloženo napůl. Zkontrolujte "
            "připojení k síti (případně se zeptejte správce, zda server běží) a zkuste to znovu.")


def _connect_state(exc: BaseException) -> str:
    # A refused connection has no SQLSTATE in psycopg (no result came back); libpq's text is English.
    text = str(exc).lower()
    if "password authentication failed" in text or "no pg_hba.conf entry" in text or (
            "role" in text and "does not exist" in text) or "password" in text and "supplied" in text:
        return "28000"
    if "database" in text and "does not exist" in text:
        return "3D000"
    return ""


def describe_server_failure(exc: BaseException, where: str | None = None,
                            opening: bool = False) -> DatabaseUnavailable | None:
    """The Czech message for a failure of the PostgreSQL server or the way to it (psycopg's errors;
    `where` names the database for the clerk, e.g. „kp“ na serveru urad:5432), or None for a defect.
    `opening`: the failure came while connecting for the first time (not a lost connection).
    Kinds: connection (cannot connect when opening), disconnected (a connection lost or refused while
    working: server restarted or stopped, network down), auth, missing, busy, full, readonly."""
    state = getattr(exc, "sqlstate", None) or _connect_state(exc)
    if opening and not state and type(exc).__name__ in ("OperationalError", "ConnectionTimeout"):
        return DatabaseUnavailable(
            f"K databázi{' ' + where if where else ''} se nepodařilo připojit: server neběží, není "
            "v síti dostupný, nebo nesouhlasí jeho adresa či port. Zkontrolujte adresu a připojení k síti, "
            "případně se obraťte na správce serveru.", "connection")
    if state.startswith("28"):
        return DatabaseUnavailable(
            "Server databáze odmítl přihlášení: neplatné uživatelské jméno nebo heslo, nebo tento "
            "počítač nemá k databázi přístup. Ověřte údaje u správce serveru.", "auth")
    if state == "3D000":
        return DatabaseUnavailable(
            f"Databáze{' ' + where if where else ''} na serveru neexistuje. Zkontrolujte její název, "
            "případně ji nechte správce serveru založit (postup je v README, oddíl pro správce).", "missing")
    if state in _PG_BUSY:
        return DatabaseUnavailable(
            f"Záznamy právě upravuje jiný uživatel nebo jiná operace (např. import). {_NOTHING_SAVED} "
            "Zkuste to prosím za chvíli znovu.", "busy")
    if state in _PG_FULL:
        return DatabaseUnavailable(
            f"Server databáze je přetížený nebo má plný disk. {_NOTHING_SAVED} Obraťte se na správce "
            "serveru.", "full")
    if state in _PG_READONLY:
        return DatabaseUnavailable(
            f"Uživatel, pod kterým jste k serveru připojena, nemá právo tato data měnit. {_NOTHING_SAVED} "
            "Obraťte se na správce serveru.", "readonly")
    if state.startswith(_PG_CONNECTION_CLASSES) or (not state and type(exc).__name__ in (
            "OperationalError", "InterfaceError", "ConnectionTimeout")):
        return DatabaseUnavailable(server_lost_message(where), "disconnected")
    return None


def _cantopen_message(path: Path | None) -> str:
    if path is not None and not path.parent.is_dir():
        return f"Složka „{path.parent}“ s databází neexistuje nebo není dostupná (odpojený disk?). {_NOTHING_SAVED}"
    return readonly_message(path)


def _damaged_message(path: Path | None) -> str:
    where = f"Databáze „{path}“" if path else "Databáze"
    return (f"{where} je poškozená a nelze ji bezpečně použít. {_NOTHING_SAVED} Obnovte ji ze zálohy "
            "(Soubor → Obnovit ze zálohy…, nebo příkaz restore).")


def _io_message(path: Path | None) -> str:
    where = f" „{path}“" if path else ""
    return (f"Při čtení nebo zápisu databáze{where} selhal disk (odpojený USB disk nebo síťová jednotka?). "
            f"{_NOTHING_SAVED} Zkontrolujte, že je disk připojený, a zkuste to znovu.")
