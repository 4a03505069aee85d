"""Lists refresh when another clerk saves (issue 15): a second Database on the same file plays the
other clerk; the window's poll is called directly instead of waiting for its timer."""
from dataclasses import replace

import pytest

from db.database import open_database
from db.directory.queries import delete_provider, load_provider, save_provider
from db.errors import DatabaseUnavailable
from desktop.directory.list_pane import PROVIDERS, SERVICES
from desktop.main_window import MainWindow
from tests.desktop.test_directory_tab import select, visible


@pytest.fixture
def other(db):
    """The other clerk: her own connection to the same database."""
    database = open_database(db.path, daily_backup=False)
    yield database
    database.close()


@pytest.fixture
def window(show, db, ids, settings):
    w = show(MainWindow(db, settings), 1366, 800)
    w.watcher.timer.stop()  # the tests poll by hand
    w._all_can_leave = lambda: True  # closing must not ask about the edits the tests leave
    return w


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
def test_plan_tab_refreshes_the_tree_and_reloads_the_open_node_quietly_or_with_a_notice(qtbot, db, ids, plan,
                                                                                       settings, other):
    from db.plan.records import load_node, save_node

    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.watcher.timer.stop()
    w._all_can_leave = lambda: True
    w.show()
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
