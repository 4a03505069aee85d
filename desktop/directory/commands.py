"""Commands of other features plugged into the Poskytovatelé tab: imports, export, demo data, print."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from db.directory.demo import load_demo
from db.errors import UserError
from desktop.databases import demo_db_path
from desktop.booklet.print_dialog import open_print_dialog
from desktop.directory import spreadsheet_dialogs
from desktop.directory.tab import DirectoryTab
from desktop.registry.import_dialog import run_registry_import
from desktop.widgets.failures import tell_refused


def install(tab: DirectoryTab) -> None:
    def action(text: str, slot: Callable[[], None], tip: str = "") -> QAction:
        act = QAction(text, tab)
        act.setToolTip(tip or text)
        act.triggered.connect(slot)
        return act

    def changing(run: Callable[..., bool]) -> Callable[[], None]:
        """An import replaces records the editor may hold: settle unsaved edits first, reload after."""
        def slot() -> None:
            if tab.confirm_leave_record() and run(tab.window(), tab.db):
                tab.reload()
        return slot

    registry = action("Import z registru MPSV…", changing(run_registry_import),
                      "Načíst poskytovatele a služby z otevřených dat registru MPSV (rpss.json)")
    spreadsheet = action("Import z tabulky…", changing(spreadsheet_dialogs.import_spreadsheet),
                         "Načíst poskytovatele a služby z tabulky Excel (.xlsx) nebo CSV")
    export = action("Export do tabulky…", lambda: spreadsheet_dialogs.export_spreadsheet(tab.window(), tab.db),
                    "Uložit celý adresář do tabulky Excel (.xlsx) nebo CSV")
    template = action("Uložit šablonu tabulky…", lambda: spreadsheet_dialogs.save_template(tab.window(), tab.db),
                      "Uložit prázdnou tabulku se sloupci pro import")
    tab.add_actions([registry, spreadsheet], "data")
    tab.add_actions([export], "data", empty_state=False, needs_data=True)
    tab.add_actions([template], "data", empty_state=False)
    tab.add_empty_state_actions([action("Načíst ukázková data", lambda: _load_demo(tab),
                                        "Vyzkoušet aplikaci na smyšleném adresáři města Lipová nad Sázavou")])

    print_action = action("Tisk přehledu…", lambda: open_print_dialog(tab.window(), tab.db, tab.open_service),
                          "Vytisknout přehled poskytovatelů sociálních služeb (Ctrl+P)")
    print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    tab.addAction(print_action)
    tab.print_action = print_action
    tab.add_actions([print_action], "print", needs_data=True)


def _load_demo(tab: DirectoryTab) -> None:
    """The demo goes into its own file by default (desktop/databases.py demo_db_path), so fictional
    records never end up in the database where she starts her real directory."""
    switch = getattr(tab.window(), "switch_database", None)
    box = QMessageBox(QMessageBox.Icon.Question, "Ukázková data",
                      "Načíst smyšlený adresář města Lipová nad Sázavou (asi 40 poskytovatelů a 80 služeb) "
                      "a jeho pracovní skupiny s jednáními?",
                      parent=tab)
    box.setInformativeText(
        f"Ukázková data se otevřou ve vlastní databázi „{demo_db_path().name}“; do své databáze se "
        "vrátíte příkazem Soubor → Naposledy otevřené." if switch else
        "Ukázková data slouží k vyzkoušení aplikace.")
    own = box.addButton("Otevřít v ukázkové databázi", QMessageBox.ButtonRole.AcceptRole) if switch else None
    here = box.addButton("Načíst do této databáze", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Zrušit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(own or here)
    box.exec()
    if box.clickedButton() is own and own is not None:
        if not switch(demo_db_path()):
            return
        if not tab.is_empty():  # loaded on an earlier try: just show it
            return
    elif box.clickedButton() is not here:
        return
    try:
        summary = load_demo(tab.db)
    except UserError as exc:
        tell_refused(tab, "Ukázková data", exc)
        return
    message = summary.message()
    # The demo working groups belong to the same invented town: on an empty database they come too.
    from desktop.meetings.commands import load_demo_data
    meetings = load_demo_data(tab, tab.db, with_directory=False)
    if meetings:
        message += "\n\n" + meetings
    if own is not None and box.clickedButton() is own:
        message += ("\n\nUkázková data jsou ve vlastní databázi; do své se vrátíte příkazem "
                    "Soubor → Naposledy otevřené.")
    for other in getattr(tab.window(), "tab_list", lambda: [tab])():
        other.reload()
    QMessageBox.information(tab, "Ukázková data", message)
