"""Nápověda → Příručka: the clerk's short Czech guide (resources/help/prirucka.html), read offline.

Shown in a QTextBrowser inside the app, so it needs no browser and works on a PC without internet;
links to other pages of the guide and its screenshots resolve in resources/help/.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import resources

HELP_DIR = Path(resources.__file__).parent / "help"
GUIDE = HELP_DIR / "prirucka.html"


class HelpWindow(QDialog):
    """A non-modal window beside the main one, so the clerk can read and work at the same time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Příručka – Komunitní plán")
        self.setModal(False)
        self.resize(860, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._external_link)
        self.browser.setSearchPaths([str(HELP_DIR)])
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Zavřít")
        buttons.rejected.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.browser.setFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _external_link(self, url: QUrl) -> None:
        # Pages of the guide open here; a web address (none is needed offline) goes to the browser.
        if url.scheme() in ("http", "https", "mailto"):
            self.browser.setSource(self.browser.source())
            QDesktopServices.openUrl(url)

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)


def show_help(parent: QWidget, anchor: str = "") -> HelpWindow:
    """Open (or raise) the guide, optionally at a section such as "zalohy"."""
    window = parent.findChild(HelpWindow)
    if window is None:
        window = HelpWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    if anchor:
        window.show_section(anchor)
    return window
