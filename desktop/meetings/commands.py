"""Demo data for the Pracovní skupiny tab and for the directory's empty-database offer.

The demo persons are linked to the demo directory's providers, so on an empty database both demos are
loaded, the directory first (db.meetings.demo.load_meetings_demo links to what it finds).
"""
from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from db.database import Database
from db.directory.demo import load_demo
from db.directory.queries import list_directory
from db.errors import UserError
from db.meetings.demo import groups_are_empty, load_meetings_demo
from desktop.meetings.tab import MeetingsTab
from desktop.widgets.failures import tell_refused


def load_demo_data(parent: QWidget, db: Database, with_directory: bool) -> str | None:
    """Load the meetings demo (and the directory demo first when asked and the directory is empty);
    returns the Czech summary, or None when nothing was loaded (the clerk is told why)."""
    messages = []
    try:
        if with_directory and not db.read(list_directory).providers:
            messages.append(load_demo(db).message())
        if groups_are_empty(db):
            messages.append(load_meetings_demo(db).message())
    except UserError as exc:
        tell_refused(parent, "Ukázková data", exc)
        return None
    return "\n\n".join(messages) or None


def _reload_all(widget: QWidget) -> None:
    for tab in getattr(widget.window(), "tab_list", lambda: [])():
        tab.reload()


def install(tab: MeetingsTab, directory_tab: QWidget | None = None) -> None:
    """Offer "Načíst ukázková data" on the tab's empty page."""
    def load() -> None:
        answer = QMessageBox.question(
            tab, "Ukázková data",
            "Načíst smyšlené pracovní skupiny města Lipová nad Sázavou s jejich členy, jednáními, usneseními "
            "a úkoly? Je-li adresář poskytovatelů prázdný, načte se i ukázkový adresář.\n\n"
            "Ukázková data slouží k vyzkoušení aplikace. Skutečnou evidenci pak založte raději v nové databázi.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        summary = load_demo_data(tab, tab.db, with_directory=True)
        if summary:
            _reload_all(tab) if directory_tab is not None else tab.reload()
            QMessageBox.information(tab, "Ukázková data", summary)

    action = QAction("Načíst ukázková data", tab)
    action.setToolTip("Vyzkoušet aplikaci na smyšlených pracovních skupinách města Lipová nad Sázavou")
    action.triggered.connect(load)
    tab.add_empty_state_actions([action])
