"""Lists refresh when another clerk saves (issue 15): a second Database on the same file plays the
other clerk; the window's poll is called directly instead of waiting for its timer."""
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy

from db.directory.queries import delete_provider, load_provider, save_provider
from db.errors import DatabaseUnavailable
from desktop.directory.formatting import count_text
from desktop.directory.list_pane import PROVIDERS, SERVICES
from desktop.main_window import MainWindow
from tests.desktop.test_directory_tab import select, visible


def open_window(show, db, settings) -> MainWindow:
    w = show(MainWindow(db, settings), 1366, 800)
    w.watcher.timer.stop()  # the tests poll by hand
    w._all_can_leave = lambda: True  # closing must not ask about the edits the tests leave
    return w


@pytest.fixture
def window(show, db, ids, settings):
    return open_window(show, db, settings)


def other_saves(other, provider_id, user="Petra Dvořáková", **fields):
    record = other.read(load_provider, provider_id)
    other.write(save_provider, replace(record, **fields), user)


def test_another_clerks_save_refreshes_the_list_keeping_selection_and_unsaved_edits(window, other, ids):
    tab = window.tab_list()[0]
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.phone.setText("318 000 111")
    assert tab.editor.is_dirty()

    other_saves(other, ids["klub"], name="Spolek seniorů Březnice a okolí")
    assert window.watcher.poll() == {"directory"}

    assert "Spolek seniorů Březnice a okolí" in visible(tab)
    assert tab.list_pane.current_key() == ids["domov"]
    assert tab.editor.provider_form.phone.text() == "318 000 111" and tab.editor.is_dirty()
    assert tab.editor.notice.isHidden()
    assert window.refreshed_label.text().startswith("Aktualizováno ")


def test_save_of_the_open_record_with_unsaved_edits_shows_a_notice_and_keeps_the_form(window, other, ids):
    tab = window.tab_list()[0]
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.phone.setText("318 000 111")

    other_saves(other, ids["domov"], web="https://cenkov.example.cz")
    window.watcher.poll()

    assert tab.editor.notice.isVisible()
    assert "Záznam mezitím uložil(a) Petra Dvořáková v " in tab.editor.notice.text()
    assert tab.editor.provider_form.phone.text() == "318 000 111"
    assert tab.editor.provider_form.web.text() == ""  # her form, not theirs


def test_save_of_the_open_record_without_edits_reloads_it_quietly_on_the_same_page(window, other, ids):
    tab = window.tab_list()[0]
    select(tab, SERVICES, "Domov pro seniory Čenkov")
    assert tab.editor.current_service_id() == ids["domov_service"]

    other_saves(other, ids["domov"], web="https://cenkov.example.cz")
    window.watcher.poll()

    assert tab.editor.provider_form.web.text() == "https://cenkov.example.cz"
    assert not tab.editor.is_dirty() and tab.editor.notice.isHidden()
    assert tab.editor.current_service_id() == ids["domov_service"]
    assert tab.list_pane.current_key() == ids["domov_service"]


def test_record_deleted_meanwhile_is_said_in_the_editor(window, other, ids):
    tab = window.tab_list()[0]
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.phone.setText("318 000 111")

    other.write(delete_provider, ids["domov"])
    window.watcher.poll()

    assert "Domov Čenkov" not in visible(tab)
    assert tab.editor.notice.isVisible() and "smazán" in tab.editor.notice.text()
    assert tab.editor.provider_form.phone.text() == "318 000 111"


def test_search_text_filters_sort_and_scroll_survive_the_refresh(window, other, ids):
    tab = window.tab_list()[0]
    tab.list_pane.set_mode(SERVICES)
    tab.list_pane.filter_bar.search.setText("Čenkov")
    view = tab.list_pane.view()
    view.sortByColumn(0, view.horizontalHeader().sortIndicatorOrder().__class__.DescendingOrder)

    other_saves(other, ids["klub"], name="Spolek seniorů Březnice a okolí")
    window.watcher.poll()

    assert tab.list_pane.filter_bar.search.text() == "Čenkov"
    assert visible(tab) == ["Domov pro seniory Čenkov"]
    assert view.horizontalHeader().sortIndicatorSection() == 0


