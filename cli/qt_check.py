"""Before the window starts: are the system libraries Qt needs present? (Linux only.)

PyPI's Qt brings its own Qt libraries but not the X11/OpenGL ones beneath them. Without, say,
libxcb-cursor0, Qt prints an English "could not load the Qt platform plugin" and aborts with a core
dump; without libEGL the import of PySide6 fails with a bare ImportError. Here the Qt libraries and
the platform plugin are loaded first with the system loader, and a missing library is reported in
Czech with the Debian package that provides it. Nothing here imports Qt.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# Shared library → Debian/Ubuntu package (README, "Debian packages a real Qt window needs").
PACKAGES = {
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0", "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-render.so.0": "libxcb-render0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1",
    "libSM.so.6": "libsm6", "libICE.so.6": "libice6",
}
_MISSING = re.compile(r"(lib[\w.+-]+?\.so[.\d]*): cannot open shared object file")


def debian_package(library: str) -> str:
    """The package to install for a missing `library` ("libxcb-cursor.so.0" → "libxcb-cursor0")."""
    if library in PACKAGES:
        return PACKAGES[library]
    # Debian's rule: the soname without ".so", a dash before the version when the name ends in a digit.
    match = re.fullmatch(r"lib(.+?)\.so\.?(\d*)", library)
    if not match:
        return library
    name, version = match[1].lower(), match[2]
    return f"lib{name}{'-' if name[-1:].isdigit() else ''}{version}"


def _library_message(library: str) -> str:
    return (f"Okno aplikace nelze spustit: v systému chybí knihovna {library}, kterou potřebuje Qt. "
            f"Doinstalujte ji příkazem:\n  sudo apt install {debian_package(library)}\n"
            "(Seznam všech potřebných balíčků je v README, oddíl „Debian packages a real Qt window needs“.) "
            "Příkazy na příkazové řádce (python main.py --help) fungují i bez ní.")


def import_problem(exc: ImportError) -> str:
    """Czech message for a failed import of Qt (PySide6 missing, or a library it links against)."""
    match = _MISSING.search(str(exc))
    if match:
        return _library_message(match[1])
    return (f"Okno aplikace nelze spustit: knihovnu Qt (PySide6) nelze načíst ({exc}). Spusťte aplikaci "
            "přes ./run.sh, který potřebné knihovny doinstaluje.")


def missing_library_message(libraries: Iterable[Path]) -> str | None:
    """Load each shared library in turn; the Czech message for the first that cannot load, else None."""
    for path in libraries:
        try:
            ctypes.CDLL(str(path))
        except OSError as exc:
            match = _MISSING.search(str(exc))
            if match is None:
                return (f"Okno aplikace nelze spustit: knihovnu {path.name} systém nenačetl ({exc}). "
                        "Příkazy na příkazové řádce (python main.py --help) fungují i tak.")
            return _library_message(match[1])
    return None


def _qt_libraries() -> list[Path]:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return []
    qt = Path(spec.origin).parent / "Qt"
    wayland_only = os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")
    platform = (os.environ.get("QT_QPA_PLATFORM") or ("wayland" if wayland_only else "xcb")).split(":")[0]
    candidates = [qt / "lib" / f"libQt6{name}.so.6" for name in ("Core", "Gui", "Widgets")]
    candidates.append(qt / "plugins" / "platforms" / f"libq{platform}.so")
    return [path for path in candidates if path.exists()]


def window_problem() -> str | None:
    """Why the window cannot start on this system (Czech), or None; only Linux is checked."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not platform and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("Okno aplikace nelze spustit: není k dispozici grafické prostředí (chybí proměnná DISPLAY). "
                "Spusťte aplikaci v grafickém sezení, nebo použijte příkazy (python main.py --help).")
    return missing_library_message(_qt_libraries())
