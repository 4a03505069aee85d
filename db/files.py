"""Writing files the clerk chose, with messages that say why it failed (Windows refuses to replace a
file that another program holds open, e.g. a table in Excel or a PDF in Acrobat Reader)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

from db.errors import UserError


def write_error_message(path: Path, exc: OSError) -> str:
    """Czech message for a failed write of `path`."""
    if isinstance(exc, PermissionError):
        return (f"Soubor „{path}“ nelze uložit: soubor je otevřený v jiném programu (např. v Excelu nebo "
                "v prohlížeči PDF), nebo do složky nemáte právo zapisovat. Zavřete jej a zkuste to znovu.")
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason:
        return f"Soubor „{path}“ nelze uložit: {reason}"
    return f"Soubor „{path}“ nelze uložit ({exc.strerror or exc})."


# The operating system's own wording is English on many computers; the causes a clerk can fix, in Czech.
_OS_REASONS = {
    errno.ENOSPC: "disk je plný. Uvolněte na něm místo a zkuste to znovu.",
    getattr(errno, "EDQUOT", -1): "překročili jste svou kvótu místa na disku. Uvolněte místo a zkuste to znovu.",
    errno.EROFS: "disk je jen pro čtení (např. CD nebo zamčená karta). Uložte soubor jinam.",
    errno.EEXIST: "v cestě je soubor tam, kde má být složka. Přejmenujte jej nebo zvolte jiné místo.",
    errno.ENOTDIR: "v cestě je soubor tam, kde má být složka. Přejmenujte jej nebo zvolte jiné místo.",
    errno.ENOENT: "složka neexistuje nebo není dostupná (odpojený disk?).",
}


def _process_umask() -> int:
    # Read once at import: os.umask can only be read by setting it, which is not thread-safe later.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _process_umask()


def replace_file(finished: Path, target: Path) -> None:
    """Move the fully written `finished` over `target`; on failure `finished` is removed and `target`
    stays as it was. The file gets ordinary permissions (0666 less the umask, as any program's new
    file): a temporary file is private (0600), and a colleague on the same share must open the result."""
    try:
        os.chmod(finished, 0o666 & ~_UMASK)
        os.replace(finished, target)
    except OSError as exc:
        finished.unlink(missing_ok=True)
        raise UserError(write_error_message(target, exc)) from exc


def same_file(a: Path, b: Path) -> bool:
    """True if both name one file: also through different letter case, 8.3 short names or links."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return Path(a).resolve() == Path(b).resolve()
