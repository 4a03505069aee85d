"""Roll-up of completion from activities to measures and priorities, and the "behind plan" rule.

Pure functions over plain values, shared by the tree, the monitoring grid and the documents.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NOT_EVALUATED = "nehodnoceno"  # the count label of an activity without a state in the year


@dataclass(frozen=True)
class RollupItem:
    """One child in a roll-up: its completion in % (None = unknown), its weight (planned cost in Kč)
    and whether its state counts at all (a cancelled activity does not)."""

    completion: float | None
    weight: int = 0
    in_rollup: bool = True


def rollup(items: Sequence[RollupItem], weighted: bool = False) -> float | None:
    """Mean completion (%) of the children that count: in the roll-up and with a known completion.

    Weighted: each child weighs its planned cost; when the counted children plan no money at all the
    plain mean is used (a weight of zero everywhere would otherwise make the result undefined).
    Returns None for a node without children, or when no child counts.
    """
    counted = [item for item in items if item.in_rollup and item.completion is not None]
    if not counted:
        return None
    total_weight = sum(max(item.weight, 0) for item in counted)
    if weighted and total_weight > 0:
        return sum(item.completion * max(item.weight, 0) for item in counted) / total_weight
    return sum(item.completion for item in counted) / len(counted)


def effective_completion(completion: int | None, state_completion: int | None) -> int | None:
    """The % typed in the round, else the default share of the chosen state, else unknown."""
    return completion if completion is not None else state_completion


def expected_share(year: int, year_from: int, year_to: int) -> float:
    """% of an activity's term (year_from–year_to, inclusive) elapsed by the end of `year`."""
    if year_to < year_from:
        year_from, year_to = year_to, year_from
    elapsed = min(max(year - year_from + 1, 0), year_to - year_from + 1)
    return 100.0 * elapsed / (year_to - year_from + 1)


def indicator_missed(actual: float | None, target: float | None, increase: bool) -> bool:
    """An actual value on the wrong side of the year's target; unknown values miss nothing."""
    if actual is None or target is None:
        return False
    return actual < target if increase else actual > target


def is_behind(completion: int | None, in_rollup: bool, year: int, year_from: int, year_to: int,
              missed_indicators: int = 0) -> bool:
    """Behind plan in `year`: an evaluated activity that counts in the roll-up and has done less than the
    share of its term elapsed by then, or misses the year's target of an indicator. An activity not yet
    evaluated in the year, or cancelled, is not behind."""
    if completion is None or not in_rollup:
        return False
    return completion < expected_share(year, year_from, year_to) - 1e-9 or missed_indicators > 0


def rollup_tree(order: Sequence, children: dict, leaves: dict, weighted: bool = False) -> dict:
    """Roll-up of every node of a tree: `order` lists the nodes parents first (pre-order), `children`
    maps a node to its children, `leaves` maps an evaluated node to its RollupItem.

    Returns node → completion % (None for a node without children, a leaf that is not evaluated, or a
    parent none of whose children counts). A parent weighs the planned cost of its counted children.
    """
    value: dict = {}
    weight: dict = {}
    for node in reversed(order):
        if node in leaves:
            item = leaves[node]
            value[node] = item.completion if item.in_rollup else None
            weight[node] = max(item.weight, 0) if value[node] is not None else 0
            continue
        items = [RollupItem(value[kid], weight[kid], value[kid] is not None) for kid in children.get(node, [])]
        value[node] = rollup(items, weighted)
        weight[node] = sum(item.weight for item in items if item.completion is not None)
    return value
