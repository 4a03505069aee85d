import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from db.directory.models import Provider, Service, ServiceStatus
from db.directory.queries import load_provider
from desktop.directory.delete_dialog import DeleteDialog
from desktop.directory.list_pane import PROVIDERS, SERVICES
from desktop.directory.tab import DirectoryTab
from desktop.main_window import MainWindow
from tests.factories import make_provider, valid_ico

Button = QMessageBox.StandardButton


@pytest.fixture
def tab(directory_tab):
    return directory_tab


def visible(tab, column=0):
    proxy = tab.list_pane.proxy()
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def select(tab, mode, name):
    tab.list_pane.set_mode(mode)
    names = visible(tab)
    tab.list_pane.view().selectRow(names.index(name))


def type_search(qtbot, tab, text):
    search = tab.list_pane.filter_bar.search
    search.clear()
    qtbot.keyClicks(search, text)


def set_field(edit, text):
    edit.setText(text)
    edit.editingFinished.emit()


# -- list, search, filters, sorting -------------------------------------------------------------------
def test_typing_filters_ignoring_case_and_diacritics(qtbot, tab):
    assert tab.list_pane.count.text() == "5 služeb"
    type_search(qtbot, tab, "pecovatelska")
    assert visible(tab) == ["Pečovatelská služba Charity"]
    assert tab.list_pane.count.text() == "Zobrazeno 1 z 5 služeb"
    type_search(qtbot, tab, "DOBRIS")
    assert sorted(visible(tab)) == ["Občanská poradna", "Pečovatelská služba Charity"]
    type_search(qtbot, tab, "charita poradna")
    assert visible(tab) == ["Občanská poradna"]
    qtbot.keyClick(tab.list_pane.filter_bar.search, Qt.Key.Key_Escape)
    assert len(visible(tab)) == 5
    tab.list_pane.set_mode(PROVIDERS)
    type_search(qtbot, tab, "pecovatelska")
    assert visible(tab) == ["Oblastní charita Příbram"]
    assert tab.list_pane.count.text() == "Zobrazeno 1 z 4 poskytovatelů"


def _choose(combo, label):
    index = combo.findText(label)
    assert index > 0, f"{label} not offered"
    combo.setCurrentIndex(index)


def test_filters_for_kind_group_form_town_status_and_verification(qtbot, tab, db, ids):
    bar = tab.list_pane.filter_bar
    _choose(bar.kind, "§ 49 domovy pro seniory")
    assert visible(tab) == ["Domov pro seniory Čenkov"]
    bar.clear_filters()
    _choose(bar.target_group, "osoby v krizi")
    assert visible(tab) == ["Občanská poradna"]
    bar.clear_filters()
    _choose(bar.form, "pobytová")
    assert sorted(visible(tab)) == ["Azylový dům pro ženy", "Domov pro seniory Čenkov"]
    bar.clear_filters()
    _choose(bar.municipality, "Dobříš")
    assert sorted(visible(tab)) == ["Občanská poradna", "Pečovatelská služba Charity"]
    assert bar.municipality.findText("Beroun") < 0  # the town of a secret address is not offered
    bar.clear_filters()
    bar.unverified.setChecked(True)
    assert sorted(visible(tab)) == ["Azylový dům pro ženy", "Domov pro seniory Čenkov"]
    tab.list_pane.set_mode(PROVIDERS)
    assert sorted(visible(tab)) == ["Acorus, z. ú.", "Domov Čenkov"]
    bar.clear_filters()
    _choose(bar.status, "ukončená")
    assert visible(tab) == []
    assert tab.list_pane.count.text() == "Zobrazeno 0 z 4 poskytovatelů"


def test_secret_address_never_appears_in_the_list(qtbot, tab):
    type_search(qtbot, tab, "azyl")
    assert visible(tab, 3) == ["utajená adresa"]
    for text in ("beroun", "tajna 5"):
        type_search(qtbot, tab, text)
        assert visible(tab) == []


