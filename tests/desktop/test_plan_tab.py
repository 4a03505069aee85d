"""The Střednědobý plán tab driven like a clerk would: build a plan, move a node, type costs, enter the
year's monitoring in the grid, close the year and print the report."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
from pypdf import PdfReader

from db.plan.monitoring import monitoring_grid, plan_rounds
from db.plan.queries import plan_tree
from db.plan.records import load_node
from desktop.plan import tab as tab_module
from desktop.plan.document_dialog import DocumentDialog
from desktop.plan.documents import REPORT, UNAVAILABLE
from desktop.plan.node_editor import DESCRIPTION, FUNDING
from desktop.plan.plan_dialog import PlanDialog
from desktop.plan.tab import MONITORING, STRUCTURE, SUMMARY, PlanTab
from tests.db.plan.plan_builders import source_id, state_id

Button = QMessageBox.StandardButton


@pytest.fixture
def tab(show, db, plan, settings):
    return show(PlanTab(db, settings), 1366, 740)


@pytest.fixture
def answers(answers, monkeypatch):
    """The conftest's queued answers for the static message boxes too (Ok when none is queued)."""
    queue, asked = answers

    def static(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return queue.pop(0) if queue else Button.Ok

    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, static)
    return answers


@pytest.fixture
def titles(monkeypatch):
    """Names typed into the "new node" question, in order."""
    queue = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (queue.pop(0), True))
    return queue


def codes(tab):
    return {row.code: row.title for row in tab.tree_model.rows()}


def select(tab, node_id):
    index = tab.tree_proxy.mapFromSource(tab.tree_model.index_of(node_id))
    tab.tree.setCurrentIndex(index)


def shortcut(qtbot, widget, sequence):
    widget.setFocus()
    qtbot.keySequence(widget, QKeySequence(sequence))


# -- plans --------------------------------------------------------------------------------------
def test_without_a_plan_the_tab_offers_to_create_one(qtbot, show, db, settings, monkeypatch):
    tab = show(PlanTab(db, settings), 1366, 740)
    assert tab.pages.currentWidget() is tab.empty_state
    assert not tab.edit_plan_action.isEnabled()

    def fill_and_save(dialog):
        dialog.name.setText("Střednědobý plán Lipová 2027–2029")
        dialog.year_from.setValue(2027)
        dialog.year_to.setValue(2029)
        dialog.levels[3].setText("Akce")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PlanDialog, "exec", fill_and_save)
    tab.new_plan()
    assert tab.pages.currentIndex() == 1
    assert tab.plan.name == "Střednědobý plán Lipová 2027–2029"
    assert tab.plan.level_names == ["Priorita", "Opatření", "Aktivita", "Akce"]
    assert [tab.year.itemText(i) for i in range(tab.year.count())] == ["2027", "2028", "2029"]


def test_plan_header_problems_are_shown_under_the_field(qtbot, db, plan):
    dialog = PlanDialog(db, db.read(tab_module.load_plan, plan.plan))
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    dialog.year_to.setValue(2020)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "povinný" in dialog.rows["name"].error_text()
    assert "končí dříve" in dialog.rows["years"].error_text()
    assert db.read(tab_module.load_plan, plan.plan).name == "Střednědobý plán Lipová 2024–2026"


def test_next_plan_is_created_from_this_one(qtbot, tab, plan, answers, monkeypatch):
    _queue, asked = answers
    monkeypatch.setattr(tab_module.NextPlanDialog, "exec", lambda dialog: True)
    tab.create_next()
    assert tab.plan.year_from == 2027 and tab.plan.origin_plan_id == plan.plan
    assert tab.plan_combo.count() == 2
    assert "1.1.1" in codes(tab)
    assert "byl vytvořen" in asked[-1]


