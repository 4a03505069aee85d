"""Excel exchange of a plan: export → import → export gives the same workbook; a bad row imports nothing."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import load_workbook

from db.errors import UserError, ValidationError
from db.plan.exchange import export_plan
from db.plan.exchange_import import apply_plan_import, plan_import_preview
from db.plan.monitoring import close_round, open_round, save_grid_cell
from db.plan.queries import plan_tree
from db.plan.records import load_node, save_node
from db.plan.tree import move_node
from tests.db.plan.plan_builders import build_small_plan, set_costs, source_id, state_id


def workbook_cells(path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}
    finally:
        workbook.close()


@pytest.fixture
def small(db):
    small = db.write(build_small_plan)

    def evaluate(s):
        round_id = open_round(s, small.plan, 2024)
        save_grid_cell(s, round_id, small.a111, "state", state_id(s, "splněno"))
        save_grid_cell(s, round_id, small.a111, f"spent:{source_id(s, 'rozpočet obce')}", 95_000)
        close_round(s, round_id, "novakova")
        round_id = open_round(s, small.plan, 2025)
        save_grid_cell(s, round_id, small.a112, "state", state_id(s, "probíhá"))
        save_grid_cell(s, round_id, small.a112, "evaluation", "Jednání o prostorách;\nnový řádek „v uvozovkách“")
        record = load_node(s, small.a111)
        record.partners = []
        record.responsible_text = "Odbor sociálních věcí"
        record.description = "=nejde o vzorec"
        save_node(s, record)
    db.write(evaluate)
    return small


def test_export_import_export_is_identical(db, small, tmp_path):
    first, second = tmp_path / "plan.xlsx", tmp_path / "znovu.xlsx"
    export_plan(db, small.plan, first)
    preview = plan_import_preview(db, first)
    assert preview.problems == [] and preview.changes == []
    assert apply_plan_import(db, preview).plan_id == small.plan
    export_plan(db, small.plan, second)
    assert workbook_cells(first) == workbook_cells(second)
    sheets = list(workbook_cells(first))
    assert sheets == ["Plán", "Strom", "Financování", "Indikátory", "Monitoring 2024", "Monitoring 2025", "Návod"]


def test_importing_an_older_export_restores_the_plan(db, small, tmp_path):
    before = tmp_path / "pred.xlsx"
    export_plan(db, small.plan, before)
    uids_before = {r.id: r.uid for r in db.read(plan_tree, small.plan)}

    def edit(s):
        record = load_node(s, small.a211)
        record.title = "Přejmenováno"
        record.indicators[0].targets[2024] = 99
        save_node(s, record)
        set_costs(s, small.a112, {2025: {source_id(s, "kraj"): 1}})
        move_node(s, small.a113, small.m21, 0)
        save_grid_cell(s, open_round(s, small.plan, 2025), small.a112, "state", state_id(s, "nesplněno"))
    db.write(edit)
    preview = plan_import_preview(db, before)
    assert preview.problems == []
    # 2.1.1 renamed, 1.1.3 moved back; the costs of 1.1.2, the target of 2.1.1, one monitoring row.
    assert {k: preview.counts[k] for k in ("changed", "funding", "indicators", "monitoring")} == {
        "changed": 2, "funding": 1, "indicators": 1, "monitoring": 1}
    assert any("Přejmenováno" in line for line in preview.changes)
    apply_plan_import(db, preview)
    after = tmp_path / "po.xlsx"
    export_plan(db, small.plan, after)
    assert workbook_cells(after) == workbook_cells(before)
    assert {r.id: r.uid for r in db.read(plan_tree, small.plan)} == uids_before
    history = db.read(load_node, small.a112).history
    assert [(h.old_state, h.new_state) for h in history][-2:] == [("probíhá", "nesplněno"), ("nesplněno", "probíhá")]


def _edit_workbook(source, target, edits: dict[tuple[str, int, str], object]) -> None:
    workbook = load_workbook(source)
    for (sheet, row, column), value in edits.items():
        header = [c.value for c in workbook[sheet][1]]
        workbook[sheet].cell(row=row, column=header.index(column) + 1, value=value)
    workbook.save(target)


def test_a_bad_row_names_sheet_row_and_reason_and_nothing_is_imported(db, small, tmp_path):
    exported, edited = tmp_path / "plan.xlsx", tmp_path / "upraveno.xlsx"
    export_plan(db, small.plan, exported)
    _edit_workbook(exported, edited, {
        ("Strom", 2, "Název"): "Senioři a pečující",          # a good change …
        ("Financování", 3, "Částka (Kč)"): "sto tisíc",        # … and bad rows
        ("Strom", 4, "Od roku"): 2031,
        ("Monitoring 2024", 2, "Plnění (%)"): 20,              # a closed round
    })
    preview = plan_import_preview(db, edited)
    messages = [str(p) for p in preview.problems]
    assert "List Strom, řádek 4, sloupec Od roku: Rok 2031 leží mimo období plánu 2024–2026." in messages
    assert "List Financování, řádek 3, sloupec Částka (Kč): „sto tisíc“ není číslo." in messages
    assert any(m.startswith("List Monitoring 2024, řádek 2: Monitoring za rok 2024 je uzavřený") for m in messages)
    with pytest.raises(UserError, match="nic nebylo uloženo"):
        apply_plan_import(db, preview)
    assert db.read(plan_tree, small.plan)[0].title == "Senioři"


def test_a_new_row_without_uid_adds_a_node_and_an_unknown_parent_is_refused(db, small, tmp_path):
    exported, edited = tmp_path / "plan.xlsx", tmp_path / "nove.xlsx"
    export_plan(db, small.plan, exported)
    workbook = load_workbook(exported)
    tree = workbook["Strom"]
    measure_uid = tree.cell(row=3, column=1).value  # 1.1 Péče doma
    tree.append([None, None, None, measure_uid, "Nová aktivita z pracovní skupiny"])
    workbook.save(edited)
    preview = plan_import_preview(db, edited)
    assert preview.counts["added"] == 1 and preview.problems == []
    apply_plan_import(db, preview)
    titles = {r.code: r.title for r in db.read(plan_tree, small.plan)}
    assert titles["1.1.4"] == "Nová aktivita z pracovní skupiny"

    tree.append([None, None, None, "neexistuje", "Sirotek"])
    workbook.save(edited)
    preview = plan_import_preview(db, edited)
    assert [str(p) for p in preview.problems] == [
        "List Strom, řádek 12, sloupec Nadřazené UID: Nadřazená položka s tímto UID v plánu ani v souboru není."]


def test_a_file_that_is_not_a_plan_is_refused(db, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "jine.xlsx"
    Workbook().save(path)
    with pytest.raises(UserError, match="není export plánu"):
        plan_import_preview(db, path)


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=texts.filter(lambda t: t.strip()), description=texts, evaluation=texts)
def test_any_text_survives_the_round_trip(db, small, tmp_path, title, description, evaluation):
    def edit(s):
        record = load_node(s, small.a113)
        record.title, record.description = title, description
        save_node(s, record)
        save_grid_cell(s, open_round(s, small.plan, 2025), small.a113, "evaluation", evaluation)
    try:
        db.write(edit)
    except ValidationError:
        return  # a title the editor refuses (too long) never reaches a file
    path = tmp_path / "plan.xlsx"
    export_plan(db, small.plan, path)
    preview = plan_import_preview(db, path)
    assert preview.problems == [] and preview.changes == []


def test_a_plan_moves_to_another_database(db, tmp_path):
    from db.database import open_database

    small = db.write(build_small_plan)
    db.write(lambda s: save_grid_cell(s, open_round(s, small.plan, 2025), small.a112, "state", state_id(s, "probíhá")))
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_plan(db, small.plan, first)
    other = open_database(tmp_path / "jina.sqlite")
    try:
        preview = plan_import_preview(other, first)
        assert preview.new_plan and preview.counts["added"] == 9 and preview.problems == []
        result = apply_plan_import(other, preview)
        export_plan(other, result.plan_id, second)
        assert workbook_cells(second) == workbook_cells(first)
        history = other.read(load_node, other.read(plan_tree, result.plan_id)[3].id).history
        assert [(h.year, h.new_state) for h in history] == [(2025, "probíhá")]
    finally:
        other.close()


def test_a_working_groups_part_changes_only_its_nodes_and_keeps_the_order(db, small, tmp_path):
    from db.meetings.models import WorkingGroup

    def assign(s):
        group = WorkingGroup(name="Pracovní skupina Senioři")
        s.add(group)
        s.flush()
        record = load_node(s, small.a112)
        record.working_group_id = group.id
        save_node(s, record)
        return group.id
    group_id = db.write(assign)
    part, edited = tmp_path / "cast.xlsx", tmp_path / "cast-upravena.xlsx"
    assert export_plan(db, small.plan, part, working_group_id=group_id) == 3  # 1, 1.1 and 1.1.2
    _edit_workbook(part, edited, {("Monitoring 2025", 2, "Hodnocení"): "Prostory nalezeny."})
    before = [(r.code, r.title) for r in db.read(plan_tree, small.plan)]
    preview = plan_import_preview(db, edited)
    assert preview.problems == [] and preview.counts["monitoring"] == 1 and preview.counts["changed"] == 0
    apply_plan_import(db, preview)
    assert [(r.code, r.title) for r in db.read(plan_tree, small.plan)] == before
    assert load_node_evaluation(db, small.a112, 2025) == "Prostory nalezeny."


def load_node_evaluation(db, node_id, year):
    return next(m.evaluation for m in db.read(load_node, node_id).monitoring if m.year == year)