def test_columns_sort_in_czech_order(qtbot, tab, db):
    with db.session() as s, s.begin():
        for name in ("Hospic Svatý Jan", "Cesta domů", "Charita Beroun", "Čtyřlístek"):
            make_provider(s, name, town="Praha")
    tab.reload()
    tab.list_pane.set_mode(PROVIDERS)
    view = tab.list_pane.view()
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert visible(tab) == ["Acorus, z. ú.", "Cesta domů", "Čtyřlístek", "Domov Čenkov", "Hospic Svatý Jan",
                            "Charita Beroun", "Oblastní charita Příbram", "Spolek seniorů Březnice"]
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert visible(tab)[:2] == ["Spolek seniorů Březnice", "Oblastní charita Příbram"]
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # Obec
    assert visible(tab, 2)[:3] == ["Březnice", "Čenkov", "Praha"]


def test_count_and_rows_survive_a_reload_after_an_import(qtbot, tab, db):
    type_search(qtbot, tab, "duchod")
    with db.session() as s, s.begin():
        make_provider(s, "Klub důchodců Milín", town="Milín")
    tab.reload()
    tab.list_pane.set_mode(PROVIDERS)
    assert visible(tab) == ["Klub důchodců Milín"]
    assert tab.list_pane.count.text() == "Zobrazeno 1 z 5 poskytovatelů"


# -- editing and saving -------------------------------------------------------------------------------
def test_edit_and_save_provider(qtbot, tab, db, ids, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "referentka")
    select(tab, PROVIDERS, "Domov Čenkov")
    form = tab.editor.provider_form
    assert form.name.text() == "Domov Čenkov"
    assert not tab.editor.save_button.isEnabled()
    form.name.setText("Domov Čenkov, p. o.")
    form.phone.setText("318 600 111")
    assert tab.editor.save_button.isEnabled() and tab.editor.status.text() == "Neuložené změny"
    tab.save_action.trigger()
    with db.session() as s:
        provider = s.get(Provider, ids["domov"])
        assert (provider.name, provider.phone, provider.changed_by) == (
            "Domov Čenkov, p. o.", "318 600 111", "referentka")
    assert not tab.editor.is_dirty()
    assert "Domov Čenkov, p. o." in visible(tab)
    assert tab.list_pane.current_key() == ids["domov"]


def test_service_row_opens_its_service_and_all_fields_save(qtbot, tab, db, ids):
    select(tab, SERVICES, "Občanská poradna")
    editor = tab.editor
    assert editor.inner_tabs.currentIndex() == 1
    service = editor.service_editor
    assert service.name.text() == "Občanská poradna"
    service.registry_id.setText("7654321")
    service.forms.capacity_box(1).set_number(None)
    service.age_from.set_number(18)
    service.age_note.setText("dospělí")
    service.places.add_place(("Pobočka", "Hlavní 2", "Milín", "26231", True))
    service.areas.setText("Milín; Dobříš")
    service.hours.days[0].setText("8-12, 13-17")
    service.hours.check_day(0)
    assert service.hours.days[0].text() == "8:00–12:00, 13:00–17:00"
    service.opening_note.setText("jinak po dohodě")
    service.contact_person.setText("Mgr. Jana Malá")
    service.fee.setCurrentIndex(service.fee.findData("free"))
    service.fee_note.setText("zdarma")
    service.description.setPlainText("Rady v tíživých situacích.")
    service.in_booklet.setChecked(False)
    assert editor.save()
    with db.session() as s:
        saved = next(x for x in load_provider(s, ids["charita"]).services if x.id == ids["poradna"])
    assert saved.registry_id == "7654321" and saved.age_from == 18 and saved.age_note == "dospělí"
    assert saved.places[1].secret and saved.places[1].postcode == "262 31"
    assert saved.areas == ["Milín", "Dobříš"] and saved.opening_note == "jinak po dohodě"
    assert [(h.weekday, h.opens, h.closes) for h in saved.opening_hours] == [(0, "08:00", "12:00"),
                                                                            (0, "13:00", "17:00")]
    assert saved.fee.value == "free" and saved.in_booklet is False
    assert saved.description == "Rady v tíživých situacích." and saved.contact_person == "Mgr. Jana Malá"


