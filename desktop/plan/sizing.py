"""Initial dialog sizes that never exceed the screen (a 1366 × 768 laptop at 150 % offers 911 × 512)."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def resize_within_screen(widget: QWidget, width: int, height: int, margin: int = 40) -> None:
    """Resize to `width` × `height` px, or to the available screen less `margin` when that is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, available.width() - margin), min(height, available.height() - margin)
    widget.resize(width, height)
