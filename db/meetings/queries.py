"""The core API of the working-groups tab and the command line, in one place: persons, groups and
members, meetings with their agenda, attendance, resolutions and task reviews, tasks and resolutions
across groups, search, funding strips.

Every function takes a Session first and is meant for `Database.read` / `Database.write` (one
transaction per write). Lists a person reads come in Czech order (db.collation). Saving validates
first (db.meetings.validation) and writes nothing when a record is invalid. The functions live in
one module per subject (person_queries, group_queries, meeting_queries, task_queries, strip_queries);
this module gathers them so callers need one import.
"""
from __future__ import annotations

from db.meetings.person_queries import (
    PersonRow, list_people, load_person, save_person, person_history, delete_person, deactivate_person,
    ProviderChoice, provider_choices, person_from_provider, split_name,
)
from db.meetings.group_queries import (
    GroupRow, list_groups, find_group, load_group, save_group, delete_group, MemberRow, members_on,
    list_memberships, save_membership, end_membership, delete_membership,
)
from db.meetings.meeting_queries import (
    MeetingRow, list_meetings, load_meeting, meeting_reviews, open_tasks, reviews_on, attendance_for,
    next_meeting_number, new_meeting, copy_agenda_from_last, resolution_number, save_meeting,
    delete_meeting,
)
from db.meetings.task_queries import (
    TaskRow, list_tasks, ResolutionRow, list_resolutions, SearchHit, search,
)
from db.meetings.strip_queries import (
    list_strips, load_strip, save_strip, delete_strip, meeting_strip,
)

__all__ = [
    "PersonRow", "list_people", "load_person", "save_person", "person_history", "delete_person",
    "deactivate_person", "ProviderChoice", "provider_choices", "person_from_provider", "split_name",
    "GroupRow", "list_groups", "find_group", "load_group", "save_group", "delete_group", "MemberRow",
    "members_on", "list_memberships", "save_membership", "end_membership", "delete_membership",
    "MeetingRow", "list_meetings", "load_meeting", "meeting_reviews", "open_tasks", "reviews_on", "attendance_for",
    "next_meeting_number", "new_meeting", "copy_agenda_from_last", "resolution_number", "save_meeting",
    "delete_meeting", "TaskRow", "list_tasks", "ResolutionRow", "list_resolutions", "SearchHit", "search",
    "list_strips", "load_strip", "save_strip", "delete_strip", "meeting_strip",
]
