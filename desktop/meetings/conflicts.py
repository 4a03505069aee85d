"""Czech names of the fields and values of a person, a working group and a meeting for the conflict
dialog (desktop/widgets/conflict_dialog.py): the words of their forms, persons, providers, target groups
and strips by name, enums as the forms word them, dates the Czech way."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from db.meetings.records import (
    ATTENDANCE_LABELS, KIND_LABELS, MAJORITY_BASE_LABELS, MEETING_STATE_LABELS, ROLE_LABELS, TASK_STATE_LABELS,
    TRIAD_LABELS,
)
from db.meetings.validation import GROUP_LABELS, MEETING_LABELS, PERSON_LABELS
from desktop.directory.formatting import czech_date
from desktop.widgets.conflict_dialog import Labels

TITLE_LENGTH = 40  # characters of a resolution's or a task's text that name it in the dialog


def _named(names: Mapping[int, str]) -> Callable[[int], str]:
    return lambda key: names.get(key, "(neznámý záznam)")


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[:TITLE_LENGTH - 1].rstrip() + "…"


def _enum(words: Mapping[Any, str]) -> Callable[[Any], str]:
    return lambda value: words.get(value, str(value))


def _minutes(value: int) -> str:
    return f"{value} min"


def person_labels(provider_names: Mapping[int, str]) -> Labels:
    """Labels of a PersonRecord; `provider_names` the directory's providers by id."""
    fields = {**PERSON_LABELS, "provider_id": "Poskytovatel z adresáře", "triad_role": "Role v triádě",
              "note": "Poznámka", "active": "Aktivní", "consent_on": "Souhlas s údaji ode dne"}
    values = {"provider_id": _named(provider_names), "triad_role": _enum(TRIAD_LABELS), "consent_on": czech_date}
    return Labels(fields=fields, values=values)


def group_labels(target_groups: Mapping[int, str], strips: Mapping[int, str],
                 person_names: Mapping[int, str]) -> Labels:
    """Labels of a GroupRecord with its memberships; code lists and persons by id."""
    fields = {**GROUP_LABELS, "kind": "Druh", "description": "Popis", "active_from": "Činnost od",
              "active_to": "Činnost do", "target_group_ids": "Cílové skupiny", "funding_strip_id": "Pruh s logy",
              "quorum_strict": "Usnášeníschopnost – přítomno", "majority_strict": "Přijetí usnesení – pro hlasuje",
              "majority_base": "Většina se počítá z počtu",
              "tie_chair_decides": "Při rovnosti hlasů rozhoduje předsedající",
              "memberships.person_id": "Osoba", "memberships.role": "Role ve skupině",
              "memberships.voting": "Hlasovací právo", "memberships.valid_from": "Členem od",
              "memberships.valid_to": "Členem do"}
    more_than = {True: "více než", False: "alespoň"}
    values = {
        "kind": _enum(KIND_LABELS), "majority_base": _enum(MAJORITY_BASE_LABELS),
        "target_group_ids": lambda ids: ", ".join(target_groups.get(i, "?") for i in ids),
        "funding_strip_id": _named(strips),
        "active_from": czech_date, "active_to": czech_date,
        "quorum_percent": lambda v: f"{v} %", "majority_percent": lambda v: f"{v} %",
        "quorum_strict": more_than.get, "majority_strict": more_than.get,
        "notice_days": lambda v: f"{v} dní předem",
        "memberships.person_id": _named(person_names), "memberships.role": _enum(ROLE_LABELS),
        "memberships.valid_from": czech_date, "memberships.valid_to": czech_date,
    }
    parts = {"memberships": ("Členství", lambda m: m.person_name or person_names.get(m.person_id, ""))}
    return Labels(fields=fields, parts=parts, values=values)


def meeting_labels(person_names: Mapping[int, str], strips: Mapping[int, str]) -> Labels:
    """Labels of a MeetingRecord with its agenda (resolutions, tasks), attendance and task reviews;
    `person_names` every person a meeting may name (members, chair, task owners) by id."""
    person = _named(person_names)
    fields = {
        **MEETING_LABELS, "chair_id": "Předsedající", "minute_taker_id": "Zapisovatel",
        "excuse_to": "Omluvy komu", "notes": "Poznámky", "minutes_text": "Text zápisu",
        "funding_strip_id": "Pruh s logy",
        "agenda.title": "Název", "agenda.presenter": "Předkládá", "agenda.planned_minutes": "Délka",
        "agenda.notes": "Projednání", "agenda.is_task_review": "Kontrola úkolů",
        "resolutions.text": "Text", "resolutions.votes_for": "Pro", "resolutions.votes_against": "Proti",
        "resolutions.votes_abstained": "Zdrželo se",
        "resolutions.chair_votes_for": "Předsedající při rovnosti hlasů",
        "tasks.description": "Co je třeba udělat", "tasks.responsible_person_id": "Kdo",
        "tasks.responsible_text": "Kdo (mimo seznam osob)", "tasks.due_on": "Termín", "tasks.state": "Stav",
        "tasks.note": "Poznámka", "tasks.closed_on": "Uzavřen dne",
        "attendance.state": "Účast", "attendance.voting": "Hlasuje", "attendance.person_id": "Osoba",
        "attendance.is_guest": "Host", "attendance.guest_name": "Jméno hosta",
        "attendance.guest_organisation": "Organizace hosta",
        "task_reviews.state": "Stav nyní", "task_reviews.note": "Poznámka",
    }
    values = {
        "state": _enum(MEETING_STATE_LABELS), "chair_id": person, "minute_taker_id": person,
        "verifier_ids": lambda ids: ", ".join(person(i) for i in ids), "funding_strip_id": _named(strips),
        "date": czech_date, "excuse_by": czech_date,
        "agenda.planned_minutes": _minutes,
        "resolutions.chair_votes_for": lambda v: "pro" if v else "proti",
        "tasks.responsible_person_id": person, "tasks.due_on": czech_date, "tasks.closed_on": czech_date,
        "tasks.state": _enum(TASK_STATE_LABELS),
        "attendance.state": _enum(ATTENDANCE_LABELS), "attendance.person_id": person,
        "task_reviews.state": _enum(TASK_STATE_LABELS),
    }
    parts = {
        "agenda": ("Bod programu", lambda item: item.title),
        "resolutions": ("Usnesení", lambda r: r.number or _shortened(r.text)),
        "tasks": ("Úkol", lambda t: _shortened(t.description)),
        "attendance": ("Prezence", lambda line: line.display_name or person_names.get(line.person_id, "")),
        "task_reviews": ("Kontrola úkolu", lambda review: _shortened(review.description)),
    }
    return Labels(fields=fields, parts=parts, values=values)
