"""Codelist entries looked up by what a person types, ignoring case, diacritics and spacing.

Loaded once per import (or demo load) into plain values, so it can be used after the session that read
it is closed and from a worker thread.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.codelists import models as codelists
from db.collation import fold


def lookup_key(text: str) -> str:
    """'Z. s.', 'z.s.' and 'z. s.' are one key; so are 'Pečovatelská  služba' and 'pecovatelska sluzba'."""
    return re.sub(r"\s+", "", fold(text))


# Legal forms as they are also written out in full or in older abbreviations (zákon č. 89/2012 Sb.,
# občanský zákoník: "zapsaný spolek", "zapsaný ústav"), each → the abbreviation in the codelist.
LEGAL_FORM_SPELLINGS = {
    "zapsaný spolek": "z. s.", "zapsaný ústav": "z. ú.", "pobočný zapsaný spolek": "p. s.",
    "obecně prospěšná spol.": "o. p. s.", "příspěvková org.": "p. o.", "spol. s r. o.": "s. r. o.",
    "společnost s r. o.": "s. r. o.", "akc. spol.": "a. s.",
}


def _legal_key(text: str) -> str:
    # "z.ú", "z. ú." and "Z.Ú." are one key.
    return lookup_key(text).replace(".", "")


@dataclass(frozen=True)
class Entry:
    id: int
    name: str


@dataclass(frozen=True)
class TypeEntry(Entry):
    paragraph: str | None

    @property
    def label(self) -> str:
        return f"§ {self.paragraph} {self.name}" if self.paragraph else self.name


@dataclass(frozen=True)
class UnitEntry(Entry):
    code: str


class CodelistIndex:
    def __init__(self, session: Session):
        forms = codelists.provision_forms(session)
        legal_forms = codelists.legal_forms(session)
        self.types = [TypeEntry(t.id, t.name, t.paragraph) for t in codelists.service_types(session)]
        self.categories = [Entry(c.id, c.name) for c in codelists.related_categories(session)]
        self.target_groups = [Entry(g.id, g.name) for g in codelists.target_groups(session)]
        self.forms = [Entry(f.id, f.name) for f in forms]
        self.units = [UnitEntry(u.id, u.name, u.code) for u in codelists.capacity_units(session)]
        self.legal_forms = [Entry(f.id, f.name) for f in legal_forms]
        self._types_by_paragraph = {lookup_key(t.paragraph): t for t in self.types if t.paragraph}
        self._types_by_name = {lookup_key(t.name): t for t in self.types}
        self._categories = {lookup_key(c.name): c for c in self.categories}
        self._groups = {lookup_key(g.name): g for g in self.target_groups}
        self._forms = {lookup_key(key): Entry(f.id, f.name) for f in forms for key in (f.code, f.name)}
        self._units = {lookup_key(key): u for u in self.units for key in (u.code, u.name)}
        self._legal = {_legal_key(key): Entry(f.id, f.name)
                       for f in legal_forms for key in (f.abbreviation, f.name) if key}
        for spelling, abbreviation in LEGAL_FORM_SPELLINGS.items():
            if _legal_key(abbreviation) in self._legal:
                self._legal.setdefault(_legal_key(spelling), self._legal[_legal_key(abbreviation)])

    def service_type(self, text: str) -> TypeEntry | None:
        """By paragraph ('§ 40', '40'), name, or label ('§ 40 pečovatelská služba')."""
        match = re.fullmatch(r"(?:§\s*)?(\d+\s*[a-z]?)\b\s*(.*)", fold(text.strip()))
        if match:
            found = self._types_by_paragraph.get(lookup_key(match[1]))
            if found is None or (match[2] and lookup_key(match[2]) != lookup_key(found.name)):
                return None
            return found
        return self._types_by_name.get(lookup_key(text))

    def related_category(self, text: str) -> Entry | None:
        return self._categories.get(lookup_key(text))

    def target_group(self, text: str) -> Entry | None:
        return self._groups.get(lookup_key(text))

    def provision_form(self, text: str) -> Entry | None:
        return self._forms.get(lookup_key(text))

    def capacity_unit(self, text: str) -> UnitEntry | None:
        return self._units.get(lookup_key(text))

    def legal_form(self, text: str) -> Entry | None:
        """By name, abbreviation or full spelling: "ústav", "z. ú.", "z.ú", "zapsaný ústav"."""
        return self._legal.get(_legal_key(text))

    def form_order(self, name: str) -> int:
        return next((i for i, f in enumerate(self.forms) if f.name == name), len(self.forms))

    def group_order(self, name: str) -> int:
        return next((i for i, g in enumerate(self.target_groups) if g.name == name), len(self.target_groups))
