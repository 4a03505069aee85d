"""Room for Czech capitals' accents on tab labels.

Fusion (and Windows) draw an unselected tab two pixels lower than the selected one but clip its label
to the same height, which cuts off the háček of „Č“, „Ř“, „Š“ and the čárka of „Ú“: „Členové“ read
„Clenové“. The tabs are made a few pixels taller; the style is otherwise the platform's own.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

EXTRA_HEIGHT_PX = 4


class AccentRoomStyle(QProxyStyle):
    def sizeFromContents(self, kind, option, size, widget=None):
        result = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_TabBarTab:
            result.setHeight(result.height() + EXTRA_HEIGHT_PX)
        return result


def install(app: QApplication) -> None:
    """Wrap the application's style once (the tests' qapp may pass here more than once)."""
    if isinstance(app.style(), AccentRoomStyle):
        return
    style = AccentRoomStyle(app.style().name())
    app.setStyle(style)
