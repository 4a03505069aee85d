"""Comparing the clerk's unsaved record with the one someone else saved meanwhile, and merging them.

Three versions of one record take part: `base` (what her form loaded), `hers` (what her form holds
now) and `theirs` (what is stored now, from RecordConflict.theirs). A field differs when hers and
theirs differ; it was changed by her when hers differs from the base, by them when theirs does.
Lists of parts with an identity (a provider's services, a meeting's agenda items) are compared part
by part, so two clerks editing different services of one provider both keep their work; other
values (a list of target groups, opening hours) are compared whole.

Records are plain dataclasses (db/*/records.py); nothing here knows an area or Qt. The window
names the fields in Czech (desktop/widgets/conflict_dialog.py).
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

# Bookkeeping every record carries; never a difference a clerk chooses between.
ALWAYS_IGNORED = frozenset({"id", "version", "changed_by", "changed_at"})
NEW = "new"  # path step of a part she added (it has no id yet): (list name, (NEW, index))


@dataclass(frozen=True)
class Shape:
    """How a record type is compared: `parts` names its lists of parts (by field name) with their own
    shape, `key` is the attribute that identifies a part, `ignore` the read-only fields."""

    parts: dict[str, Shape] = field(default_factory=dict)
    key: str = "id"
    ignore: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Difference:
    """One field (or one whole part) where hers and theirs differ.

    `path` leads from the record to the value: ("phone",), ("services", 12, "phone") for a field of
    the service with id 12, ("services", 12) for a whole service one of them deleted (then hers or
    theirs is None), ("services", ("new", 0)) for a service she added. `owners` are the parts on the
    way, as (list name, the part in hers or theirs), for naming them."""

    path: tuple
    base: Any
    hers: Any
    theirs: Any
    owners: tuple = ()

    @property
    def changed_by_her(self) -> bool:
        return self.hers != self.base

    @property
    def changed_by_them(self) -> bool:
        return self.theirs != self.base

    @property
    def clash(self) -> bool:
        """Both changed it, differently: only the clerk can decide."""
        return self.changed_by_her and self.changed_by_them

    @property
    def theirs_by_default(self) -> bool:
        """Take theirs unless she changed it: a merge keeps both clerks' work where they did not meet."""
        return not self.changed_by_her


def differences(base: Any, hers: Any, theirs: Any, shape: Shape = Shape()) -> list[Difference]:
    """Every field where `hers` and `theirs` differ, in the order of the record's fields; empty when
    theirs holds what she has. `base` may be None (a record she had not loaded from the database):
    then every difference counts as changed by both."""
    return _record_differences(base, hers, theirs, shape, (), ())


def _record_differences(base, hers, theirs, shape: Shape, path: tuple, owners: tuple) -> list[Difference]:
    found = []
    for f in dataclasses.fields(hers):
        name = f.name
        if name in ALWAYS_IGNORED or name in shape.ignore:
            continue
        b = getattr(base, name) if base is not None else _UNKNOWN
        h, t = getattr(hers, name), getattr(theirs, name)
        if name in shape.parts:
            found += _part_differences(name, b if base is not None else None, h, t, shape.parts[name],
                                       path, owners)
        elif h != t:
            found.append(Difference((*path, name), b, h, t, owners))
    return found


class _Unknown:
    """The base of a record not loaded from the database: equal to nothing, so both 'changed' it."""

    def __eq__(self, other):
        return False

    __hash__ = None


_UNKNOWN = _Unknown()


def _part_differences(name: str, base: list | None, hers: list, theirs: list, shape: Shape,
                      path: tuple, owners: tuple) -> list[Difference]:
    def key(part):
        return getattr(part, shape.key)

    base_by = {key(p): p for p in base} if base is not None else {}
    hers_by = {key(p): p for p in hers if key(p) is not None}
    theirs_by = {key(p): p for p in theirs}
    found = []
    for k in [*theirs_by, *(k for k in hers_by if k not in theirs_by)]:
        b = base_by.get(k) if base is not None else _UNKNOWN
        h, t = hers_by.get(k), theirs_by.get(k)
        if h is not None and t is not None:
            found += _record_differences(base_by.get(k) if base is not None else None, h, t, shape,
                                         (*path, name, k), (*owners, (name, h)))
        elif h != t:
            found.append(Difference((*path, name, k), b, h, t, (*owners, (name, h if h is not None else t))))
    new = [p for p in hers if key(p) is None]
    for index, part in enumerate(new):
        found.append(Difference((*path, name, (NEW, index)), None, part, None, (*owners, (name, part))))
    return found


def merge(hers: Any, theirs: Any, found: list[Difference], take_theirs: set[tuple], shape: Shape = Shape()) -> Any:
    """The record to save: theirs (with its version, so the save goes through) with her value put back
    at every difference whose path is not in `take_theirs`.

    A part she keeps that they deleted is added again as a new part (its row is gone); a part she
    deleted is left out."""
    result = copy.deepcopy(theirs)
    for difference in found:
        if difference.path not in take_theirs:
            _put(result, difference.path, difference.hers, shape)
    return result


def _put(record: Any, path: tuple, value: Any, shape: Shape) -> None:
    name, rest = path[0], path[1:]
    if not rest:
        setattr(record, name, copy.deepcopy(value))
        return
    part_shape = shape.parts[name]
    parts: list = getattr(record, name)
    k, rest = rest[0], rest[1:]
    position = next((i for i, p in enumerate(parts) if getattr(p, part_shape.key) == k), None)
    if rest:
        if position is not None:
            _put(parts[position], rest, value, part_shape)
        return
    if value is None:
        if position is not None:
            del parts[position]
        return
    part = copy.deepcopy(value)
    if position is not None:
        parts[position] = part
        return
    parts.append(_as_new(part, part_shape))


def _as_new(part: Any, shape: Shape) -> Any:
    """The stored part is gone: it is saved again as a new one, with its own parts."""
    if shape.key == "id":
        part.id = None
    for name, part_shape in shape.parts.items():
        for child in getattr(part, name):
            _as_new(child, part_shape)
    return part
