"""The merge rule of db/conflicts.py, for any choice of changed fields and of the side kept."""
from __future__ import annotations

import dataclasses

from hypothesis import given, strategies as st

from db.conflicts import differences, merge
from db.meetings.records import PERSON_SHAPE, PersonRecord

FIELDS = ("title_before", "first_name", "last_name", "organisation", "email", "phone", "note")
BASE = PersonRecord(id=7, first_name="Jana", last_name="Nováková", organisation="Charita", email="jana@example.cz",
                    phone="+420 600 000 000", note="", version=3)


def _changed(fields: set[str], suffix: str, **extra) -> PersonRecord:
    return dataclasses.replace(BASE, **{f: getattr(BASE, f) + suffix for f in fields}, **extra)


@given(her_fields=st.sets(st.sampled_from(FIELDS)), their_fields=st.sets(st.sampled_from(FIELDS)), data=st.data())
def test_each_field_comes_from_the_side_chosen_and_the_version_from_theirs(her_fields, their_fields, data):
    hers = _changed(her_fields, " (její)")
    theirs = _changed(their_fields, " (jejich)", version=4, changed_by="Petra")
    found = differences(BASE, hers, theirs, PERSON_SHAPE)

    assert {d.path[0] for d in found} == her_fields | their_fields
    for d in found:
        assert d.clash == (d.path[0] in her_fields and d.path[0] in their_fields)
        assert d.theirs_by_default == (d.path[0] not in her_fields)
    take_theirs = data.draw(st.sets(st.sampled_from([d.path for d in found]))) if found else set()
    merged = merge(hers, theirs, found, take_theirs, PERSON_SHAPE)

    for name in FIELDS:
        source = theirs if (name,) in take_theirs or name not in her_fields | their_fields else hers
        assert getattr(merged, name) == getattr(source, name), name
    assert merged.version == 4
    assert differences(BASE, hers, theirs, PERSON_SHAPE) == found  # the inputs are left as they were


def test_without_a_base_every_difference_is_a_clash():
    hers, theirs = _changed({"phone"}, " (její)"), _changed(set(), "", version=4)
    [difference] = differences(None, hers, theirs, PERSON_SHAPE)
    assert difference.clash and not difference.theirs_by_default
