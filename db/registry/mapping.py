"""Mapping the register's codelist entries onto the application's own codelists, by name.

The register and the application word some entries differently ("pobytové služby" / "pobytová",
"počet lůžek" / "lůžka"), so forms and capacity units are matched by the stem of their key word;
service types and target groups use the same wording on both sides and must match exactly
(case and diacritics aside). An entry with no counterpart maps to None and the record that uses it
is imported with a warning.
"""
from __future__ import annotations

import os.path
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.codelists import capacity_units, provision_forms, service_types, target_groups
from db.collation import fold
from db.registry.codelists import RegisterCodelists

AgeRange = tuple[int | None, int | None]

_FILLER_WORDS = {"pocet", "sluzby", "sluzba"}
# The genitive plural of the register's "počet lůžek" inserts a vowel, so "lůžek"/"lůžka" share only
# three letters; the best match must also be the only one that long.
_MIN_STEM = 3


@dataclass
class CodelistMapping:
    service_types: dict[str, str | None]  # register id → our ServiceType.name
    target_groups: dict[str, str | None]  # register id → our TargetGroup.name
    forms: dict[str, str | None]  # register id → our ProvisionForm.code
    capacity_units: dict[str, str | None]  # register id → our CapacityUnit.code
    age_groups: dict[str, AgeRange | None] | None  # None: the age codelist was not given
    register: RegisterCodelists


def build_mapping(codelists: RegisterCodelists, session: Session) -> CodelistMapping:
    our_types = {fold(t.name): t.name for t in service_types(session)}
    our_groups = {fold(g.name): g.name for g in target_groups(session)}
    our_forms = {f.name: f.code for f in provision_forms(session)}
    our_units = {u.name: u.code for u in capacity_units(session)}
    return CodelistMapping(
        service_types={rid: our_types.get(fold(name)) for rid, name in codelists.service_types.items()},
        target_groups={rid: our_groups.get(fold(name)) for rid, name in codelists.target_groups.items()},
        forms={rid: match_by_stem(name, our_forms) for rid, name in codelists.forms.items()},
        capacity_units={rid: match_by_stem(name, our_units) for rid, name in codelists.capacity_types.items()},
        age_groups=(None if codelists.age_groups is None
                    else {rid: parse_age_band(name) for rid, name in codelists.age_groups.items()}),
        register=codelists,
    )


def _key_word(name: str) -> str:
    words = [w for w in re.findall(r"\w+", fold(name)) if w not in _FILLER_WORDS]
    return words[0] if words else ""


def match_by_stem(name: str, ours: dict[str, str]) -> str | None:
    """Code of our entry whose key word shares the longest stem with `name`'s; None if unclear."""
    word = _key_word(name)
    scored = [(len(os.path.commonprefix([word, _key_word(our_name)])), code) for our_name, code in ours.items()]
    best = max((score for score, _ in scored), default=0)
    winners = [code for score, code in scored if score == best]
    return winners[0] if best >= _MIN_STEM and len(winners) == 1 else None


def parse_age_band(name: str) -> AgeRange | None:
    """Ages of a band named like "mladší děti (7–12 let)", "děti do 1 roku", "starší senioři (nad 80 let)".

    (None, None) means no age limit; None means the name says no age we can read.
    """
    text = fold(name)
    if "bez omezeni" in text:
        return None, None
    if m := re.search(r"(\d+)\s*[-–]\s*(\d+)", text) or re.search(r"\bod\s+(\d+)\s+do\s+(\d+)", text):
        return int(m.group(1)), int(m.group(2))
    if m := re.search(r"\bnad\s+(\d+)", text) or re.search(r"\bod\s+(\d+)", text):
        return int(m.group(1)), None
    if m := re.search(r"\bdo\s+(\d+)", text):
        return 0, int(m.group(1))
    return None


def combine_ages(bands: list[AgeRange]) -> AgeRange:
    """The age range a service covers, from the bands it registered."""
    if not bands or any(band == (None, None) for band in bands):
        return None, None
    lows = [low for low, _ in bands if low is not None]
    highs = [high for _, high in bands]
    return (min(lows) if lows else None), (None if None in highs else max(highs))
