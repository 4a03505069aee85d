"""Where the application keeps its files on this computer."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PurePath, PureWindowsPath

import platformdirs

APP_NAME = "KomunitniPlan"
DB_FILENAME = "komunitni-plan.sqlite"


def user_data_dir() -> Path:
    # roaming=True puts it in %APPDATA% on Windows, which the office IT backs up with the profile.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_db_path() -> Path:
    return user_data_dir() / DB_FILENAME


BACKUP_FOLDER = "zalohy"
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def backup_dir_for(db_path: Path) -> Path:
    """Automatic backups of one database: `zalohy/<file name without extension>/` beside it.

    A folder per database, so two databases in one folder never count or prune each other's backups
    and a clerk sees whose a backup is (`zalohy/komunitni-plan/`, `zalohy/ukazka/`)."""
    return db_path.parent / BACKUP_FOLDER / db_path.stem


def adopt_legacy_backups(db_path: Path) -> list[Path]:
    """Move backups of versions before the folder per database (`zalohy/auto-*.sqlite`) into this
    database's folder, when this is the only database in its folder and so certainly their owner.

    With several databases side by side nobody can tell whose they are: they stay where they are (still
    offered by *Obnovit ze zálohy…*, no longer counted or pruned). Returns the new paths; a file that
    cannot be moved stays where it is."""
    legacy = sorted((db_path.parent / BACKUP_FOLDER).glob("auto-*.sqlite"))
    if not legacy or _other_databases_beside(db_path):
        return []
    target = backup_dir_for(db_path)
    moved = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for old in legacy:
            new = target / old.name
            if not new.exists():
                old.rename(new)
                moved.append(new)
    except OSError:
        pass  # a read-only or locked folder: the old backups keep working where they are
    return moved


def _other_databases_beside(db_path: Path) -> bool:
    return any(p.suffix.lower() in DATABASE_SUFFIXES and p.name != db_path.name
               for p in db_path.parent.iterdir() if p.is_file())


SERVER_SCHEMES = ("postgresql:", "postgres:", "postgresql+psycopg:")


def is_server_url(target: object) -> bool:
    """True for a text naming a database on a PostgreSQL server (postgresql://…), not a file."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def is_network_path(path: PurePath) -> bool:
    """A file on another computer: a Windows share (\\\\server\\share) or a mapped network drive; on
    Linux a file on a network file system (NETWORK_FILE_SYSTEMS, read from /proc/self/mountinfo)."""
    if not isinstance(path, PureWindowsPath):
        if sys.platform.startswith("linux") and isinstance(path, Path):
            return mount_fs_type(path, _mountinfo()) in NETWORK_FILE_SYSTEMS
        return False
    if path.drive.startswith("\\\\"):
        return True
    return bool(path.drive) and _drive_type(path.drive + "\\") == _DRIVE_REMOTE


_DRIVE_REMOTE = 4


def _drive_type(root: str) -> int:
    if sys.platform != "win32":
        return 0
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)


# File systems whose locking SQLite cannot rely on (its documentation: "SQLite over a network").
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "ceph", "fuse.glusterfs"}


def _mountinfo() -> str:
    try:
        return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unescape_mount(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in mount points as octal escapes (\040).
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mount_fs_type(path: Path, mountinfo: str) -> str | None:
    """The file system type of the mount holding `path` (which need not exist yet), from the text of
    /proc/self/mountinfo (proc(5): the mount point is the 5th field, the type follows " - ")."""
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        fields, sep, rest = line.partition(" - ")
        parts = fields.split()
        if not sep or len(parts) < 5 or not rest.split():
            continue
        mount_point = _unescape_mount(parts[4])
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, rest.split()[0]
    return best_type
