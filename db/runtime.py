"""Process-level helpers shared by the core: who is working, and bulk work without GC pauses."""
from __future__ import annotations

import gc
import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager


def current_user() -> str:
    """The OS login name recorded as "changed by"."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in some service and container setups
        return os.environ.get("USERNAME", "") or "neznámý uživatel"


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Bulk work (listing, importing, laying out pages) builds tens of thousands of small objects
    without cycles; the cycle collector would traverse them again and again (a fifth of the run).
    Whatever cycles appear meanwhile are collected afterwards as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