def test_own_save_shows_no_notice_and_keeps_the_editor(window, ids):
    tab = window.tab_list()[0]
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.phone.setText("318 000 111")
    assert tab.editor.save()
    tab.editor.provider_form.web.setText("https://rozepsano.example.cz")

    window.watcher.poll()

    assert tab.editor.notice.isHidden()
    assert tab.editor.provider_form.web.text() == "https://rozepsano.example.cz"
    assert tab.list_pane.current_key() == ids["domov"]


def test_failed_poll_says_so_in_the_status_bar_without_a_box(window, monkeypatch):
    window.watcher.poll()

    def unreachable(*_args):
        raise DatabaseUnavailable("Server databáze neodpovídá.", "lost")

    monkeypatch.setattr(window.db, "read_quietly", unreachable)
    assert window.watcher.poll() is None
    assert window.refreshed_label.text().startswith("Databáze nedostupná – seznamy se od ")
    assert "Server databáze neodpovídá." in window.refreshed_label.toolTip()


# -- Pracovní skupiny -----------------------------------------------------------------------------
def test_meetings_tab_refreshes_groups_and_keeps_the_open_groups_edits(window, other):
    from db.meetings.queries import list_groups, load_group, save_group
    from db.meetings.records import GroupRecord

    first = other.write(save_group, GroupRecord(name="PS Senioři", short_name="Senioři"))
    second = other.write(save_group, GroupRecord(name="PS Rodina", short_name="Rodina"))
    tab = window.tab_list()[1]
    window.watcher.poll()
    assert {g.name for g in window.db.read(list_groups)} <= {tab.groups_model.rows[r].name
                                                             for r in range(tab.groups_model.rowCount())}
    tab.open_group(first)
    tab.form.description.setPlainText("Rozepsaný popis")
    assert tab.is_dirty()

    other.write(save_group, replace(other.read(load_group, second), name="PS Rodina a děti"), "Petra Dvořáková")
    window.watcher.poll()
    assert "PS Rodina a děti" in [r.name for r in tab.groups_model.rows]
    assert tab._base.id == first and tab.form.description.toPlainText() == "Rozepsaný popis"
    assert tab.notice.isHidden()

    other.write(save_group, replace(other.read(load_group, first), short_name="Senioři 65+"), "Petra Dvořáková")
    window.watcher.poll()
    assert "Záznam mezitím uložil(a) Petra Dvořáková" in tab.notice.text() and not tab.notice.isHidden()
    assert tab.form.description.toPlainText() == "Rozepsaný popis"

    tab.discard_group()
    assert tab.notice.isHidden()


# -- Střednědobý plán -----------------------------------------------------------------------------
def test_plan_tab_refreshes_the_tree_and_reloads_the_open_node_quietly_or_with_a_notice(qtbot, show, db, ids, plan,
                                                                                       settings, other):
    from db.plan.records import load_node, save_node

    w = open_window(show, db, settings)
    tab = w.tab_list()[2]
    tab.open_node(plan.a111)
    tab.node_editor.tabs.setCurrentIndex(1)

    other.write(save_node, replace(other.read(load_node, plan.m12), title="Bydlení a domov"))
    other.write(save_node, replace(other.read(load_node, plan.a111), description="Jejich popis"))
    assert "plan" in w.watcher.poll()
    assert tab.tree_model.row_of(plan.m12).title == "Bydlení a domov"
    assert tab.current_node_id() == plan.a111
    assert tab.node_editor.description.state_dict()["description"] == "Jejich popis"  # no edits: quietly
    assert tab.node_editor.tabs.currentIndex() == 1 and tab.node_editor.notice.isHidden()

    tab.node_editor.description.title.setText("Rozšířit pečovatelskou službu o víkendy")
    other.write(save_node, replace(other.read(load_node, plan.a111), description="Ještě jiný popis"))
    w.watcher.poll()
    assert not tab.node_editor.notice.isHidden() and "mezitím uložil(a)" in tab.node_editor.notice.text()
    assert tab.node_editor.description.title.text() == "Rozšířit pečovatelskou službu o víkendy"
    assert tab.node_editor.description.state_dict()["description"] == "Jejich popis"