# -- the tree -----------------------------------------------------------------------------------
def test_tree_shows_codes_and_rollups(tab, plan):
    assert codes(tab)["1.1.1"] == "Rozšířit pečovatelskou službu"
    assert codes(tab)["2.1.1"] == "Rodinná poradna"
    index = tab.tree_model.index_of(plan.p1)
    assert index.data() == "1  Senioři"
    assert "Priorita 1: Senioři" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_shortcuts_add_a_sibling_and_a_child(qtbot, tab, plan, titles):
    select(tab, plan.a111)
    titles.append("Podpora neformálních pečujících")
    shortcut(qtbot, tab.tree, "Ctrl+N")
    assert codes(tab)["1.1.2"] == "Podpora neformálních pečujících"
    assert codes(tab)["1.1.4"] == "Vydat průvodce pro pečující"  # the later siblings moved down
    assert tab.node_editor.heading.text() == "Aktivita 1.1.2: Podpora neformálních pečujících"

    select(tab, plan.m12)
    titles.append("Chráněné bydlení")
    shortcut(qtbot, tab.tree, "Ctrl+Shift+N")
    assert codes(tab)["1.2.1"] == "Chráněné bydlení"


def test_a_child_below_the_deepest_level_is_explained(tab, plan, answers):
    _queue, asked = answers
    select(tab, plan.a111)
    tab.new_child()
    assert "další úroveň nemá" in asked[-1] or "nemá" in asked[-1]
    assert len(tab.tree_model.rows()) == 9


def test_dragging_a_node_moves_it_and_renumbers(qtbot, tab, plan, db):
    uid = next(r.uid for r in tab.tree_model.rows() if r.id == plan.a113)
    model = tab.tree_model
    data = model.mimeData([model.index_of(plan.a113)])
    # Dropped on measure 2.1: it becomes its last child.
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(plan.m21))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(plan.m21)) is False
    qtbot.waitUntil(lambda: "2.1.2" in codes(tab))
    assert codes(tab)["2.1.2"] == "Vydat průvodce pro pečující"
    assert "1.1.3" not in codes(tab)
    moved = next(r for r in db.read(plan_tree, plan.plan) if r.id == plan.a113)
    assert moved.code == "2.1.2" and moved.uid == uid

    # Dropped before the first activity of its own measure, through the proxy the tree view talks to.
    proxy = tab.tree_proxy
    data = proxy.mimeData([proxy.mapFromSource(model.index_of(plan.a112))])
    proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, proxy.mapFromSource(model.index_of(plan.m11)))
    qtbot.waitUntil(lambda: codes(tab)["1.1.1"] == "Zřídit odlehčovací službu")
    assert codes(tab)["1.1.2"] == "Rozšířit pečovatelskou službu"


