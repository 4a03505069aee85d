"""The plan's tree: codes computed from place, adding, moving and deleting nodes.

A node's code ("2.1.3") is its path of 1-based positions among siblings; it is never stored, so a move
renumbers everything after it for free, while `PlanNode.uid` stays the same (the id Excel exchange uses).
Level = depth: 1 priorita, 2 opatření, 3 aktivita, 4 akce (when the plan names a fourth level).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.errors import UserError
from db.plan.models import Evaluation, MonitoringRound, Plan, PlanNode
from db.plan.text import clean_line
from db.runtime import current_user

ACTIVITY_LEVEL = 3  # the level monitoring evaluates (deeper "akce" are evaluated instead when present)


@dataclass(frozen=True)
class NodeShape:
    """The tree facts of one node: enough to number, nest and classify it without loading the ORM row."""

    id: int
    parent_id: int | None
    position: int


def level_names(plan: Plan) -> list[str]:
    """The plan's level names, e.g. ["Priorita", "Opatření", "Aktivita"] (three or four)."""
    return [name.strip() for name in plan.level_names.split(";") if name.strip()]


def load_shapes(session: Session, plan_id: int) -> list[NodeShape]:
    rows = session.execute(select(PlanNode.id, PlanNode.parent_id, PlanNode.position)
                           .where(PlanNode.plan_id == plan_id))
    return [NodeShape(*row) for row in rows]


def children_map(shapes: list[NodeShape]) -> dict[int | None, list[int]]:
    """Parent id (None = the root) → child ids in sibling order."""
    by_parent: dict[int | None, list[NodeShape]] = defaultdict(list)
    for shape in shapes:
        by_parent[shape.parent_id].append(shape)
    return {parent: [s.id for s in sorted(kids, key=lambda s: (s.position, s.id))]
            for parent, kids in by_parent.items()}


def walk(children: dict[int | None, list[int]]) -> Iterator[tuple[int, str, int]]:
    """(node id, code, level) in tree order: a parent before its children, siblings in order."""
    stack: list[tuple[int, str, int]] = [
        (node_id, str(index), 1) for index, node_id in reversed(list(enumerate(children.get(None, []), 1)))]
    while stack:
        node_id, code, level = stack.pop()
        yield node_id, code, level
        kids = children.get(node_id, [])
        stack.extend((kid, f"{code}.{index}", level + 1) for index, kid in reversed(list(enumerate(kids, 1))))


def node_codes(session: Session, plan_id: int) -> dict[int, str]:
    """Node id → code ("2", "2.1", "2.1.3") computed from the current places in the tree."""
    return {node_id: code for node_id, code, _ in walk(children_map(load_shapes(session, plan_id)))}


def _plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError("Plán nebyl nalezen (mezitím jej možná někdo smazal).")
    return plan


def _node(session: Session, node_id: int) -> PlanNode:
    node = session.get(PlanNode, node_id)
    if node is None:
        raise UserError("Položka plánu nebyla nalezena (mezitím ji možná někdo smazal).")
    return node


def _depth(session: Session, node_id: int | None) -> int:
    depth = 0
    while node_id is not None:
        depth += 1
        node_id = session.scalar(select(PlanNode.parent_id).where(PlanNode.id == node_id))
    return depth


def _subtree_height(children: dict[int | None, list[int]], node_id: int) -> int:
    """1 for a leaf, 2 for a node with leaves below it, …"""
    kids = children.get(node_id, [])
    return 1 + max((_subtree_height(children, kid) for kid in kids), default=0)


def _siblings(session: Session, plan_id: int, parent_id: int | None, excluding: int | None = None) -> list[PlanNode]:
    query = select(PlanNode).where(PlanNode.plan_id == plan_id)
    query = query.where(PlanNode.parent_id.is_(None) if parent_id is None else PlanNode.parent_id == parent_id)
    if excluding is not None:
        query = query.where(PlanNode.id != excluding)
    return list(session.scalars(query.order_by(PlanNode.position, PlanNode.id)))


def _renumber(nodes: list[PlanNode]) -> None:
    for index, node in enumerate(nodes):
        if node.position != index:
            node.position = index


