"""Rules of procedure (jednací řád): quorum, majority of a resolution, who counts on a meeting day.

Pure functions without a database, so the editor can show the quorum live and the printers can word
the same sentences. Defaults are the common Czech rules (../shared/domain/MEETINGS-AND-PLAN.md, "Rules
of procedure"): quorum = more than half of the voting members present; a resolution passes with more
than half of the votes of the voting members present; a tie is not adopted unless the group lets the
chair decide. Guests never count, neither for the quorum nor for the vote.

All comparisons are done in integers (`count * 100` against `percent * base`), so "exactly half" is
decided exactly and never by a rounding of floats.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from db.meetings.models import AttendanceState, MajorityBase


@dataclass(frozen=True)
class GroupRules:
    """A group's rules of procedure; the defaults are the common Czech ones."""

    quorum_percent: int = 50
    quorum_strict: bool = True       # True: more than `quorum_percent` %; False: at least
    majority_percent: int = 50
    majority_strict: bool = True
    majority_base: MajorityBase = MajorityBase.PRESENT
    tie_chair_decides: bool = False
    notice_days: int = 7
    meetings_per_year: int = 4

    @classmethod
    def of(cls, group) -> GroupRules:
        """The rules stored on a WorkingGroup (or a GroupRecord: both carry the same attribute names)."""
        return cls(
            quorum_percent=group.quorum_percent, quorum_strict=group.quorum_strict,
            majority_percent=group.majority_percent, majority_strict=group.majority_strict,
            majority_base=group.majority_base, tie_chair_decides=group.tie_chair_decides,
            notice_days=group.notice_days, meetings_per_year=group.meetings_per_year)


