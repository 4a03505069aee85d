"""Reading rpss.json as a stream: one service item at a time, never the whole ~100 MB file at once.

ijson's C backend (yajl2_c) builds each item in C, which is several times faster than json.load of
the whole file and keeps memory flat. Progress is reported as bytes read of the file size, so the UI
can show a real progress bar, and the caller's cancel flag is checked after every item.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import ijson

from db.errors import UserError
from db.registry.stream_guard import NumberGuard, StringCap

Progress = Callable[[int, int], None]  # (done, total)
Cancel = Callable[[], bool]

READ_CHUNK = 64 * 1024  # yajl's sweet spot: larger buffers fall out of the CPU cache
REPORT_EVERY = 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
# An item of the register has at least one of these; a codelist file (same root shape) has none.
SERVICE_KEYS = frozenset({"identifikator", "portalId", "druhSocialniSluzby", "poskytovatel", "zarizeni"})
NOTHING_CHANGED = "Databáze nebyla změněna."
# The register nests a few levels deep. ijson keeps the path of every open level as a string, so memory
# grows with the square of the depth: a file nested 100 000 deep would exhaust the computer's memory.
MAX_DEPTH = 5000
MAX_DEPTH_TEXT = "5\u00a0000"
DEPTH_PIECE = 1024  # depth is checked this often, so it can overshoot MAX_DEPTH by at most this much


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__(f"Import byl zrušen. {NOTHING_CHANGED}")


def _not_register(path: Path, why: str) -> UserError:
    return UserError(f"Soubor „{path.name}“ není export registru poskytovatelů sociálních služeb (rpss.json): "
                     f"{why}. {NOTHING_CHANGED}")


class _TooDeep(Exception):
    pass


class _CountingReader:
    """File wrapper that reports how many bytes ijson has consumed, refuses absurd nesting, cuts
    oversized strings and (when `numbers` is set) rewrites numbers yajl cannot hold
    (db/registry/stream_guard.py)."""

    def __init__(self, fh, total: int, progress: Progress | None, numbers: bool = False):
        self._fh = fh
        self._total = total
        self._progress = progress
        self.done = fh.tell()
        self._reported = -REPORT_EVERY
        self._depth = 0
        self._strings = StringCap()
        self._numbers = NumberGuard() if numbers else None

    def read(self, size: int = -1) -> bytes:
        while True:
            data = self._fh.read(size)
            out = self._guard(data)
            if out or not data:  # an empty answer would tell ijson the file has ended
                return out

    def _guard(self, data: bytes) -> bytes:
        self._check_depth(data)
        self.done += len(data)
        if self._progress is not None and (self.done - self._reported >= REPORT_EVERY or self.done == self._total):
            self._reported = self.done
            self._progress(self.done, self._total)
        out = self._strings.feed(data)
        if self._numbers is not None:
            out = self._numbers.feed(out) if data else self._numbers.flush()
        return out

    def _check_depth(self, data: bytes) -> None:
        # Brackets inside strings are counted too: C-speed counting matters more than exactness here,
        # and text would need thousands of unmatched brackets to reach the limit.
        opened = data.count(b"[") + data.count(b"{")
        if self._depth + opened <= MAX_DEPTH:  # the usual case: the limit cannot be reached in this chunk
            self._depth = max(0, self._depth + opened - data.count(b"]") - data.count(b"}"))
            return
        for start in range(0, len(data), DEPTH_PIECE):
            piece = data[start:start + DEPTH_PIECE]
            self._depth = max(0, self._depth + piece.count(b"[") + piece.count(b"{")
                              - piece.count(b"]") - piece.count(b"}"))
            if self._depth > MAX_DEPTH:
                raise _TooDeep()


def _start_of_json(fh, path: Path) -> None:
    """Position `fh` at the first byte ijson should see; refuse what is clearly not the register."""
    head = fh.read(4096)
    start = len(UTF8_BOM) if head.startswith(UTF8_BOM) else 0
    body = head[start:].lstrip()
    if not body:
        raise _not_register(path, "soubor je prázdný")
    if body[:1] == b"[":
        raise _not_register(path, "místo objektu s položkami obsahuje seznam")
    if body[:1] != b"{":
        raise _not_register(path, "nejde o soubor ve formátu JSON")
    fh.seek(start)


def iter_register_items(path: Path | str, progress: Progress | None = None,
                        cancel: Cancel | None = None) -> Iterator[dict]:
    """Yield the items of `polozky` one by one.

    Raises UserError when the file is missing, empty, not JSON, truncated or of another shape, and
    ImportCancelled when `cancel()` turns true. Items are yielded before the end of the file is
    known to be sound, so callers must not write anything until the iteration has finished.
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError(f"Soubor „{path}“ neexistuje.")
    total = path.stat().st_size
    count = 0
    try:
        for item in _items(path, total, progress, cancel, numbers=False):
            count += 1
            yield item
    except _NumberOverflow:
        # yajl stops at an integer over 64 bits or a number beyond a double. Read again with such
        # numbers rewritten (slower, so only then), going on after the items already given.
        for index, item in enumerate(_items(path, total, progress, cancel, numbers=True)):
            if index >= count:
                count += 1
                yield item
    if count == 0:
        raise _not_register(path, "neobsahuje žádné služby (seznam „polozky“ chybí nebo je prázdný)")


class _NumberOverflow(Exception):
    pass


def _items(path: Path, total: int, progress: Progress | None, cancel: Cancel | None,
           numbers: bool) -> Iterator[dict]:
    count = 0
    with path.open("rb") as fh:
        _start_of_json(fh, path)
        reader = _CountingReader(fh, total, progress, numbers)
        try:
            for item in ijson.items(reader, "polozky.item", use_float=True, buf_size=READ_CHUNK):
                if cancel is not None and cancel():
                    raise ImportCancelled()
                if count == 0 and not (isinstance(item, dict) and SERVICE_KEYS & item.keys()):
                    raise _not_register(path, "položky nepopisují sociální služby (není to soubor číselníku?)")
                count += 1
                yield item
        except ijson.JSONError as exc:
            if not numbers and "overflow" in str(exc):
                raise _NumberOverflow() from exc
            raise _parse_error(path, _ends_like_json(fh), reader.done, total) from exc
        except _TooDeep:
            raise _not_register(path, f"data jsou vnořená hlouběji než {MAX_DEPTH_TEXT} úrovní, což export registru "
                                      "nikdy nedělá") from None


def _ends_like_json(fh) -> bool:
    fh.seek(max(0, fh.seek(0, 2) - 64))
    return fh.read().rstrip().endswith(b"}")


def _parse_error(path: Path, complete: bool, position: int, total: int) -> UserError:
    # yajl's own message quotes raw bytes of the file; the clerk needs to know what to do instead.
    if not complete:
        return _not_register(path, "soubor je neúplný (nestáhl se celý?); stáhněte jej prosím znovu")
    where = f"zhruba u {position // 1024:,} kB z {total // 1024:,} kB".replace(",", "\u00a0")
    return _not_register(path, f"obsah není platný JSON (chyba {where})" if position < total
                         else "obsah není platný JSON")
