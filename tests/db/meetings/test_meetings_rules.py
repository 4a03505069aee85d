"""Quorum and majority by the rules of procedure, with the edge cases a clerk meets."""
import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.meetings.models import AttendanceState, MajorityBase
from db.meetings.rules import (
    GroupRules, meeting_quorum, membership_valid_on, notice_warning, quorum, resolution_outcome, vote_sentence,
    voting_counts, yearly_meetings_warning,
)

DEFAULT = GroupRules()


@dataclass
class Line:
    state: AttendanceState
    voting: bool = True
    is_guest: bool = False


P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT


def test_quorum_sentence_in_the_usual_czech_form():
    result = quorum(DEFAULT, 11, 7)
    assert result.has_quorum and result.required == 6
    assert result.sentence == "Přítomno 7 z 11 členů s hlasovacím právem, skupina je usnášeníschopná."


def test_exactly_half_present_is_no_quorum_under_more_than_half():
    result = quorum(DEFAULT, 10, 5)
    assert not result.has_quorum and result.required == 6
    assert result.sentence == ("Přítomno 5 z 10 členů s hlasovacím právem, skupina není usnášeníschopná "
                               "(je třeba alespoň 6).")
    assert quorum(DEFAULT, 10, 6).has_quorum


def test_exactly_half_is_a_quorum_when_the_group_says_at_least_half():
    rules = GroupRules(quorum_percent=50, quorum_strict=False)
    assert quorum(rules, 10, 5).has_quorum and quorum(rules, 10, 5).required == 5
    assert not quorum(rules, 10, 4).has_quorum
    assert quorum(rules, 9, 5).required == 5  # 4.5 rounds up


def test_two_thirds_rule_and_odd_counts():
    rules = GroupRules(quorum_percent=66, quorum_strict=False)
    assert quorum(rules, 3, 2).has_quorum
    assert quorum(DEFAULT, 7, 4).has_quorum and not quorum(DEFAULT, 7, 3).has_quorum


def test_group_without_voting_members_never_has_a_quorum():
    result = quorum(DEFAULT, 0, 0)
    assert not result.has_quorum
    assert "nemá žádné členy s hlasovacím právem" in result.sentence


def test_one_member_grammar():
    assert quorum(DEFAULT, 1, 1).sentence.startswith("Přítomen 1 z 1 člena s hlasovacím právem, skupina je")


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        quorum(DEFAULT, 5, 6)
    with pytest.raises(ValueError):
        resolution_outcome(DEFAULT, -1, 0, 0, 5, 9)


def test_a_guest_never_counts_for_quorum_even_if_marked_voting():
    lines = [Line(P), Line(P), Line(E), Line(A), Line(P, voting=True, is_guest=True), Line(P, voting=False)]
    assert voting_counts(lines) == (4, 2)
    result = meeting_quorum(DEFAULT, lines)
    assert not result.has_quorum  # 2 of 4 is exactly half; the guest would have made it 3
    assert result.sentence.startswith("Přítomno 2 z 4 členů")


def test_a_member_whose_membership_ended_the_day_before_is_not_a_member():
    meeting = dt.date(2026, 3, 10)
    assert not membership_valid_on(dt.date(2020, 1, 1), meeting - dt.timedelta(days=1), meeting)
    assert membership_valid_on(dt.date(2020, 1, 1), meeting, meeting)  # the last day still counts
    assert not membership_valid_on(meeting + dt.timedelta(days=1), None, meeting)
    assert membership_valid_on(None, None, meeting)


def test_resolution_adopted_with_more_than_half_of_those_present():
    result = resolution_outcome(DEFAULT, 7, 0, 1, 8, 11)
    assert result.adopted and result.required == 5
    assert result.sentence == "Hlasování: pro 7, proti 0, zdržel se 1 – usnesení bylo přijato."
    assert result.warnings == []


def test_exactly_half_of_those_present_is_not_adopted():
    result = resolution_outcome(DEFAULT, 4, 0, 4, 8, 11)
    assert not result.adopted
    assert result.sentence.endswith("usnesení nebylo přijato.")