def test_a_node_cannot_be_dropped_into_itself_and_a_refused_move_is_explained(tab, plan, answers):
    queue, asked = answers
    model = tab.tree_model
    data = model.mimeData([model.index_of(plan.p1)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(plan.m11))
    assert tab.move_node(plan.m11, plan.a211, 0) is False  # a measure under an activity: too deep
    assert "nejnižší úroveň" in asked[-1] or "nelze" in asked[-1]


def test_delete_asks_and_renumbers(qtbot, tab, plan, answers):
    queue, asked = answers
    select(tab, plan.a111)
    queue.append(Button.Cancel)
    tab.delete_selected()
    assert "1.1.3" in codes(tab)
    queue.append(Button.Yes)
    tab.delete_selected()
    assert "Smazat aktivita 1.1.1" in asked[0] or "1.1.1" in asked[0]
    assert codes(tab)["1.1.1"] == "Zřídit odlehčovací službu"
    assert "1.1.3" not in codes(tab)
    assert not tab.node_editor.is_open()


# -- the node editor ------------------------------------------------------------------------------
def test_costs_typed_into_the_grid_show_czech_totals_and_save_with_ctrl_s(qtbot, tab, plan, db):
    select(tab, plan.a113)
    editor = tab.node_editor
    editor.tabs.setCurrentIndex(FUNDING)
    model = editor.funding.model
    town, region = source_id_of(model, "rozpočet obce"), source_id_of(model, "kraj")
    assert model.setData(model.cell(2025, town), "12500")
    assert model.setData(model.cell(2026, region), "7 500 Kč")
    assert model.index(len(model.sources), 1).data() == "12\u00a0500\u00a0Kč"  # the 2025 column total
    assert model.index(len(model.sources), len(model.years)).data() == "20\u00a0000\u00a0Kč"
    assert editor.is_dirty() and tab.save_action.isEnabled()
    shortcut(qtbot, editor.funding.view, "Ctrl+S")
    assert not editor.is_dirty()
    assert db.read(load_node, plan.a113).costs == {2025: {town: 12500}, 2026: {region: 7500}}


def source_id_of(model, name):
    return next(i for i, n in model.sources if n == name)


def test_an_unreadable_amount_is_refused_with_a_czech_message(tab, plan):
    select(tab, plan.a113)
    model = tab.node_editor.funding.model
    assert not model.setData(model.cell(2024, model.sources[0][0]), "dvanáct tisíc")
    assert "celých korunách" in tab.node_editor.funding.error.text()
    assert not tab.node_editor.is_dirty()


def test_problems_are_shown_under_the_field_and_nothing_is_saved(tab, plan, db):
    select(tab, plan.a111)
    editor = tab.node_editor
    editor.description.title.setText("")
    assert not editor.save()
    assert editor.tabs.currentIndex() == DESCRIPTION
    assert "povinný" in editor.description.rows["title"].error_text()
    assert "opravte chybu" in editor.status.text()
    assert db.read(load_node, plan.a111).title == "Rozšířit pečovatelskou službu"


def test_costs_outside_the_activity_years_are_named(tab, plan, db):
    select(tab, plan.a113)
    editor = tab.node_editor
    editor.description.year_to.set_year(2024)
    model = editor.funding.model
    model.setData(model.cell(2026, model.sources[0][0]), "1000")
    assert not editor.save()
    assert editor.tabs.currentIndex() == FUNDING
    assert "2026" in editor.funding.error.text()


def test_description_indicators_and_services_are_saved_together(tab, plan, db):
    select(tab, plan.a112)
    editor = tab.node_editor
    editor.description.description.setPlainText("Pobytová odlehčovací služba pro 6 klientů.")
    editor.description.responsible.setEditText("Město Lipová")
    editor.description.year_to.set_year(2025)
    row = editor.indicators.model.add()
    model = editor.indicators.model
    model.setData(model.index(row, 0), "Počet lůžek")
    model.setData(model.index(row, 1), "lůžka")
    model.setData(model.index(row, 6), "6")  # the 2025 target
    assert editor.save()
    saved = db.read(load_node, plan.a112)
    assert saved.description == "Pobytová odlehčovací služba pro 6 klientů."
    assert saved.responsible_text == "Město Lipová" and saved.year_to == 2025
    assert saved.indicators[0].name == "Počet lůžek" and saved.indicators[0].targets == {2025: 6.0}


def test_leaving_an_edited_node_asks_first(qtbot, tab, plan, answers, db):
    queue, asked = answers
    select(tab, plan.a111)
    tab.node_editor.description.title.setText("Rozšířit pečovatelskou službu o víkendy")
    queue.append(Button.Cancel)  # Zpět: stay
    select(tab, plan.a112)
    assert "neuložené změny" in asked[-1]
    assert tab.node_editor.node_id == plan.a111
    qtbot.waitUntil(lambda: tab.current_node_id() == plan.a111)  # the tree points back at it
    queue.append(Button.Save)
    select(tab, plan.a112)
    assert tab.node_editor.node_id == plan.a112
    assert db.read(load_node, plan.a111).title == "Rozšířit pečovatelskou službu o víkendy"


# -- monitoring -----------------------------------------------------------------------------------
def grid_cell(tab, node_id, field):
    model = tab.monitoring.model
    return tab.monitoring.proxy.mapFromSource(model.index(model.row_index(node_id), model.column_of(field)))


def test_monitoring_entered_in_the_grid_is_saved_cell_by_cell(qtbot, tab, plan, db):
    tab.show_view(MONITORING)
    assert tab.year.currentData() == 2024
    page = tab.monitoring
    proxy = page.proxy
    running = db.read(lambda s: state_id(s, "probíhá"))
    assert proxy.setData(grid_cell(tab, plan.a111, "state"), running)
    assert proxy.setData(grid_cell(tab, plan.a111, "completion"), "40")
    town = db.read(lambda s: source_id(s, "rozpočet obce"))
    assert proxy.setData(grid_cell(tab, plan.a111, f"spent:{town}"), "95 000")
    assert proxy.setData(grid_cell(tab, plan.a111, "evaluation"), "Rozšířeno o jednu pečovatelku.")
    indicator_column = next(n for n, c in enumerate(page.model.columns) if c.kind == "actual")
    actual = proxy.mapFromSource(page.model.index(page.model.row_index(plan.a211), indicator_column))
    assert proxy.setData(actual, "42")

    rows = {r.node_id: r for r in db.read(monitoring_grid, plan.plan, 2024)}
    assert rows[plan.a111].state_name == "probíhá" and rows[plan.a111].completion == 40
    assert rows[plan.a111].spent == {town: 95000}
    assert rows[plan.a111].evaluation == "Rozšířeno o jednu pečovatelku."
    assert rows[plan.a211].indicators[0].actual == 42
    assert grid_cell(tab, plan.a111, f"spent:{town}").data() == "95\u00a0000\u00a0Kč"
    assert "42 / 40 klienti" == actual.data()
    # The tree's roll-up follows.
    qtbot.waitUntil(lambda: tab.tree_model.row_of(plan.a111).completion == 40)


def test_grid_moves_like_a_spreadsheet(qtbot, tab, plan, db):
    tab.show_view(MONITORING)
    view = tab.monitoring.view
    start = grid_cell(tab, plan.a111, "completion")
    view.setCurrentIndex(start)
    view.setFocus()
    qtbot.keyClick(view, "7")  # typing starts editing, as in Excel
    qtbot.keyClicks(view.focusWidget(), "0")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.currentIndex().row() == start.row() + 1)
    assert view.currentIndex().column() == start.column()
    assert {r.node_id: r.completion for r in db.read(monitoring_grid, plan.plan, 2024)}[plan.a111] == 70
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == start.column() + 1
    view.setCurrentIndex(start)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert {r.node_id: r.completion for r in db.read(monitoring_grid, plan.plan, 2024)}[plan.a111] is None


