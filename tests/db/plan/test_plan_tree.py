"""Codes come from the place in the tree: moves renumber, uids stay; impossible moves are refused."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from db.errors import UserError
from db.plan.models import PlanNode
from db.plan.tree import add_node, delete_node, move_node, node_codes
from tests.db.plan.plan_builders import build_small_plan


@pytest.fixture
def small(db):
    return db.write(build_small_plan)


def uids(db, plan_id: int) -> dict[int, str]:
    return db.read(lambda s: dict(s.execute(select(PlanNode.id, PlanNode.uid).where(PlanNode.plan_id == plan_id)).all()))


def test_codes_follow_the_place_in_the_tree(db, small):
    codes = db.read(node_codes, small.plan)
    assert [codes[i] for i in (small.p1, small.m11, small.a111, small.a112, small.a113, small.m12, small.p2,
                               small.m21, small.a211)] == ["1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.2", "2", "2.1",
                                                           "2.1.1"]


def test_moving_renumbers_old_and_new_siblings_while_uids_stay(db, small):
    before = uids(db, small.plan)
    db.write(move_node, small.a111, small.m21, 0)
    codes = db.read(node_codes, small.plan)
    assert codes[small.a111] == "2.1.1"
    assert codes[small.a211] == "2.1.2"
    assert codes[small.a112] == "1.1.1" and codes[small.a113] == "1.1.2"
    assert uids(db, small.plan) == before

    db.write(move_node, small.p2, None, 0)
    codes = db.read(node_codes, small.plan)
    assert codes[small.p2] == "1" and codes[small.a111] == "1.1.1" and codes[small.p1] == "2"
    assert codes[small.m12] == "2.2"
    assert uids(db, small.plan) == before


def test_moving_within_the_same_parent_reorders(db, small):
    db.write(move_node, small.a113, small.m11, 0)
    codes = db.read(node_codes, small.plan)
    assert (codes[small.a113], codes[small.a111], codes[small.a112]) == ("1.1.1", "1.1.2", "1.1.3")


def test_a_node_cannot_move_under_itself_or_its_descendant(db, small):
    with pytest.raises(UserError, match="pod sebe samu"):
        db.write(move_node, small.p1, small.m11, 0)
    with pytest.raises(UserError, match="pod sebe samu"):
        db.write(move_node, small.m11, small.m11, 0)
    assert db.read(node_codes, small.plan)[small.m11] == "1.1"


def test_a_move_below_the_deepest_level_is_refused(db, small):
    # A measure with its activities under another measure would put activities on a fourth level.
    with pytest.raises(UserError, match="nejnižší úroveň"):
        db.write(move_node, small.m11, small.m21, 0)
    with pytest.raises(UserError, match="nelze nic vložit"):
        db.write(add_node, small.plan, small.a111, None, "Akce")


def test_deleting_a_node_renumbers_the_rest(db, small):
    db.write(delete_node, small.a111)
    codes = db.read(node_codes, small.plan)
    assert small.a111 not in codes
    assert codes[small.a112] == "1.1.1" and codes[small.a113] == "1.1.2"


def test_add_node_inserts_at_a_position(db, small):
    new = db.write(add_node, small.plan, small.m11, 1, "Nová aktivita")
    codes = db.read(node_codes, small.plan)
    assert codes[new] == "1.1.2" and codes[small.a112] == "1.1.3"
    with pytest.raises(UserError, match="povinný"):
        db.write(add_node, small.plan, small.m11, 0, "  ")


moves = st.lists(st.tuples(st.integers(0, 8), st.one_of(st.none(), st.integers(0, 8)), st.integers(0, 4)),
                 max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves)
def test_any_sequence_of_moves_keeps_a_numbered_tree_with_stable_uids(db, small, steps):
    ids = [small.p1, small.m11, small.a111, small.a112, small.a113, small.m12, small.p2, small.m21, small.a211]
    before = uids(db, small.plan)
    for node, parent, position in steps:
        try:
            db.write(move_node, ids[node], ids[parent] if parent is not None else None, position)
        except UserError:
            pass  # refused moves change nothing
        codes = db.read(node_codes, small.plan)
        assert sorted(codes) == sorted(ids)  # every node still placed (no cycle cut it off)
        assert all(code.count(".") < 3 for code in codes.values())  # never below the third level
        by_parent: dict[str, list[int]] = {}
        for code in codes.values():
            head, _, last = code.rpartition(".")
            by_parent.setdefault(head, []).append(int(last))
        assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in by_parent.values())
    assert uids(db, small.plan) == before