def test_abstentions_count_against_under_the_present_base_but_not_under_votes_cast():
    votes = (4, 3, 2)  # 9 present
    assert not resolution_outcome(DEFAULT, *votes, 9, 11).adopted
    cast = GroupRules(majority_base=MajorityBase.CAST)
    assert resolution_outcome(cast, *votes, 9, 11).adopted


def test_majority_of_all_members():
    rules = GroupRules(majority_base=MajorityBase.ALL)
    assert not resolution_outcome(rules, 6, 0, 0, 7, 12).adopted  # 6 of 12 is half
    assert resolution_outcome(rules, 7, 0, 0, 7, 12).adopted


def test_a_tie_is_not_adopted_unless_the_chair_decides():
    cast = GroupRules(majority_base=MajorityBase.CAST)
    assert not resolution_outcome(cast, 3, 3, 0, 6, 8).adopted
    chair = GroupRules(majority_base=MajorityBase.CAST, tie_chair_decides=True)
    decided = resolution_outcome(chair, 3, 3, 0, 6, 8, chair_votes_for=True)
    assert decided.adopted and decided.tie
    assert "rozhodl hlas předsedajícího" in decided.sentence
    assert not resolution_outcome(chair, 3, 3, 0, 6, 8, chair_votes_for=False).adopted
    # The chair's vote is asked only on a tie.
    assert not resolution_outcome(chair, 2, 3, 0, 6, 8, chair_votes_for=True).adopted


def test_no_quorum_means_not_adopted_with_a_warning():
    result = resolution_outcome(DEFAULT, 5, 0, 0, 5, 10)
    assert not result.adopted
    assert any("nebyla usnášeníschopná" in w for w in result.warnings)


def test_more_votes_than_voting_members_present_is_flagged():
    result = resolution_outcome(DEFAULT, 8, 1, 0, 8, 11)
    assert any("hosté nehlasují" in w for w in result.warnings)


def test_vote_sentence_wording():
    assert vote_sentence(0, 5, 1, False) == "Hlasování: pro 0, proti 5, zdržel se 1 – usnesení nebylo přijato."


@given(members=st.integers(0, 60), data=st.data())
def test_quorum_is_exactly_more_than_half_by_default(members, data):
    present = data.draw(st.integers(0, members))
    result = quorum(DEFAULT, members, present)
    assert result.has_quorum == (members > 0 and 2 * present > members)
    assert result.has_quorum == (members > 0 and present >= result.required)


@given(present=st.integers(0, 40), data=st.data())
def test_default_majority_is_more_than_half_of_those_present(present, data):
    members = data.draw(st.integers(present, 60))
    votes_for = data.draw(st.integers(0, present))
    against = data.draw(st.integers(0, present - votes_for))
    abstained = data.draw(st.integers(0, present - votes_for - against))
    result = resolution_outcome(DEFAULT, votes_for, against, abstained, present, members)
    has_quorum = members > 0 and 2 * present > members
    assert result.adopted == (has_quorum and 2 * votes_for > present)
    assert bool(result.warnings) == (not has_quorum)


@given(percent=st.integers(1, 100), strict=st.booleans(), members=st.integers(1, 60))
def test_required_is_the_smallest_count_that_passes(percent, strict, members):
    rules = GroupRules(quorum_percent=percent, quorum_strict=strict)
    required = quorum(rules, members, 0).required
    for present in range(members + 1):
        expected = present * 100 > percent * members if strict else present * 100 >= percent * members
        assert quorum(rules, members, present).has_quorum == (expected and present >= 1)
    assert required >= 1


def test_notice_period_and_meetings_a_year():
    day = dt.date(2026, 12, 16)
    assert notice_warning(DEFAULT, day, dt.date(2026, 12, 9)) is None  # exactly 7 days ahead
    assert notice_warning(DEFAULT, day, dt.date(2026, 12, 10)) == (
        "Podle jednacího řádu má pozvánka odejít nejméně 7 dní před jednáním, tedy nejpozději 9. 12. 2026.")
    assert yearly_meetings_warning(DEFAULT, 2026, 4) is None
    assert "nejméně 4" in yearly_meetings_warning(DEFAULT, 2026, 3)
