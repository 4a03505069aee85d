"""The documents of working-group meetings (issue 13): invitation, attendance sheet, minutes, task
overview and resolution register, plus the invitation's .ics and .eml.

`data` collects what is printed from the database into plain dataclasses (`collect_meeting`,
`collect_tasks`, `collect_resolutions`); every builder takes such data and an output path, writes the
file atomically and raises db.errors.UserError with a Czech message when it cannot. Nothing here
imports Qt: the CLI and the preview dialog call the same functions.
"""
from printing.meetings.attendance import build_attendance_sheet
from printing.meetings.data import (
    MeetingDocument, ResolutionRegister, Strip, TaskOverview, collect_meeting, collect_resolutions, collect_tasks,
)
from printing.meetings.ics import meeting_calendar, write_ics
from printing.meetings.invitation import build_invitation
from printing.meetings.message import invitation_message, write_eml
from printing.meetings.minutes import build_minutes_pdf, minutes_text, parse_minutes_text
from printing.meetings.minutes_docx import build_minutes_docx
from printing.meetings.overviews import (
    build_resolution_register, build_task_overview, write_resolution_register_xlsx, write_task_overview_xlsx,
)

__all__ = [
    "MeetingDocument", "ResolutionRegister", "Strip", "TaskOverview",
    "collect_meeting", "collect_resolutions", "collect_tasks",
    "build_invitation", "write_ics", "write_eml", "meeting_calendar", "invitation_message",
    "build_attendance_sheet",
    "build_minutes_pdf", "build_minutes_docx", "minutes_text", "parse_minutes_text",
    "build_task_overview", "write_task_overview_xlsx", "build_resolution_register", "write_resolution_register_xlsx",
]
