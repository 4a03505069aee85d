"""The "Import z registru MPSV" dialog driven like a clerk would, without real file dialogs."""
import time

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from sqlalchemy import func, select

import desktop.registry.import_dialog as import_dialog
from db.directory.models import Service
from db.registry import Territory
from desktop.registry.import_dialog import RegistryImportDialog, run_registry_import
from desktop.registry.territory_tree import CHECKED, PARTIAL
from tests.db.registry.registry_helpers import SMALL, SOKOLOV, data_dump

WAIT_MS = 15_000


@pytest.fixture
def dialog(show, db, settings):
    return show(RegistryImportDialog(db, None, settings))


def _choose_small_register(dialog):
    dialog.rpss_edit.setText(str(SMALL / "rpss.json"))  # the codelist folder beside it is found
    dialog.territory_model.set_checked("Okres/3503")


def _plan(qtbot, dialog):
    dialog.plan_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)


def _waiting_cancel(cancel):
    """A cancel flag that holds the worker until the clerk presses Zrušit (or 10 s pass)."""
    def wait():
        deadline = time.monotonic() + 10
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return cancel()
    return wait


def test_territory_tree_checks_down_and_up(dialog):
    _choose_small_register(dialog)
    model = dialog.territory_model
    # Ústecký kraj has one okres in the sample: checking it checks the whole kraj.
    assert model.territory() == Territory.from_ids(["Kraj/42"])
    model.set_checked("Kraj/42", False)
    model.set_checked(SOKOLOV)
    assert model.territory() == Territory.from_ids([SOKOLOV])
    assert model.state("Kraj/51") == PARTIAL
    assert model.state("Obec/900106") == CHECKED
    model.set_checked("Obec/900106", False)  # Loket
    assert model.territory().obce == frozenset({"Obec/900101", "Obec/900102", "Obec/900103", "Obec/900104",
                                                "Obec/900105"})
    assert model.state(SOKOLOV) == PARTIAL
    # Czech order: ch comes after h.
    assert dialog.selection_label.text() == "Vybráno: obce Horní Slavkov, Chodov, Nové Sedlo, Sokolov, Vřesová"


def test_search_finds_obec_without_diacritics(dialog):
    _choose_small_register(dialog)
    dialog.search_edit.setText("klasterec")
    proxy = dialog.territory_filter
    assert proxy.rowCount() == 1
    kraj = proxy.index(0, 0)
    okres = proxy.index(0, 0, kraj)
    assert proxy.index(0, 0, okres).data() == "Klášterec nad Ohří"
    assert proxy.rowCount(okres) == 1


def test_preview_then_apply(qtbot, dialog, db, settings):
    assert not dialog.plan_button.isEnabled()
    _choose_small_register(dialog)
    assert dialog.codelists_edit.text() == str(SMALL / "ciselniky")
    assert dialog.plan_button.isEnabled()
    _plan(qtbot, dialog)
    assert dialog.stack.currentIndex() == 1
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Nové (21)", "Změněné (0)", "Ukončené a zmizelé (1)", "Chybné záznamy (1)", "Upozornění (1)"]
    malformed = dialog.tabs.widget(3).model()
    assert [malformed.index(0, c).data() for c in range(3)] == ["1016", "6558700", "chybí poskytovatel"]
    new = dialog.tabs.widget(0).model()
    providers = new.item(0)
    assert "Rodina & dítě „Na rozcestí“, z. s." in [providers.child(r).text() for r in range(providers.rowCount())]
    assert "Území: Ústecký kraj. Z 18 služeb registru jich zde působí 18." in dialog.summary_label.text()
    assert settings.value("registry/territory", type=list) == ["Kraj/42"]

    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert dialog.result_summary.new_services == 16
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Service)) == 17


def test_choices_are_remembered(qtbot, db, settings, dialog):
    _choose_small_register(dialog)
    _plan(qtbot, dialog)
    dialog.reject()
    again = RegistryImportDialog(db, None, settings)
    qtbot.addWidget(again)
    assert again.rpss_edit.text() == str(SMALL / "rpss.json")
    assert again.codelists_edit.text() == str(SMALL / "ciselniky")
    assert again.territory_model.territory() == Territory.from_ids(["Kraj/42"])
    assert again.plan_button.isEnabled()


def test_reimport_preview_shows_nothing_to_change(qtbot, dialog):
    _choose_small_register(dialog)
    _plan(qtbot, dialog)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    dialog.stack.setCurrentIndex(0)
    _plan(qtbot, dialog)
    assert "působí 18, beze změny je 17." in dialog.summary_label.text()  # 16 + the ended one; 1016 malformed
    assert "Adresář odpovídá registru, není co měnit." in dialog.summary_label.text()
    assert not dialog.apply_button.isEnabled()