def _threshold(percent: int, strict: bool, base: int) -> int:
    """The smallest count n with n > percent % of base (strict) or n ≥ percent % of base."""
    product = percent * base
    if strict:
        return product // 100 + 1
    return -(-product // 100)


def _members_genitive(n: int) -> str:
    return "člena" if n == 1 else "členů"


def _present_word(n: int) -> str:
    return "Přítomen" if n == 1 else "Přítomno"


@dataclass(frozen=True)
class QuorumResult:
    has_quorum: bool
    required: int   # minimum voting members present for a quorum
    voting_members: int
    voting_present: int
    sentence: str   # for the minutes: "Přítomno 7 z 11 členů s hlasovacím právem, skupina je usnášeníschopná."


def quorum(rules: GroupRules, voting_members: int, voting_present: int) -> QuorumResult:
    """Whether `voting_present` of `voting_members` (members with a vote; guests excluded) is a quorum.

    A group without voting members never has a quorum. Raises ValueError for negative counts or more
    present than members.
    """
    if voting_members < 0 or voting_present < 0 or voting_present > voting_members:
        raise ValueError(f"invalid counts: {voting_present} present of {voting_members}")
    required = max(1, _threshold(rules.quorum_percent, rules.quorum_strict, voting_members))
    has_quorum = voting_members > 0 and voting_present >= required
    if voting_members == 0:
        sentence = "Skupina nemá žádné členy s hlasovacím právem, není usnášeníschopná."
    else:
        verdict = ("skupina je usnášeníschopná." if has_quorum else
                   f"skupina není usnášeníschopná (je třeba alespoň {required}).")
        sentence = (f"{_present_word(voting_present)} {voting_present} z {voting_members} "
                    f"{_members_genitive(voting_members)} s hlasovacím právem, {verdict}")
    return QuorumResult(has_quorum, required, voting_members, voting_present, sentence)


@dataclass(frozen=True)
class VoteResult:
    adopted: bool
    required: int        # votes for needed under the group's majority rule
    tie: bool            # as many votes for as against
    sentence: str        # "Hlasování: pro 7, proti 0, zdržel se 1 – usnesení bylo přijato."
    warnings: list[str] = field(default_factory=list)


def vote_sentence(votes_for: int, votes_against: int, votes_abstained: int, adopted: bool) -> str:
    """The usual Czech wording of a vote in minutes."""
    verdict = "usnesení bylo přijato" if adopted else "usnesení nebylo přijato"
    return (f"Hlasování: pro {votes_for}, proti {votes_against}, zdržel se {votes_abstained} – "
            f"{verdict}.")


def resolution_outcome(rules: GroupRules, votes_for: int, votes_against: int, votes_abstained: int,
                       voting_present: int, voting_members: int,
                       chair_votes_for: bool | None = None) -> VoteResult:
    """Whether a resolution was adopted under the group's majority rule.

    The base of the majority is the voting members present (the usual rule), all voting members, or
    the votes cast (pro + proti), as the group sets. A tie (pro = proti) is decided by the chair's vote
    (`chair_votes_for`) only when the group's rules say so; otherwise the ordinary majority applies,
    so a tie is not adopted. Without a quorum nothing is adopted and `warnings` says why; votes adding
    up to more than the voting members present are reported as a warning too. Raises ValueError on
    negative counts.
    """
    if min(votes_for, votes_against, votes_abstained, voting_present, voting_members) < 0:
        raise ValueError("negative vote counts")
    warnings: list[str] = []
    cast = votes_for + votes_against
    if votes_for + votes_against + votes_abstained > voting_present:
        warnings.append(
            f"Součet hlasů ({votes_for + votes_against + votes_abstained}) je vyšší než počet přítomných "
            f"členů s hlasovacím právem ({voting_present}); hosté nehlasují.")
    base = {MajorityBase.PRESENT: voting_present, MajorityBase.ALL: voting_members,
            MajorityBase.CAST: cast}[rules.majority_base]
    required = max(1, _threshold(rules.majority_percent, rules.majority_strict, base))
    tie = votes_for == votes_against and votes_for > 0
    if tie and rules.tie_chair_decides and chair_votes_for is not None:
        adopted = chair_votes_for
    else:
        adopted = votes_for >= required
    has_quorum = quorum(rules, voting_members, min(voting_present, voting_members)).has_quorum
    if not has_quorum:
        warnings.append("Skupina nebyla usnášeníschopná: usnesení nemohlo být platně přijato.")
        adopted = False
    sentence = vote_sentence(votes_for, votes_against, votes_abstained, adopted)
    if tie and rules.tie_chair_decides and chair_votes_for is not None:
        sentence = sentence[:-1] + " (při rovnosti hlasů rozhodl hlas předsedajícího)."
    return VoteResult(adopted, required, tie, sentence, warnings)


class AttendanceLine(Protocol):
    state: AttendanceState
    voting: bool
    is_guest: bool


def voting_counts(lines: Iterable[AttendanceLine]) -> tuple[int, int]:
    """(voting members, voting members present) of a meeting's attendance lines.

    Guests never count, even if a line says `voting` (a guest may speak but never votes); excused and
    absent members count among the members but not among those present.
    """
    members = present = 0
    for line in lines:
        if line.is_guest or not line.voting:
            continue
        members += 1
        if line.state is AttendanceState.PRESENT:
            present += 1
    return members, present


def meeting_quorum(rules: GroupRules, lines: Iterable[AttendanceLine]) -> QuorumResult:
    """The quorum of a meeting from its attendance lines (what the editor shows live)."""
    return quorum(rules, *voting_counts(lines))


def membership_valid_on(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    """Whether a membership from–to (both inclusive, open when None) covers `day`: a member whose
    membership ended the day before the meeting is no longer listed."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def invitation_deadline(rules: GroupRules, meeting_day: dt.date) -> dt.date:
    """The last day the invitation may go out: `notice_days` calendar days before the meeting."""
    return meeting_day - dt.timedelta(days=rules.notice_days)


def notice_warning(rules: GroupRules, meeting_day: dt.date, sent_on: dt.date) -> str | None:
    """A Czech warning when an invitation sent on `sent_on` is later than the rules allow, else None."""
    deadline = invitation_deadline(rules, meeting_day)
    if sent_on <= deadline:
        return None
    return (f"Podle jednacího řádu má pozvánka odejít nejméně {rules.notice_days} dní před jednáním, "
            f"tedy nejpozději {deadline.day}. {deadline.month}. {deadline.year}.")


def yearly_meetings_warning(rules: GroupRules, year: int, held: int) -> str | None:
    """A Czech warning when fewer meetings than the rules ask for are held or planned in `year`."""
    if held >= rules.meetings_per_year:
        return None
    return (f"V roce {year} má skupina {held} jednání (proběhlá i naplánovaná); jednací řád jich "
            f"předpokládá nejméně {rules.meetings_per_year}.")