def test_ticked_target_groups_are_listed_first_and_long_fields_show_their_start(qtbot, tab):
    select(tab, SERVICES, "Občanská poradna")
    service = tab.editor.service_editor
    groups = service.target_groups
    shown = [(groups.item(i).text(), groups.item(i).checkState() == Qt.CheckState.Checked)
             for i in range(groups.count())]
    assert sorted(name for name, _ in shown[:2]) == ["osoby v krizi", "rodiny s dítětem/dětmi"]
    assert all(ticked for _, ticked in shown[:2]) and not any(ticked for _, ticked in shown[2:])
    service.areas.setText("; ".join(f"Obec {n}" for n in range(30)))
    tab.editor.save()
    select(tab, SERVICES, "Pečovatelská služba Charity")
    select(tab, SERVICES, "Občanská poradna")
    assert service.areas.cursorPosition() == 0


def test_new_provider_with_a_service_from_the_shortcuts(qtbot, tab, db):
    tab.new_provider_action.trigger()
    assert tab.editor.is_new() and tab.editor.title.text() == "Nový poskytovatel"
    qtbot.keyClicks(tab.editor.provider_form.name, "Linka pomoci")  # QTest types ASCII only
    assert tab.editor.title.text() == "Linka pomoci"
    tab.new_service_action.trigger()
    service = tab.editor.service_editor
    qtbot.keyClicks(service.name, "Krizova linka")
    service.kind.setCurrentIndex(service.kind.findText("§ 55 telefonická krizová pomoc"))
    assert tab.editor.services.item(0).text() == "Krizova linka"
    tab.save_action.trigger()
    with db.session() as s:
        provider = s.query(Provider).filter_by(name="Linka pomoci").one()
        assert [x.name for x in provider.services] == ["Krizova linka"]
    assert tab.list_pane.current_key() == provider.services[0].id


def test_switching_between_services_keeps_unsaved_drafts(qtbot, tab, ids):
    select(tab, PROVIDERS, "Oblastní charita Příbram")
    editor = tab.editor
    editor.show_service(ids["pecovatelska"])
    editor.service_editor.contact_person.setText("Bc. Eva Dlouhá")
    editor.show_service(ids["poradna"])
    assert editor.service_editor.contact_person.text() == ""
    editor.show_service(ids["pecovatelska"])
    assert editor.service_editor.contact_person.text() == "Bc. Eva Dlouhá"
    editor.discard_button.click()
    assert editor.service_editor.contact_person.text() == "" and not editor.is_dirty()


def test_a_new_related_category_can_be_added(qtbot, tab, monkeypatch):
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("potravinová banka", True))
    select(tab, SERVICES, "Klub seniorů Březnice")
    tab.editor.service_editor.new_category_requested.emit()
    assert tab.editor.service_editor.kind.currentText() == "potravinová banka (související služba)"


# -- validation ----------------------------------------------------------------------------------------
PROVIDER_CHECKS = [
    ("ico", "1234567", "IČO musí mít přesně 8 číslic."),
    ("ico", "12345678", "IČO nemá platný kontrolní součet"),
    ("postcode", "2610", "PSČ zadejte jako pět číslic ve tvaru NNN NN"),
    ("phone", "12 34", "Telefon „12 34“ není platné české číslo"),
    ("email", "info@", "E-mail „info@“ nemá platný tvar"),
    ("web", "nic tu", "Web „nic tu“ nemá platný tvar"),
    ("data_box", "abc", "Datová schránka má 7 znaků"),
    ("name", "", "Vyplňte název poskytovatele."),
]


@pytest.mark.parametrize("field,value,message", PROVIDER_CHECKS)
def test_provider_field_messages_appear_next_to_the_field(qtbot, tab, field, value, message):
    select(tab, PROVIDERS, "Domov Čenkov")
    form = tab.editor.provider_form
    set_field(getattr(form, field), value)
    assert message in form.rows[field].error_text()
    assert not form.rows[field].error.isHidden()
    set_field(getattr(form, field), {"ico": valid_ico(77), "name": "Domov"}.get(field, ""))
    assert form.rows[field].error_text() == ""