def add_node(session: Session, plan_id: int, parent_id: int | None, position: int | None, title: str) -> int:
    """Insert a node under `parent_id` (None = a new priority) at `position` (0-based among siblings;
    None or past the end = last) and return its id. Raises UserError for an empty title or a level
    deeper than the plan names."""
    plan = _plan(session, plan_id)
    title = clean_line(title)
    if not title:
        raise UserError("Název položky plánu je povinný.")
    names = level_names(plan)
    if parent_id is not None and _node(session, parent_id).plan_id != plan_id:
        raise UserError("Nadřazená položka patří k jinému plánu.")
    level = _depth(session, parent_id) + 1
    if level > len(names):
        raise UserError(f"Pod úroveň „{names[-1]}“ už nelze nic vložit: plán má jen {len(names)} úrovně.")
    siblings = _siblings(session, plan_id, parent_id)
    position = len(siblings) if position is None else max(0, min(position, len(siblings)))
    node = PlanNode(plan_id=plan_id, parent_id=parent_id, title=title, changed_by=current_user())
    siblings.insert(position, node)
    session.add(node)
    _renumber(siblings)
    session.flush()
    return node.id


def move_node(session: Session, node_id: int, new_parent_id: int | None, new_position: int) -> None:
    """Move a node with its subtree under `new_parent_id` (None = top level) at `new_position` (0-based
    among the new siblings). Codes of everything after it change; uids do not. Raises UserError when the
    target is the node itself or one of its descendants, in another plan, or would push the subtree
    below the plan's deepest level."""
    node = _node(session, node_id)
    plan = _plan(session, node.plan_id)
    children = children_map(load_shapes(session, node.plan_id))
    if new_parent_id is not None:
        target = _node(session, new_parent_id)
        if target.plan_id != node.plan_id:
            raise UserError("Položku nelze přesunout do jiného plánu.")
        ancestor: int | None = new_parent_id
        while ancestor is not None:
            if ancestor == node_id:
                raise UserError(f"Položku „{node.title}“ nelze přesunout pod sebe samu ani pod svou podřízenou položku.")
            ancestor = session.scalar(select(PlanNode.parent_id).where(PlanNode.id == ancestor))
    names = level_names(plan)
    deepest = _depth(session, new_parent_id) + _subtree_height(children, node_id)
    if deepest > len(names):
        raise UserError(f"Položku „{node.title}“ nelze přesunout sem: její podřízené položky by se dostaly pod "
                        f"nejnižší úroveň plánu („{names[-1]}“).")
    old_parent_id = node.parent_id
    if old_parent_id != new_parent_id:
        _renumber(_siblings(session, node.plan_id, old_parent_id, excluding=node_id))
    siblings = _siblings(session, node.plan_id, new_parent_id, excluding=node_id)
    siblings.insert(max(0, min(new_position, len(siblings))), node)
    node.parent_id = new_parent_id
    _renumber(siblings)
    node.changed_by = current_user()
    session.flush()


def delete_node(session: Session, node_id: int) -> None:
    """Delete a node with its subtree. Closed monitoring rounds keep what they reported (their
    evaluations keep the snapshot, the link becomes empty); lines of open rounds go with the node."""
    node = _node(session, node_id)
    children = children_map(load_shapes(session, node.plan_id))
    doomed = [node_id]
    for current in doomed:
        doomed.extend(children.get(current, []))
    open_rounds = select(MonitoringRound.id).where(MonitoringRound.plan_id == node.plan_id,
                                                   MonitoringRound.closed.is_(False))
    session.execute(delete(Evaluation).where(Evaluation.node_id.in_(doomed), Evaluation.round_id.in_(open_rounds)))
    # Other nodes copied from these (a later plan) only lose the link.
    session.execute(update(PlanNode).where(PlanNode.origin_node_id.in_(doomed)).values(origin_node_id=None))
    parent_id, plan_id = node.parent_id, node.plan_id
    session.delete(node)
    session.flush()
    _renumber(_siblings(session, plan_id, parent_id))
    session.flush()


def node_count(session: Session, plan_id: int) -> int:
    return session.scalar(select(func.count()).select_from(PlanNode).where(PlanNode.plan_id == plan_id)) or 0
