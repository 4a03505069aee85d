"""Workarounds for defects of the Qt bindings we depend on."""
from __future__ import annotations

import ctypes
import sys


def pin_bool_singletons() -> None:
    """PySide6 6.12 drops a reference to True on every Signal.emit() made from Python.

    On Python 3.11 True is an ordinary refcounted object, so after a few thousand emits (progress
    reports of an import, say) the interpreter aborts with "bool_dealloc". Python 3.12 made the
    singletons immortal (PEP 683); here we give them the same protection by adding a huge count once.
    PySide6-Pdf exists only for 6.12, so pinning an older PySide6 is not an option.
    """
    if sys.version_info >= (3, 12) or getattr(pin_bool_singletons, "done", False):
        return
    for singleton in (True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    pin_bool_singletons.done = True