def test_verified_date_message(qtbot, tab):
    select(tab, PROVIDERS, "Domov Čenkov")
    form = tab.editor.provider_form
    form.verified_on.edit.setText("31. 2. 2025")
    form.verified_on.editingFinished.emit()
    assert "Datum zadejte jako den. měsíc. rok" in form.rows["verified_on"].error_text()


SERVICE_CHECKS = [
    ("registry_id", "12345", "Identifikátor služby má přesně 7 číslic"),
    ("phone", "123", "není platné české číslo"),
    ("email", "a@b", "nemá platný tvar"),
    ("web", "http://", "nemá platný tvar"),
    ("name", "", "Vyplňte název služby."),
]


@pytest.mark.parametrize("field,value,message", SERVICE_CHECKS)
def test_service_field_messages_appear_next_to_the_field(qtbot, tab, field, value, message):
    select(tab, SERVICES, "Domov pro seniory Čenkov")
    service = tab.editor.service_editor
    set_field(getattr(service, field), value)
    assert message in service.rows[field].error_text()


def test_service_hours_age_place_and_end_date_messages(qtbot, tab):
    select(tab, SERVICES, "Domov pro seniory Čenkov")
    service = tab.editor.service_editor
    set_field(service.hours.days[1], "8 až 12")
    assert "není platný časový interval" in service.hours.rows[1].error_text()
    set_field(service.hours.days[2], "14-12")
    assert "začátek dřív než konec" in service.hours.rows[2].error_text()
    service.age_from.set_number(70)
    service.age_to.set_number(20)
    assert "nesmí být vyšší" in service.rows["age"].error_text()
    service.places.add_place(("Pobočka", "", "Milín", "", False))
    service.places.table.item(1, 3).setText("123")
    assert "Místo na řádku 2: PSČ zadejte" in service.rows["places"].error_text()
    service.status.setCurrentIndex(service.status.findData(ServiceStatus.ENDED.value))
    service.ended_on.edit.setText("včera")
    service.ended_on.editingFinished.emit()
    assert "Datum ukončení" in service.rows["status"].error_text()


def test_save_refuses_and_marks_every_problem(qtbot, tab, db, ids):
    select(tab, PROVIDERS, "Domov Čenkov")
    editor = tab.editor
    editor.provider_form.email.setText("info@")
    editor.add_service()
    editor.service_editor.hours.days[0].setText("8 až 12")
    assert not editor.save()
    assert "opravte 4 chyby označené červeně" in editor.status.text()  # e-mail, name, kind, hours
    assert editor.inner_tabs.currentIndex() == 0
    assert "nemá platný tvar" in editor.provider_form.rows["email"].error_text()
    editor.inner_tabs.setCurrentIndex(1)
    editor.services.setCurrentRow(1)
    service = editor.service_editor
    assert service.rows["name"].error_text() == "Vyplňte název služby."
    assert "Vyberte druh sociální služby" in service.rows["kind"].error_text()
    assert "není platný časový interval" in service.hours.rows[0].error_text()
    assert editor.services.item(1).foreground().color().name() == "#b3261e"
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).email == ""  # nothing saved


def test_ended_service_needs_its_date_on_save(qtbot, tab):
    select(tab, SERVICES, "Domov pro seniory Čenkov")
    service = tab.editor.service_editor
    service.status.setCurrentIndex(service.status.findData(ServiceStatus.ENDED.value))
    assert not tab.editor.save()
    assert service.rows["status"].error_text() == "U ukončené služby vyplňte datum ukončení."


