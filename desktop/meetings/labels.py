"""Czech words for the meeting enums, as the core words them (db.meetings.records)."""
from __future__ import annotations

from db.meetings.records import (
    ATTENDANCE_LABELS as ATTENDANCE_STATES, KIND_LABELS as GROUP_KINDS,
    MAJORITY_BASE_LABELS as MAJORITY_BASES, MEETING_STATE_LABELS as MEETING_STATES,
    ROLE_LABELS as MEMBERSHIP_ROLES, TASK_STATE_LABELS as TASK_STATES, TRIAD_LABELS as TRIAD_ROLES,
)

__all__ = ["ATTENDANCE_STATES", "GROUP_KINDS", "MAJORITY_BASES", "MEETING_STATES", "MEMBERSHIP_ROLES",
           "TASK_STATES", "TRIAD_ROLES"]
