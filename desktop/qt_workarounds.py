"""Workarounds for defects of the Qt bindings that would otherwise crash the running application."""
from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40


def pin_singletons() -> None:
    """Give None, True and False the immortality they have from Python 3.12 (PEP 683).

    PySide6 6.12.0 (stable-ABI wheels) returns None from void methods such as QLineEdit.setText(), and
    the result of Signal.emit() made from Python, without taking a reference, as if these singletons
    were immortal. On Python 3.11 each such call drops a count; after some thousands of calls (a few
    minutes in the editor, or the progress reports of one import) the interpreter aborts with
    "deallocating None" / "bool_dealloc". PySide6-Pdf exists only for 6.12, so an older PySide6 is not
    an option; reserving a huge count keeps them from ever reaching zero.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # immortal there / debug builds lay out objects differently
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in release builds of CPython.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _RESERVE:
            refcount.value += _RESERVE