def test_duplicate_ico_and_identifier_are_flagged(qtbot, tab, ids):
    select(tab, PROVIDERS, "Domov Čenkov")
    form = tab.editor.provider_form
    set_field(form.ico, valid_ico(1234))
    assert form.rows["ico"].error_text() == (
        f"IČO {valid_ico(1234)} už má v adresáři poskytovatel „Oblastní charita Příbram“.")
    set_field(form.ico, valid_ico(5678))  # its own
    assert form.rows["ico"].error_text() == ""
    tab.editor.inner_tabs.setCurrentIndex(1)
    service = tab.editor.service_editor
    set_field(service.registry_id, "1234567")
    assert service.rows["registry_id"].error_text() == (
        "Identifikátor 1234567 už má služba „Pečovatelská služba Charity“ "
        "poskytovatele „Oblastní charita Příbram“.")
    assert not tab.editor.save()
    assert "už má služba" in service.rows["registry_id"].error_text()


# -- unsaved-changes guard -----------------------------------------------------------------------------
def test_guard_when_switching_records(qtbot, tab, db, ids, answers):
    queue, asked = answers
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.phone.setText("318 000 111")

    queue.append(Button.Cancel)  # Zpět
    select(tab, PROVIDERS, "Acorus, z. ú.")
    assert asked == ["Poskytovatel „Domov Čenkov“ má neuložené změny."]
    assert tab.editor.provider_id == ids["domov"] and tab.list_pane.current_key() == ids["domov"]
    assert tab.editor.provider_form.phone.text() == "318 000 111"

    queue.append(Button.Discard)  # Zahodit
    select(tab, PROVIDERS, "Acorus, z. ú.")
    assert tab.editor.provider_id == ids["azyl"]
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).phone == ""

    tab.editor.provider_form.phone.setText("222 333 444")
    queue.append(Button.Save)  # Uložit
    select(tab, PROVIDERS, "Domov Čenkov")
    assert tab.editor.provider_id == ids["domov"]
    assert tab.list_pane.current_key() == ids["domov"]
    with db.session() as s:
        assert s.get(Provider, ids["azyl"]).phone == "222 333 444"


def test_guard_keeps_the_record_when_saving_fails(qtbot, tab, ids, answers):
    queue, _ = answers
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.email.setText("spatne@")
    queue.append(Button.Save)
    select(tab, PROVIDERS, "Acorus, z. ú.")
    assert tab.editor.provider_id == ids["domov"]
    assert "nemá platný tvar" in tab.editor.provider_form.rows["email"].error_text()


@pytest.fixture
def window(qtbot, db, ids, settings):
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_guard_when_switching_tabs_and_closing(qtbot, window, db, ids, answers):
    queue, asked = answers
    tab: DirectoryTab = window.tab_list()[0]
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.street.setText("Čenkov 1")

    queue.append(Button.Cancel)
    window.tabs.setCurrentIndex(1)
    assert window.tabs.currentIndex() == 0 and len(asked) == 1

    queue.append(Button.Cancel)
    window.close()
    assert window.isVisible() and len(asked) == 2

    queue.append(Button.Save)
    window.close()
    assert not window.isVisible()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).street == "Čenkov 1"


def test_filtering_away_the_open_record_opens_nothing_else(qtbot, tab, ids, answers):
    queue, asked = answers
    select(tab, SERVICES, "Domov pro seniory Čenkov")
    tab.editor.provider_form.phone.setText("318 000 222")  # unsaved: any switch would ask
    type_search(qtbot, tab, "poradna")
    assert visible(tab) == ["Občanská poradna"]
    assert asked == [] and tab.editor.provider_id == ids["domov"]
    assert tab.list_pane.current_key() is None
    type_search(qtbot, tab, "cenkov")
    assert tab.list_pane.current_key() == ids["domov_service"]


def test_new_provider_not_saved_is_named_in_the_question(qtbot, tab, answers):
    queue, asked = answers
    tab.new_provider()
    tab.editor.provider_form.name.setText("Rodinné centrum")
    queue.append(Button.Discard)
    select(tab, PROVIDERS, "Domov Čenkov")
    assert asked == ["Nový poskytovatel „Rodinné centrum“ ještě není uložen."]


