"""Two clerks on one plan node: the second save shows the conflict dialog in the editor's words (money
in Kč, funding sources and indicators by name) and each answer ends as she chose; the other clerk is
a save through another load_node + save_node in the same database."""
from __future__ import annotations

import pytest

from db.conflicts import differences
from db.plan.monitoring import open_round, save_grid_cell
from db.plan.records import NODE_SHAPE, load_node, save_node
from db.plan.tree import move_node
from desktop.plan.tab import PlanTab
from tests.db.plan.plan_builders import source_id, state_id
from tests.factories import make_provider

NBSP = "\u00a0"


@pytest.fixture
def editor(show, db, plan, settings):
    """The node editor of the plan tab with activity 2.1.1 „Rodinná poradna“ open."""
    tab = show(PlanTab(db, settings), 1366, 740)
    tab.tree.setCurrentIndex(tab.tree_proxy.mapFromSource(tab.tree_model.index_of(plan.a211)))
    assert tab.node_editor.node_id == plan.a211
    tab.node_editor.tab = tab
    return tab.node_editor


def _town(db):
    return db.read(lambda s: source_id(s, "rozpočet obce"))


def _her_edits(editor, db):
    editor.description.title.setText("Rodinná poradna v Lipové")
    model = editor.funding.model
    assert model.setData(model.cell(2025, _town(db)), "60 000")


def _other_clerk(db, node_id):
    record = db.read(load_node, node_id)
    record.rationale = "Poradna je přetížená."
    record.indicators[0].targets = {2024: 45, 2025: 50}
    db.write(save_node, record)


def test_a_freshly_loaded_node_reads_back_unchanged(editor):
    assert differences(editor._loaded, editor.collect(), editor._loaded, NODE_SHAPE) == []


def test_node_merge_keeps_both_and_moves_and_monitoring_never_conflict_with_her(editor, db, plan, conflicts):
    _her_edits(editor, db)
    _other_clerk(db, plan.a211)
    conflicts.answer("merge")
    assert editor.save()
    assert conflicts.rows() == [
        ["Název", "Rodinná poradna v Lipové", "Rodinná poradna"],
        ["Zdůvodnění", "—", "Poradna je přetížená."],
        ["Financování", f"2024: rozpočet obce 50{NBSP}000{NBSP}Kč\n2025: rozpočet obce 60{NBSP}000{NBSP}Kč",
         f"2024: rozpočet obce 50{NBSP}000{NBSP}Kč"],
        ["Indikátor „Počet klientů“ – Cílové hodnoty", "2024: 40; 2025: 50", "2024: 45; 2025: 50"],
    ]
    stored = db.read(load_node, plan.a211)
    assert (stored.title, stored.rationale) == ("Rodinná poradna v Lipové", "Poradna je přetížená.")
    assert stored.costs == {2024: {_town(db): 50_000}, 2025: {_town(db): 60_000}}
    assert stored.indicators[0].targets == {2024: 45, 2025: 50}
    assert editor.description.rationale.toPlainText() == "Poradna je přetížená." and not editor.is_dirty()
    # The year's evaluation and a move in the tree change the node's version, not what she edits:
    # her next save goes through without asking.
    round_id = db.write(open_round, plan.plan, 2024)
    db.write(save_grid_cell, round_id, plan.a211, "state", db.read(lambda s: state_id(s, "probíhá")))
    db.write(move_node, plan.m21, plan.p1, 0)
    editor.description.description.setPlainText("Poradenství pro rodiny s dětmi.")
    assert editor.save() and len(conflicts.shown) == 1
    stored = db.read(load_node, plan.a211)
    assert stored.description == "Poradenství pro rodiny s dětmi." and stored.code == "1.1.1"


def test_node_take_theirs_shows_the_stored_node(editor, db, plan, conflicts):
    _her_edits(editor, db)
    editor.tabs.setCurrentIndex(1)
    _other_clerk(db, plan.a211)
    conflicts.answer("theirs")
    assert not editor.save()
    assert editor.description.title.text() == "Rodinná poradna" and not editor.is_dirty()
    assert editor.description.rationale.toPlainText() == "Poradna je přetížená."
    assert editor.funding.model.values() == {2024: {_town(db): 50_000}} and editor.tabs.currentIndex() == 1
    editor.description.title.setText("Rodinná poradna Lipová")
    assert editor.save() and len(conflicts.shown) == 1
    assert db.read(load_node, plan.a211).title == "Rodinná poradna Lipová"


def test_node_back_to_editing_keeps_her_pages(editor, db, plan, conflicts):
    _her_edits(editor, db)
    _other_clerk(db, plan.a211)
    conflicts.answer(None)
    assert not editor.save()
    assert editor.description.title.text() == "Rodinná poradna v Lipové" and editor.is_dirty()
    assert editor.funding.model.values()[2025] == {_town(db): 60_000}
    assert db.read(load_node, plan.a211).title == "Rodinná poradna"


def test_a_provider_added_meanwhile_and_named_by_the_other_clerk_is_shown_and_kept(editor, db, plan, conflicts):
    editor.description.title.setText("Rodinná poradna v Lipové")
    with db.session() as s, s.begin():
        provider_id = make_provider(s, "Rodinné centrum Lipová").id
    record = db.read(load_node, plan.a211)
    record.responsible_provider_id = provider_id
    db.write(save_node, record)
    conflicts.answer("merge")
    assert editor.save()
    assert ["Odpovídá (garant) – z adresáře", "—", "Rodinné centrum Lipová"] in conflicts.rows()
    assert editor.description.responsible.value() == (provider_id, "")
    editor.description.rationale.setPlainText("Doplněno.")
    assert editor.save()
    stored = db.read(load_node, plan.a211)
    assert (stored.responsible_provider_id, stored.title) == (provider_id, "Rodinná poradna v Lipové")