def test_a_bad_cell_value_is_refused_with_a_czech_message(tab, plan, db):
    tab.show_view(MONITORING)
    assert not tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "completion"), "150")
    assert "od 0 do 100" in tab.monitoring.error.text()
    assert db.read(plan_rounds, plan.plan) == []  # nothing written, not even a round


def test_closing_the_year_freezes_the_grid_and_reopening_is_logged(qtbot, tab, plan, db, answers, monkeypatch):
    queue, asked = answers
    tab.show_view(MONITORING)
    page = tab.monitoring
    done = db.read(lambda s: state_id(s, "splněno"))
    page.proxy.setData(grid_cell(tab, plan.a111, "state"), done)
    queue.append(Button.Yes)
    page.close_year()
    assert "Uzavřít monitoring za rok 2024" in asked[-1]
    assert page.closed and page.reopen_button.isVisible() and not page.close_button.isVisible()
    assert "uzavřený" in page.banner.text()
    cell = grid_cell(tab, plan.a111, "evaluation")
    assert not cell.flags() & Qt.ItemFlag.ItemIsEditable
    assert not page.proxy.setData(cell, "pozdní oprava")
    assert db.read(plan_rounds, plan.plan)[0].closed

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Oprava čerpání podle závěrečného účtu", True))
    page.reopen_year()
    log = db.read(plan_rounds, plan.plan)[0].log
    assert log[-1][2] == "reopened" and log[-1][3] == "Oprava čerpání podle závěrečného účtu"
    assert not page.closed and "znovu otevřen" in page.banner.text()
    assert grid_cell(tab, plan.a111, "evaluation").flags() & Qt.ItemFlag.ItemIsEditable