# -- deleting ------------------------------------------------------------------------------------------
@pytest.fixture
def delete_choice(monkeypatch):
    """Press a button of the delete dialog: 'end' or 'delete' (queued)."""
    presses, shown = [], []

    def exec_(dialog: DeleteDialog):
        shown.append((dialog.windowTitle(), dialog.end_button.isVisible() or not dialog.end_button.isHidden()))
        button = presses.pop(0)
        (dialog.end_button if button == "end" else dialog.delete_button).click()
        return dialog.result()

    monkeypatch.setattr(DeleteDialog, "exec", exec_)
    return presses, shown


def test_delete_offers_ending_the_service_first(qtbot, tab, db, ids, delete_choice):
    presses, shown = delete_choice
    select(tab, SERVICES, "Občanská poradna")
    presses.append("end")
    tab.delete_action.trigger()
    assert shown == [("Smazat službu", True)]
    with db.session() as s:
        service = s.get(Service, ids["poradna"])
        assert service.status is ServiceStatus.ENDED and service.ended_on == dt.date.today()
    assert tab.list_pane.current_key() == ids["poradna"]
    assert visible(tab, 4)[visible(tab).index("Občanská poradna")] == "ukončena"

    presses.append("delete")
    tab.delete_action.trigger()
    with db.session() as s:
        assert s.get(Service, ids["poradna"]) is None
    assert "Občanská poradna" not in visible(tab)
    assert [tab.editor.services.item(i).text() for i in range(tab.editor.services.count())] == [
        "Pečovatelská služba Charity"]


def test_delete_provider_with_its_services(qtbot, tab, db, ids, delete_choice):
    presses, shown = delete_choice
    select(tab, PROVIDERS, "Domov Čenkov")
    presses.append("end")
    tab.delete_selected()
    with db.session() as s:
        assert s.get(Service, ids["domov_service"]).status is ServiceStatus.ENDED
    presses.append("delete")
    tab.delete_selected()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]) is None
    assert "Domov Čenkov" not in visible(tab)
    assert not tab.editor.is_open()


def test_delete_key_deletes_from_the_list_but_edits_text_in_the_editor(qtbot, window, ids, delete_choice):
    presses, shown = delete_choice
    tab: DirectoryTab = window.tab_list()[0]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select(tab, PROVIDERS, "Domov Čenkov")
    name = tab.editor.provider_form.name
    name.setFocus()
    name.setCursorPosition(0)
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    assert shown == [] and name.text() == "omov Čenkov"
    tab.editor.discard()
    tab.list_pane.view().setFocus()
    presses.append("end")
    qtbot.keyClick(tab.list_pane.view(), Qt.Key.Key_Delete)
    assert shown == [("Smazat poskytovatele", True)]


# -- empty database, menu, hooks, layout ----------------------------------------------------------------
def test_empty_database_says_what_to_do(qtbot, db, settings):
    tab = DirectoryTab(db, settings)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.pages.currentWidget() is tab.empty_state
    assert not tab.new_service_action.isEnabled() and not tab.delete_action.isEnabled()
    imported = []
    action = QAction("Importovat z tabulky…", tab)
    action.triggered.connect(lambda: imported.append(True))
    tab.add_actions([action], "data")
    buttons = {b.text(): b for b in tab.empty_state.findChildren(QPushButton)}
    assert set(buttons) >= {"Nový poskytovatel", "Importovat z tabulky…"}
    buttons["Importovat z tabulky…"].click()
    assert imported == [True]
    buttons["Nový poskytovatel"].click()
    assert tab.pages.currentWidget() is tab.splitter and tab.editor.is_new()
    assert tab.new_service_action.isEnabled()
    tab.editor.discard_button.click()
    assert tab.pages.currentWidget() is tab.empty_state


def test_menu_holds_the_commands_of_every_directory_feature(qtbot, window):
    tab: DirectoryTab = window.tab_list()[0]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Poskytovatelé")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Nový poskytovatel", "Nová služba", "Uložit", "Najít", "Smazat…",
                     "Import z registru MPSV…", "Import z tabulky…", "Export do tabulky…",
                     "Uložit šablonu tabulky…", "Tisk přehledu…"]
    assert tab.print_action in tab.toolbar.actions()
    assert tab.print_action.shortcut().toString() == "Ctrl+P"
    extra = QAction("Další příkaz", tab)
    tab.add_actions([extra], "print")
    assert extra in tab.toolbar.actions() and extra in menu.actions()
    assert tab.new_provider_action.shortcut().toString() == "Ctrl+N"
    assert tab.save_action.shortcut().toString() == "Ctrl+S"
    assert tab.find_action.shortcut().toString() == "Ctrl+F"