def test_no_refresh_while_a_background_task_runs_and_the_next_poll_catches_up(window, other, ids, monkeypatch):
    from desktop.widgets import background_task

    tab = window.tab_list()[0]
    window.watcher.poll()
    other_saves(other, ids["klub"], name="Spolek seniorů Březnice a okolí")
    monkeypatch.setattr(background_task, "_running", 1)
    assert window.watcher.poll() is None
    tab.list_pane.set_mode(PROVIDERS)
    assert "Spolek seniorů Březnice a okolí" not in visible(tab)
    monkeypatch.setattr(background_task, "_running", 0)
    assert window.watcher.poll() == {"directory"}
    assert "Spolek seniorů Březnice a okolí" in visible(tab)


def test_a_poll_on_a_lost_connection_never_asks_to_retry(window, monkeypatch):
    window.watcher.poll()
    asked = []

    def lost(*_args):
        raise DatabaseUnavailable("Spojení s databází na serveru se přerušilo.", "disconnected")

    monkeypatch.setattr(window.db, "_read_once", lost)
    monkeypatch.setattr(window.connection_guard, "connection_lost", lambda failure: asked.append(failure))
    assert window.watcher.poll() is None
    assert asked == [] and window.refreshed_label.text().startswith("Databáze nedostupná")


def test_the_directory_refresh_reads_only_the_providers_that_changed(window, other, ids, monkeypatch):
    from db.directory import queries as directory_queries
    from db.directory.queries import list_directory

    tab = window.tab_list()[0]
    asked = []
    real = directory_queries.list_directory

    def counting(session, provider_ids=None):
        asked.append(provider_ids)
        return real(session, provider_ids)

    monkeypatch.setattr("desktop.directory.tab.list_directory", counting)
    record = other.read(load_provider, ids["domov"])
    record.note = "změna"
    other.write(save_provider, record)
    other.write(delete_provider, ids["klub"])
    window.watcher.poll()

    assert asked == [[ids["domov"]]]  # not the whole directory
    shown = {p.provider_id for p in tab._listing.providers}
    assert ids["klub"] not in shown and ids["domov"] in shown
    fresh = window.db.read(list_directory)
    assert sorted(p.provider_id for p in tab._listing.providers) == sorted(p.provider_id for p in fresh.providers)
    assert sorted(s.service_id for s in tab._listing.services) == sorted(s.service_id for s in fresh.services)


# -- the directory's rows replaced in place ---------------------------------------------------------
def _resets(tab) -> list[QSignalSpy]:
    """A spy on modelReset of every directory table model and proxy."""
    pane = tab.list_pane
    return [QSignalSpy(model.modelReset) for model in (*pane.models.values(), *pane.proxies.values())]


