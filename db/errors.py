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
    saved. `kind` names the cause for the log and for callers: busy, readonly, full, io, damaged, other."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


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


def describe_failure(exc: BaseException, path: Path | None = None) -> DatabaseUnavailable | None:
    """The Czech message for a failure of SQLite or of the disk under the database at `path`, or None
    for anything else (a defect, which the caller reports as such)."""
    if isinstance(exc, DatabaseUnavailable):
        return exc
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