def test_ctrl_f_focuses_the_search(qtbot, window):
    tab: DirectoryTab = window.tab_list()[0]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.list_pane.view().setFocus()
    qtbot.keyClick(tab.list_pane.view(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.list_pane.filter_bar.search


def test_splitter_and_mode_are_remembered(qtbot, db, ids, settings):
    first = DirectoryTab(db, settings)
    qtbot.addWidget(first)
    first.resize(1300, 700)
    first.show()
    first.splitter.setSizes([400, 900])
    first.list_pane.set_mode(PROVIDERS)
    first._save_view_state()
    again = DirectoryTab(db, settings)
    qtbot.addWidget(again)
    again.resize(1300, 700)
    again.show()
    assert again.list_pane.mode == PROVIDERS
    assert abs(again.splitter.sizes()[0] - first.splitter.sizes()[0]) <= 2


def test_restore_from_backup_reloads_the_directory(qtbot, window, db, ids, tmp_path):
    backup = tmp_path / "zaloha.sqlite"
    window.db.backup_to(backup)
    tab: DirectoryTab = window.tab_list()[0]
    tab.new_provider()
    tab.editor.provider_form.name.setText("Jen po záloze")
    assert tab.editor.save()
    tab.list_pane.set_mode(PROVIDERS)
    assert "Jen po záloze" in visible(tab)
    assert window.restore(backup)
    assert "Jen po záloze" not in visible(tab) and len(visible(tab)) == 4
    assert not tab.editor.is_open()


def test_ctrl_p_opens_the_print_dialog_and_empty_page_offers_demo(qtbot, db, settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from desktop.directory import commands
    from desktop.main_window import MainWindow

    opened = []
    monkeypatch.setattr(commands, "open_print_dialog",
                        lambda parent, database, open_service: opened.append((database, open_service)) or 0)
    main = MainWindow(db, settings)
    qtbot.addWidget(main)
    main.show()
    tab: DirectoryTab = main.tab_list()[0]
    assert tab.pages.currentWidget() is tab.empty_state
    buttons = {b.text(): b for b in tab.empty_state.findChildren(QPushButton)}
    assert {"Nový poskytovatel", "Import z registru MPSV…", "Import z tabulky…",
            "Načíst ukázková data"} <= set(buttons)
    assert "Export do tabulky…" not in buttons
    assert not tab.print_action.isEnabled()  # nothing to print or export yet

    def choose_this_database(box):
        box.button_texts = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "Načíst do této databáze").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_this_database)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    buttons["Načíst ukázková data"].click()
    assert tab.pages.currentWidget() is tab.splitter
    assert tab.list_pane.view().model().rowCount() > 70
    assert tab.print_action.isEnabled()

    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    tab.list_pane.view().setFocus()
    qtbot.keyClick(tab.list_pane.view(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened == [(db, tab.open_service)]


def test_open_service_from_elsewhere_shows_it_even_when_filtered_out(qtbot, db, settings):
    from db.directory.demo import load_demo
    load_demo(db)
    tab = DirectoryTab(db, settings)
    qtbot.addWidget(tab)
    tab.show()
    row = tab._listing.services[-1]
    tab.list_pane.set_mode(PROVIDERS)
    tab.list_pane.filter_bar.search.setText("žádná taková služba neexistuje")
    assert tab.open_service(row.provider_id, row.service_id)
    assert tab.list_pane.mode == SERVICES and tab.list_pane.filter_bar.search.text() == ""
    assert tab.editor.provider_id == row.provider_id and tab.editor.current_service_id() == row.service_id
    assert tab.list_pane.current_key() == row.service_id