def test_another_clerks_saves_change_the_rows_in_place_keeping_the_current_row(window, other, ids):
    tab = window.tab_list()[0]
    select(tab, SERVICES, "Občanská poradna")
    view = tab.list_pane.view()
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert tab.list_pane.current_key() == ids["poradna"]
    resets = _resets(tab)
    current_moves = QSignalSpy(view.selectionModel().currentChanged)
    opened = []
    tab.list_pane.current_changed.connect(lambda *args: opened.append(args))

    # a service of another provider renamed
    klub = other.read(load_provider, ids["klub"])
    klub.services[0].name = "Klub seniorů Březnice a okolí"
    other.write(save_provider, klub, "Petra Dvořáková")
    window.watcher.poll()
    assert "Klub seniorů Březnice a okolí" in visible(tab) and "Klub seniorů Březnice" not in visible(tab)

    # a service added to the open provider (no unsaved edits: the editor follows quietly)
    charita = other.read(load_provider, ids["charita"])
    charita.services.append(replace(charita.services[1], id=None, name="Chráněné bydlení"))
    other.write(save_provider, charita, "Petra Dvořáková")
    window.watcher.poll()
    assert visible(tab) == ["Azylový dům pro ženy", "Domov pro seniory Čenkov", "Chráněné bydlení",
                          "Klub seniorů Březnice a okolí", "Občanská poradna", "Pečovatelská služba Charity"]

    # a provider above the current row deleted
    other.write(delete_provider, ids["azyl"])
    window.watcher.poll()
    assert visible(tab) == ["Domov pro seniory Čenkov", "Chráněné bydlení", "Klub seniorů Březnice a okolí",
                          "Občanská poradna", "Pečovatelská služba Charity"]

    assert tab.list_pane.current_key() == ids["poradna"]
    assert view.currentIndex().row() == 3 and view.selectionModel().isRowSelected(3)
    assert [tab.list_pane.proxy().key_at(i.row()) for i in view.selectionModel().selectedRows()] == [ids["poradna"]]
    assert current_moves.count() == 0 and opened == []  # the current row never moved away
    assert [spy.count() for spy in resets] == [0, 0, 0, 0]
    assert tab.editor.current_service_id() == ids["poradna"] and not tab.editor.is_dirty()
    assert tab.list_pane.count.text() == count_text(5, 5, SERVICES)


def test_a_renamed_provider_moves_to_its_czech_place_and_the_filter_follows(window, other, ids):
    tab = window.tab_list()[0]
    select(tab, PROVIDERS, "Domov Čenkov")
    view = tab.list_pane.view()
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    tab.list_pane.filter_bar.search.setText("čenkov")
    assert visible(tab) == ["Domov Čenkov"]
    resets = _resets(tab)

    other_saves(other, ids["charita"], name="Charita Čenkov")  # now matches the search
    other_saves(other, ids["domov"], name="Útulek Čenkov")  # the open one: from third to first
    window.watcher.poll()

    assert visible(tab) == ["Útulek Čenkov", "Charita Čenkov"]  # Czech, descending: ú after u, ch after h
    assert tab.list_pane.current_key() == ids["domov"] and view.currentIndex().row() == 0
    assert tab.list_pane.filter_bar.search.text() == "čenkov"
    assert [spy.count() for spy in resets] == [0, 0, 0, 0]
    assert tab.list_pane.count.text() == count_text(2, 4, PROVIDERS)

    other_saves(other, ids["charita"], name="Oblastní charita Příbram")  # no longer matches
    window.watcher.poll()
    assert visible(tab) == ["Útulek Čenkov"]
    assert [spy.count() for spy in resets] == [0, 0, 0, 0]


# -- choice lists of the forms follow other clerks' new entries -------------------------------------
def _add_target_group(database, name: str) -> int:
    """What a newer version's migration (or a restore) does: one more target group in the codelist."""
    from db.codelists.models import TargetGroup

    with database.session() as s, s.begin():
        group = TargetGroup(name=name, sort_order=99)
        s.add(group)
        s.flush()
        return group.id


def _combo_entries(combo) -> list[tuple[object, str]]:
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


def _list_entries(widget) -> list[tuple[object, str, bool]]:
    return [(widget.item(i).data(Qt.ItemDataRole.UserRole), widget.item(i).text(),
             widget.item(i).checkState() == Qt.CheckState.Checked) for i in range(widget.count())]


