"""Dialogs around the Pracovní skupiny tab: people import with preview, search across groups, funding
strips in Nastavení, the minutes edited in the app, demo data on the empty page."""
import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pypdf import PdfReader

from db.collation import czech_sorted
from db.meetings.queries import list_groups, list_people, list_strips, load_meeting
from db.meetings.records import StripRecord
from desktop.meetings import commands, documents, people_import
from desktop.meetings.search_dialog import SearchDialog
from desktop.meetings.strips import StripDialog
from desktop.meetings.tab import RESOLUTIONS_PAGE
from desktop.settings_dialog import SettingsDialog
from tests.desktop.test_meetings_tab import add_members, create_group, run_meeting


pytestmark = pytest.mark.usefixtures("discard_on_close")


@pytest.fixture
def tab(meetings_tab):
    return meetings_tab


def write_csv(path, rows):
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_people_import_previews_and_refuses_a_file_with_bad_rows(qtbot, tab, db, tmp_path, monkeypatch):
    create_group(tab, "PS Senioři")
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Accepted if dialog.import_button.isEnabled() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(people_import.PeopleImportDialog, "exec", fake_exec)
    monkeypatch.setattr(people_import.QMessageBox, "information", lambda *a: None)
    bad = write_csv(tmp_path / "spatne.csv", [("Jméno", "Příjmení", "E-mail", "Skupina"),
                                              ("Jana", "Nováková", "jana@", "PS Senioři")])
    assert not people_import.import_people(tab, db, bad)
    assert shown[-1].bad_view.model().rowCount() == 1 and not shown[-1].import_button.isEnabled()
    assert shown[-1].tabs.currentWidget() is shown[-1].bad_view
    assert db.read(list_people) == []
    good = write_csv(tmp_path / "osoby.csv", [("Jméno", "Příjmení", "Organizace", "Skupina", "Role ve skupině"),
                                              ("Jana", "Nováková", "Charita", "PS Senioři", "vedoucí"),
                                              ("Petr", "Čermák", "", "PS Senioři", "člen")])
    assert people_import.import_people(tab, db, good)
    assert shown[-1].added_view.model().rowCount() == 2
    assert czech_sorted(p.sort_name for p in db.read(list_people)) == ["Čermák Petr", "Nováková Jana"]
    assert db.read(list_groups)[0].member_count == 2


def test_search_finds_a_resolution_and_shows_it_in_its_group(qtbot, tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    run_meeting(qtbot, db, group_id)
    create_group(tab, "PS Rodina")
    dialog = SearchDialog(db, "odlehcovaci")  # without diacritics
    qtbot.addWidget(dialog)
    kinds = {hit.kind for hit in dialog.model.rows}
    assert {"resolution", "task"} <= kinds
    row = next(i for i, hit in enumerate(dialog.model.rows) if hit.kind == "resolution")
    dialog.view.selectRow(dialog.proxy.mapFromSource(dialog.model.index(row, 0)).row())
    dialog.accept()
    tab.go_to(dialog.chosen)
    assert tab._base.id == group_id and tab.inner.currentIndex() == RESOLUTIONS_PAGE


def test_funding_strips_are_kept_in_settings_and_offered_to_groups(qtbot, tab, db, tmp_path, monkeypatch):
    from desktop.meetings import strips

    warnings = []
    monkeypatch.setattr(strips.QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    settings = SettingsDialog(db)
    qtbot.addWidget(settings)
    strip = StripDialog(db, StripRecord())
    qtbot.addWidget(strip)
    strip.accept()
    assert strip.name_row.error_text()  # a name is required
    strip.name.setText("OPZ – KPSS")
    strip.text.setText("reg. č. CZ.03.2.63/0.0/0.0/16_063/0006566")
    assert not strip.set_image_file(write_csv(tmp_path / "ne.png", [("x",)]))  # not an image
    assert "PNG nebo JPEG" in warnings[0]
    strip.accept()
    [stored] = db.read(list_strips)
    assert stored.name == "OPZ – KPSS" and stored.text.endswith("0006566")
    settings.strips.reload()
    assert "OPZ – KPSS" in settings.strips.list.item(0).text()
    tab.reload()
    assert tab.form.strip.findData(stored.id) >= 0


def test_minutes_text_edited_in_the_app_is_what_prints(qtbot, tab, db, monkeypatch):
    group_id = create_group(tab)
    add_members(db, group_id)
    editor = run_meeting(qtbot, db, group_id)
    editor.fill_minutes_button.click()
    text = editor.minutes_text.toPlainText()
    assert "Plán sociálních služeb 2027" in text and "usnášeníschopná" in text
    editor.minutes_text.setPlainText(text + "\nDoplněno zapisovatelkou: jednání proběhlo v dobré atmosféře.")
    assert editor.save()
    assert "dobré atmosféře" in db.read(load_meeting, editor._base.id).minutes_text
    minutes = documents.meeting_document_dialog(None, db, "minutes", editor._base.id)
    qtbot.addWidget(minutes)
    minutes.show()
    qtbot.waitUntil(lambda: not minutes.is_building(), timeout=30_000)
    printed = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(minutes.preview_path)).pages)
    assert "dobré atmosféře" in printed
    assert "Hlasování: pro 3, proti 0, zdržel se 1 – usnesení bylo přijato" in printed


def test_empty_page_loads_the_demo_groups(qtbot, tab, db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    commands.install(tab)
    assert tab.pages.currentWidget() is tab.empty_state
    button = next(b for b in tab.empty_state.findChildren(type(tab.save_button)) if b.text() == "Načíst ukázková data")
    button.click()
    assert tab.pages.currentWidget() is tab.splitter
    assert tab.groups_model.rowCount() == 5 and len(db.read(list_people)) > 30


def test_a_document_prints_every_page_of_its_preview(qtbot, tab, db, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    group_id = create_group(tab)
    add_members(db, group_id)
    meeting_id = run_meeting(qtbot, db, group_id)._base.id
    dialog = documents.meeting_document_dialog(None, db, "minutes", meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=30_000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "vytisk.pdf"))
    sent = dialog.print_to(printer)
    assert sent == dialog.document.pageCount() == len(PdfReader(str(tmp_path / "vytisk.pdf")).pages)
    docx = next(e for e in dialog.extras if e.suffix == ".docx")
    assert dialog.write_extra(docx, tmp_path / "zapis.docx")
    from docx import Document
    assert any("Plán sociálních služeb 2027" in p.text for p in Document(str(tmp_path / "zapis.docx")).paragraphs)


def test_settings_with_strips_fit_a_scaled_laptop_screen(qtbot, db):
    settings = SettingsDialog(db)
    qtbot.addWidget(settings)
    minimum = settings.minimumSizeHint()
    assert minimum.width() <= 911 and minimum.height() <= 480  # 1366×768 at 150 %
