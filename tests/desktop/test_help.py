"""Nápověda → Příručka: the clerk's Czech guide opens inside the app, offline, with its screenshots."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from desktop.help_window import GUIDE, HELP_DIR, HelpWindow
from desktop.main_window import MainWindow


@pytest.fixture
def window(show, db, settings):
    return show(MainWindow(db, settings))


def test_help_menu_opens_the_guide_once(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Nápověda")
    assert [a.text().replace("&", "") for a in menu.actions()][:1] == ["Příručka"]
    window.help_action.trigger()
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible() and not guide.isModal()
    window.help_action.trigger()
    assert len(window.findChildren(HelpWindow)) == 1
    text = guide.browser.toPlainText()
    for topic in ("Začínáme", "Import z registru MPSV", "Import z Excelu", "Úpravy záznamů", "Tisk přehledu",
                  "Zálohy", "Obnova ze zálohy", "Pracovní skupiny a Střednědobý plán"):
        assert topic in text, topic
    assert "rpss.json" in text and "ciselniky" in text and "zalohy" in text


def test_every_screenshot_of_the_guide_is_shipped_small_and_loads(qtbot):
    html = GUIDE.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) >= 4
    for name in images:
        path = HELP_DIR / name
        assert path.is_file(), name
        assert path.stat().st_size < 150_000, f"{name} should be a small PNG"
    guide = HelpWindow()
    qtbot.addWidget(guide)
    for name in images:
        loaded = guide.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert loaded is not None and not loaded.isNull(), name


def test_section_links_resolve_inside_the_guide(qtbot):
    html = GUIDE.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([^"]+)"', html))
    for target in re.findall(r'<a href="#([^"]+)"', html):
        assert target in anchors, target