def test_group_form_offers_new_target_groups_and_strips_keeping_her_unsaved_edits(window, other):
    from db.meetings.queries import delete_strip, save_group, save_strip
    from db.meetings.records import GroupRecord, StripRecord

    tab = window.tab_list()[1]
    kept_strip = other.write(save_strip, StripRecord(name="Pruh MPSV", text="Financováno MPSV"))
    doomed_strip = other.write(save_strip, StripRecord(name="Pruh kraje", text="Financováno krajem"))
    group_id = other.write(save_group, GroupRecord(name="PS Senioři", short_name="Senioři"))
    window.watcher.poll()
    tab.open_group(group_id)
    form = tab.form
    form.description.setPlainText("Rozepsaný popis")
    form.strip.setCurrentIndex(form.strip.findData(doomed_strip))
    form.target_groups.item(1).setCheckState(Qt.CheckState.Checked)
    ticked = form.target_groups.item(1).data(Qt.ItemDataRole.UserRole)
    edits = form.state()
    assert tab.is_dirty()

    new_strip = other.write(save_strip, StripRecord(name="Pruh IROP", text="Financováno z IROP"))
    new_group = _add_target_group(other, "osoby pečující o blízkého")
    other.write(delete_strip, doomed_strip)
    assert window.watcher.poll() >= {"meetings", "codelists"}

    assert (new_strip, "Pruh IROP") in _combo_entries(form.strip)
    assert (kept_strip, "Pruh MPSV") in _combo_entries(form.strip)
    assert (new_group, "osoby pečující o blízkého", False) in _list_entries(form.target_groups)
    # Her unsaved choice stays, even of the strip deleted meanwhile (saving it then says so).
    assert form.strip.currentData() == doomed_strip and form.strip.currentText() == "Pruh kraje"
    assert form.state() == edits and ticked in form.state()["target_group_ids"]
    assert tab.is_dirty() and tab.notice.isHidden()


def test_group_without_edits_follows_a_save_naming_a_new_strip(window, other):
    from db.meetings.queries import load_group, save_group, save_strip
    from db.meetings.records import GroupRecord, StripRecord

    tab = window.tab_list()[1]
    group_id = other.write(save_group, GroupRecord(name="PS Rodina", short_name="Rodina"))
    window.watcher.poll()
    tab.open_group(group_id)

    new_strip = other.write(save_strip, StripRecord(name="Pruh OPZ+", text="Financováno z OPZ+"))
    new_group = _add_target_group(other, "osoby pečující o blízkého")
    stored = other.read(load_group, group_id)
    other.write(save_group, replace(stored, funding_strip_id=new_strip, target_group_ids=[new_group]),
                "Petra Dvořáková")
    window.watcher.poll()

    assert tab.form.strip.currentData() == new_strip and tab.form.strip.currentText() == "Pruh OPZ+"
    assert tab.form.state()["target_group_ids"] == [new_group]
    assert not tab.is_dirty() and tab.notice.isHidden()