def test_not_a_register_file_shows_czech_message(qtbot, dialog, db_path, tmp_path):
    bad = tmp_path / "rpss.json"
    bad.write_text("<html>Stránka nenalezena</html>", encoding="utf-8")
    dialog.codelists_edit.setText(str(SMALL / "ciselniky"))
    dialog.rpss_edit.setText(str(bad))
    dialog.territory_model.set_checked("Okres/3503")
    before = data_dump(db_path)
    _plan(qtbot, dialog)
    assert dialog.stack.currentIndex() == 0
    assert "není export registru poskytovatelů sociálních služeb" in dialog.error_label.text()
    assert data_dump(db_path) == before


def test_bad_codelist_folder_is_explained(dialog, tmp_path):
    dialog.codelists_edit.setText(str(tmp_path))
    assert "chybí: kraje.json" in dialog.error_label.text()
    assert dialog.territory_model.rowCount() == 0


def test_cancel_while_reading(qtbot, dialog, monkeypatch):
    real = import_dialog.plan_import
    monkeypatch.setattr(import_dialog, "plan_import",
                        lambda path, folder, territory, db, progress, cancel:
                        real(path, folder, territory, db, progress, _waiting_cancel(cancel)))
    _choose_small_register(dialog)
    dialog.plan_button.click()
    qtbot.waitUntil(lambda: dialog._progress is not None and dialog._progress.isVisible(), timeout=WAIT_MS)
    dialog._progress.findChild(QPushButton).click()  # Zrušit
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert dialog.error_label.text() == "Zrušeno. Databáze nebyla změněna."
    assert dialog.stack.currentIndex() == 0


def test_cancel_while_writing_leaves_database_unchanged(qtbot, dialog, db_path, monkeypatch):
    _choose_small_register(dialog)
    _plan(qtbot, dialog)
    real = import_dialog.apply_import
    monkeypatch.setattr(import_dialog, "apply_import",
                        lambda preview, db, progress, cancel: real(preview, db, progress, _waiting_cancel(cancel)))
    before = data_dump(db_path)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog._progress is not None and dialog._progress.isVisible(), timeout=WAIT_MS)
    dialog._progress.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert dialog.apply_error_label.text() == "Zrušeno. Databáze nebyla změněna."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert data_dump(db_path) == before


def test_run_registry_import_reports_the_result(qtbot, db, monkeypatch, tmp_path):
    monkeypatch.setattr(import_dialog, "QSettings", lambda: QSettings(str(tmp_path / "ui.ini"),
                                                                        QSettings.Format.IniFormat))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))

    def drive():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RegistryImportDialog):  # exec() has not shown it yet
            QTimer.singleShot(20, drive)
            return
        _choose_small_register(dialog)
        dialog.plan_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=WAIT_MS)
        dialog.apply_button.click()

    QTimer.singleShot(0, drive)
    assert run_registry_import(None, db) is True
    assert shown and shown[0].startswith("Import dokončen. Noví poskytovatelé: 5, nové služby: 16")
    assert "Záloha databáze před importem" in shown[0]


def _all_texts(widget):
    """Every text the clerk can read in the dialog: labels, tab titles, table headers and cells."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QTabWidget

    texts = [label.text() for label in widget.findChildren(QLabel)]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
        pending = [None]
        while pending:  # the trees too: changed records list their fields as children
            parent = pending.pop()
            parent_index = parent if parent is not None else model.index(-1, -1)
            for row in range(model.rowCount(parent_index)):
                for column in range(model.columnCount(parent_index)):
                    index = model.index(row, column, parent_index)
                    texts.append(str(index.data() or ""))
                    if column == 0:
                        pending.append(index)
    return texts


def test_the_dialog_speaks_the_clerks_language(qtbot, dialog):
    """Issue: no „portalId“ or „DruhSocialniSluzby/99“; say where the files come from."""
    where = dialog.findChild(import_dialog.QLabel, "whereToDownload").text()
    assert "data.mpsv.cz" in where and "rpss.json" in where and "ciselniky" in where
    assert "internetu nepotřebuje" in where
    _choose_small_register(dialog)
    _plan(qtbot, dialog)
    texts = "\n".join(_all_texts(dialog))
    assert "záznam registru č. 1016" in texts or "Záznam registru č." in texts
    assert "neznámý druh služby (kód 99" in texts
    for jargon in ("portalId", "DruhSocialniSluzby/", "CilovaSkupinaOsoby/", "FormaSocialniSluzby/"):
        assert jargon not in texts, jargon