def test_node_monitoring_tab_is_read_only_for_a_closed_year(tab, plan, db, answers):
    queue, _asked = answers
    tab.show_view(MONITORING)
    queue.append(Button.Yes)
    tab.monitoring.close_year()
    tab.show_view(STRUCTURE)
    select(tab, plan.a111)
    node_page = tab.node_editor.monitoring
    assert node_page.closed and node_page.evaluation.isReadOnly() and not node_page.state.isEnabled()


def test_node_monitoring_tab_saves_at_once(tab, plan, db):
    select(tab, plan.a112)
    page = tab.node_editor.monitoring
    town = db.read(lambda s: source_id(s, "rozpočet obce"))
    row = next(i for i, (s, _n) in enumerate(page.spent_model.sources) if s == town)
    assert page.spent_model.setData(page.spent_model.index(row, 1), "150 000")
    rows = {r.node_id: r for r in db.read(monitoring_grid, plan.plan, 2024)}
    assert rows[plan.a112].spent == {town: 150000}
    assert page.spent_model.index(row, 0).data() == "200\u00a0000\u00a0Kč"  # planned beside it
    assert not tab.node_editor.is_dirty()  # monitoring is not part of the node's Uložit


def test_filters_narrow_the_tree_and_the_grid(qtbot, tab, plan, db):
    running = db.read(lambda s: state_id(s, "probíhá"))
    tab.show_view(MONITORING)
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a211, "state"), running)
    tab.show_view(STRUCTURE)
    bar = tab.filter_bar
    bar.state.setCurrentIndex(bar.state.findData(running))
    shown = {tab.tree_model.node_id(tab.tree_proxy.mapToSource(tab.tree_proxy.index(0, 0)))}
    assert shown == {plan.p2}
    assert tab.tree_proxy.rowCount() == 1
    assert "zobrazeno 1 z 4" in tab.tree_count.text()
    assert tab.monitoring.proxy.rowCount() == 1
    assert not tab.tree_model.drag_enabled  # no dropping between rows the clerk cannot see
    bar.clear()
    assert tab.tree_proxy.rowCount() == 2 and tab.tree_model.drag_enabled


# -- summary, documents -----------------------------------------------------------------------------
def test_summary_shows_planned_money_and_spending_of_closed_years(tab, plan, db, answers):
    queue, _asked = answers
    tab.show_view(MONITORING)
    town = db.read(lambda s: source_id(s, "rozpočet obce"))
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, f"spent:{town}"), "90000")
    queue.append(Button.Yes)
    tab.monitoring.close_year()
    tab.show_view(SUMMARY)
    assert not tab.filter_bar.isVisible()
    all_lines = tab.summary.model.lines
    second_heading = [n for n, line in enumerate(all_lines) if line.kind == "heading"][1]
    lines = {(line.kind, line.label): line.values for line in all_lines[:second_heading]}  # the whole plan
    headers = tab.summary.model.headers
    assert lines[("planned", "2024 plán")][-1] == 450_000
    assert lines[("actual", "2024 skutečnost")][headers.index("rozpočet obce") - 1] == 90_000
    assert lines[("total", "Celkem plán")][-1] == 570_000
    assert "2024" in tab.summary.note.text()


