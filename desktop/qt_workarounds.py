"""Work-arounds for defects of the Qt bindings that would otherwise crash the running application."""
from __future__ import annotations

import ctypes
import sys

_NONE_RESERVE = 1 << 40


def keep_none_alive() -> None:
    """Make None immortal on Python < 3.12.

    PySide6 6.12.0 (stable-ABI wheels) returns None from every void method without taking a reference,
    as if None were immortal, which it is only from Python 3.12. On 3.11 each call such as
    QLineEdit.setText() drops None's reference count by one; after some tens of thousands of calls
    (a few minutes of work in the directory editor) Python aborts with "deallocating None".
    Reserving a huge number of references keeps the count from ever reaching zero.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # None is immortal there / debug builds lay out objects differently
    # ob_refcnt is the first field of every object in release builds of CPython.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _NONE_RESERVE:
        refcount.value += _NONE_RESERVE