def test_plan_editor_offers_other_clerks_new_entries_keeping_her_unsaved_edits(qtbot, show, db, ids, plan, settings,
                                                                              other):
    from db.meetings.queries import save_group
    from db.meetings.records import GroupRecord
    from db.plan.codelists import (
        SourceItem, StateItem, load_source_items, load_state_items, save_source_items, save_state_items,
    )

    seniors = other.write(save_group, GroupRecord(name="PS Senioři", short_name="Senioři"))
    w = open_window(show, db, settings)
    tab = w.tab_list()[2]
    tab.open_node(plan.a111)
    editor, page = tab.node_editor, tab.node_editor.description
    page.title.setText("Rozšířit pečovatelskou službu o víkendy")
    page.target_groups.item(0).setCheckState(Qt.CheckState.Checked)
    page.working_group.setCurrentIndex(page.working_group.findData(seniors))
    page.responsible.set_value(ids["charita"], "")
    page.partners.input.setEditText("Domov Čenkov")
    page.partners.add_current()
    grid = editor.funding.model
    grid.setData(grid.index(0, 2), "150 000")
    edits = editor.state()
    assert editor.is_dirty() and edits["description"]["responsible_provider_id"] == ids["charita"]

    new_group = _add_target_group(other, "osoby pečující o blízkého")
    family = other.write(save_group, GroupRecord(name="PS Rodina", short_name="Rodina"))
    other_saves(other, ids["charita"], name="Charita Příbram")
    other.write(save_source_items, other.read(load_source_items) + [SourceItem(None, "Evropský sociální fond+")])
    other.write(save_state_items, other.read(load_state_items) + [StateItem(None, "čeká na dotaci")])
    w.watcher.poll()

    assert (new_group, "osoby pečující o blízkého", False) in _list_entries(page.target_groups)
    assert (family, "PS Rodina") in _combo_entries(page.working_group)
    assert page.working_group.currentData() == seniors
    assert page.responsible.value() == (ids["charita"], "") and page.responsible.currentText() == "Charita Příbram"
    assert [page.partners.list.item(r).text() for r in range(page.partners.list.count())] == ["Domov Čenkov"]
    assert "Evropský sociální fond+" in [name for _id, name in grid.sources]
    assert "čeká na dotaci" in [name for _id, name in _combo_entries(editor.monitoring.state)]
    assert "čeká na dotaci" in [name for _id, name in _combo_entries(tab.filter_bar.state)]
    assert (family, "PS Rodina") in _combo_entries(tab.filter_bar.working_group)
    assert "čeká na dotaci" in [state.name for state in tab.monitoring.state_delegate.states]
    assert (ids["poradna"], "Občanská poradna (Charita Příbram)") in _combo_entries(editor.services.service)
    assert page.title.text() == "Rozšířit pečovatelskou službu o víkendy"
    assert editor.state() == edits and editor.is_dirty() and editor.notice.isHidden()


def test_directory_editor_offers_new_codelist_entries_keeping_her_unsaved_edits(window, other, ids):
    from db.codelists.models import CapacityUnit, LegalForm

    tab = window.tab_list()[0]
    select(tab, SERVICES, "Občanská poradna")
    editor = tab.editor
    provider_form, service_form = editor.provider_form, editor.service_editor
    provider_form.phone.setText("318 000 111")
    provider_form.legal_form.setCurrentIndex(2)
    chosen_legal_form = provider_form.legal_form.currentData()
    first_unticked = next(i for i in range(service_form.target_groups.count())
                          if service_form.target_groups.item(i).checkState() == Qt.CheckState.Unchecked)
    service_form.target_groups.item(first_unticked).setCheckState(Qt.CheckState.Checked)
    provider_state, service_state = provider_form.state(), service_form.state()
    assert editor.is_dirty()

    new_group = _add_target_group(other, "osoby pečující o blízkého")
    with other.session() as s, s.begin():
        legal = LegalForm(name="Evropské seskupení pro územní spolupráci", abbreviation="ESÚS")
        unit = CapacityUnit(code="lekce", name="lekce")
        s.add_all([legal, unit])
        s.flush()
        new_legal, new_unit = legal.id, unit.id
    assert "codelists" in window.watcher.poll()

    assert new_legal in [provider_form.legal_form.itemData(i) for i in range(provider_form.legal_form.count())]
    assert new_group in [service_form.target_groups.item(i).data(Qt.ItemDataRole.UserRole)
                         for i in range(service_form.target_groups.count())]
    for form_id in (1, 2, 3):
        unit_combo = service_form.forms._rows[form_id][2]
        assert new_unit in [unit_combo.itemData(i) for i in range(unit_combo.count())]
    assert provider_form.legal_form.currentData() == chosen_legal_form
    assert provider_form.state() == provider_state and service_form.state() == service_state
    assert editor.is_dirty() and editor.current_service_id() == ids["poradna"] and editor.notice.isHidden()