def test_the_report_is_previewed_saved_and_printed(qtbot, tab, plan, db, tmp_path, monkeypatch):
    tab.show_view(MONITORING)
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "evaluation"), "Rozšířeno o jednu pečovatelku.")
    assert tab.document_actions[REPORT.key].isEnabled()
    results = {}

    def preview(dialog):
        qtbot.waitUntil(lambda: dialog.preview_path is not None and not dialog.is_building(), timeout=30_000)
        results["pages"] = dialog.document.pageCount()
        results["saved"] = dialog.save_preview_to(tmp_path / "vyhodnoceni.pdf")
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        dialog.prepare_printer(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "vytisk.pdf"))
        results["printed"] = dialog.print_to(printer)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(DocumentDialog, "exec", preview)
    qtbot.keySequence(tab.tree, QKeySequence(QKeySequence.StandardKey.Print))
    assert results["pages"] >= 1 and results["saved"]
    text = " ".join(page.extract_text() for page in PdfReader(str(tmp_path / "vyhodnoceni.pdf")).pages)
    for code in ("1.1.1", "1.1.2", "2.1.1"):
        assert code in text
    assert "2024" in text
    assert results["printed"] == results["pages"]
    assert len(PdfReader(str(tmp_path / "vytisk.pdf")).pages) == results["pages"]


def test_document_commands_are_disabled_with_a_reason_without_builders(tab, monkeypatch):
    monkeypatch.setattr(tab_module, "find_builder", lambda kind: None)
    tab._update_state()
    action = tab.document_actions[REPORT.key]
    assert not action.isEnabled()
    assert action.toolTip() == UNAVAILABLE


# -- layout -----------------------------------------------------------------------------------------
def test_everything_fits_a_1024_by_768_screen(qtbot, show, db, plan, settings):
    tab = show(PlanTab(db, settings), 1000, 640)
    for view in (STRUCTURE, MONITORING, SUMMARY):
        tab.show_view(view)
        hint = tab.minimumSizeHint()
        assert hint.width() <= 1000 and hint.height() <= 640, (view, hint)
    select(tab, plan.a111)
    for page in range(tab.node_editor.tabs.count()):
        tab.node_editor.tabs.setCurrentIndex(page)
        hint = tab.minimumSizeHint()
        assert hint.width() <= 1000 and hint.height() <= 640, (page, hint)


# -- codelists ----------------------------------------------------------------------------------------
def test_funding_sources_and_states_are_edited_in_the_codelists_dialog(qtbot, tab, plan, db, monkeypatch):
    from db.plan.codelists import load_source_items, load_state_items
    from desktop.plan.codelists_dialog import CodelistsDialog

    def edit(dialog):
        sources = dialog.sources.table
        dialog.sources.add_row()
        sources.item(sources.rowCount() - 1, 0).setText("Evropský sociální fond+")
        states = dialog.states.table
        states.item(0, 0).setText("dosud nezahájeno")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(CodelistsDialog, "exec", edit)
    tab.edit_codelists()
    assert db.read(load_source_items)[-1].name == "Evropský sociální fond+"
    assert db.read(load_state_items)[0].name == "dosud nezahájeno"
    assert tab.filter_bar.state.itemText(1) == "dosud nezahájeno"  # the tab offers the new names
    assert "Evropský sociální fond+" in [name for _id, name in tab.choices.sources]


def test_a_state_in_use_cannot_be_removed_and_nothing_is_saved(qtbot, tab, plan, db):
    from db.plan.codelists import load_source_items, load_state_items
    from desktop.plan.codelists_dialog import CodelistsDialog

    tab.show_view(MONITORING)
    running = db.read(lambda s: state_id(s, "probíhá"))
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "state"), running)
    dialog = CodelistsDialog(db, tab)
    qtbot.addWidget(dialog)
    names = [dialog.states.table.item(r, 0).text() for r in range(dialog.states.table.rowCount())]
    dialog.states.table.setCurrentCell(names.index("probíhá"), 0)
    dialog.states.remove_row()
    dialog.sources.table.item(0, 0).setText("obec")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "probíhá" in dialog.error.text() and dialog.tabs.currentWidget() is dialog.states
    assert "probíhá" in [s.name for s in db.read(load_state_items)]
    assert db.read(load_source_items)[0].name == "rozpočet obce"


def test_partners_and_service_links_are_saved_and_state_changes_show_in_history(tab, plan, db):
    from db.directory.models import Provider, Service
    from desktop.plan.node_editor import HISTORY, SERVICES

    with db.session() as s, s.begin():
        provider = Provider(name="Charita Lipová", ico="12345678")
        s.add(provider)
        s.flush()
        s.add(Service(provider_id=provider.id, name="Pečovatelská služba Charity"))
    tab.reload()
    tab.show_view(MONITORING)
    done = db.read(lambda s: state_id(s, "splněno"))
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "state"), done)
    tab.show_view(STRUCTURE)
    select(tab, plan.a111)
    editor = tab.node_editor
    partners = editor.description.partners
    partners.input.setEditText("Charita Lipová")
    partners.add_current()
    partners.input.setEditText("Spolek Pečujeme doma")
    partners.add_current()
    editor.tabs.setCurrentIndex(SERVICES)
    services = editor.services
    services.service.setEditText("Pečovatelská služba Charity (Charita Lipová)")
    services.add_current()
    services.model.setData(services.model.index(0, 1), "navýšení kapacity o 2 pečovatelky")
    assert editor.save()
    saved = db.read(load_node, plan.a111)
    assert [(p.provider_id is not None, p.name) for p in saved.partners] == [
        (True, "Charita Lipová"), (False, "Spolek Pečujeme doma")]
    assert saved.services[0].note == "navýšení kapacity o 2 pečovatelky"
    editor.tabs.setCurrentIndex(HISTORY)
    history = editor.history.view.model()
    assert history.rowCount() == 1
    assert history.index(0, 4).data() == "splněno" and history.index(0, 2).data() == "2024"


def test_the_years_overall_evaluation_is_written_for_the_report(tab, plan, db, monkeypatch):
    from db.plan.monitoring import round_report

    tab.show_view(MONITORING)
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Plán se v roce 2024 plnil podle harmonogramu.", True))
    tab.monitoring.edit_summary()
    assert db.read(round_report, plan.plan, 2024).summary == "Plán se v roce 2024 plnil podle harmonogramu."


def test_ctrl_f_searches_codes_and_titles_in_the_tree_and_the_grid(qtbot, tab, plan):
    shortcut(qtbot, tab.tree, "Ctrl+F")
    search = tab.filter_bar.search
    assert search.hasFocus() or tab.focusWidget() is search
    search.setText("PORADNA")  # any case, any accents
    qtbot.waitUntil(lambda: tab.tree_proxy.rowCount() == 1)
    priority = tab.tree_proxy.index(0, 0)
    measure = tab.tree_proxy.index(0, 0, priority)
    assert tab.tree_proxy.index(0, 0, measure).data() == "2.1.1  Rodinná poradna"
    tab.show_view(MONITORING)
    assert tab.monitoring.proxy.rowCount() == 1
    tab.show_view(STRUCTURE)
    search.setText("1.1")  # a code: the measure with all its activities
    qtbot.waitUntil(lambda: "zobrazeno 3 z 4" in tab.tree_count.text())
    tab.filter_bar.clear()
    assert tab.tree_proxy.rowCount() == 2 and tab.tree_model.drag_enabled


def test_deleting_a_plan_asks_backs_up_and_leaves_the_empty_page(tab, plan, db, db_path, answers):
    from db.backup import auto_backups
    from db.plan.queries import list_plans

    queue, asked = answers
    queue.append(Button.Cancel)
    tab.delete_plan()
    assert len(db.read(list_plans)) == 1
    queue.append(Button.Yes)
    tab.delete_plan()
    assert "Smazat plán „Střednědobý plán Lipová 2024–2026“" in asked[-1]
    assert db.read(list_plans) == []
    assert any("pred-smazanim-planu" in p.name for p in auto_backups(db_path))
    assert tab.pages.currentWidget() is tab.empty_state


def test_a_too_long_partner_name_is_named_under_the_partners(tab, plan, db):
    select(tab, plan.a111)
    partners = tab.node_editor.description.partners
    partners.input.setEditText("Spolek " + "x" * 320)
    partners.add_current()
    assert not tab.node_editor.save()
    assert "300 znaků" in tab.node_editor.description.rows["partners"].error_text()
    assert db.read(load_node, plan.a111).partners == []
