"""The meeting as an iCalendar file (RFC 5545) that Outlook, Thunderbird or a phone adds to a calendar.

- Times are local Prague time with TZID=Europe/Prague and a VTIMEZONE written with the EU summer-time
  rule (since 1996: last Sunday of March 2:00 → last Sunday of October 3:00) as two RRULEs, the form
  Outlook itself writes; icalendar's generated zone lists every transition as RDATEs, which older
  Outlook versions mishandle.
- UID is stable per meeting, so a second file for the same meeting (a new time, a cancellation)
  updates the calendar entry instead of adding another; SEQUENCE grows with the meeting's last change
  (minutes since 2020-01-01), as RFC 5545 §3.8.7.4 requires of a revised event.
- METHOD:PUBLISH: the file is information to add, not a meeting request awaiting replies; a cancelled
  meeting is published with STATUS:CANCELLED.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur, vText

from db.meetings.models import MeetingState
from printing.meetings.data import MeetingDocument
from printing.meetings.invitation import excuse_sentence, presenter_note
from printing.meetings.page import atomic_output
from printing.meetings.text import ordinal_meeting

TZID = "Europe/Prague"
PRAGUE = ZoneInfo(TZID)
PRODID = "-//Komunitní plán//Jednání pracovních skupin//CS"
DEFAULT_LENGTH = dt.timedelta(hours=2)
_SEQUENCE_EPOCH = dt.datetime(2020, 1, 1)


def meeting_uid(doc: MeetingDocument) -> str:
    """The meeting's UID: the same for every file made for it."""
    return f"kp-meeting-{doc.meeting_id}@komunitni-plan"


def event_summary(doc: MeetingDocument) -> str:
    """"PS Senioři – 3. jednání" (the group's short name if it has one)."""
    return f"{doc.group_label} – {ordinal_meeting(doc.number).replace(chr(0xA0), ' ')}"


def _sequence(doc: MeetingDocument) -> int:
    if doc.changed_at is None:
        return 0
    return max(0, int((doc.changed_at - _SEQUENCE_EPOCH).total_seconds() // 60))


def _clock(text: str) -> dt.time | None:
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        return None


def meeting_times(doc: MeetingDocument) -> tuple[dt.datetime | dt.date, dt.datetime | dt.date]:
    """(start, end) in Prague time. Without an end: the planned minutes of the agenda, else two hours.
    Without a start time: the whole day (dates, end exclusive as RFC 5545 wants)."""
    start_time = _clock(doc.starts_at)
    if start_time is None:
        return doc.date, doc.date + dt.timedelta(days=1)
    start = dt.datetime.combine(doc.date, start_time, tzinfo=PRAGUE)
    end_time = _clock(doc.ends_at)
    if end_time is not None and end_time > start_time:
        return start, dt.datetime.combine(doc.date, end_time, tzinfo=PRAGUE)
    planned = sum(item.planned_minutes or 0 for item in doc.agenda)
    return start, start + (dt.timedelta(minutes=planned) if planned else DEFAULT_LENGTH)


def program_lines(doc: MeetingDocument) -> list[str]:
    """The numbered agenda, then whom to excuse oneself to: plain text lines for the calendar event
    and the invitation e-mail."""
    lines = ["Program:"]
    for number, item in enumerate(doc.agenda, start=1):
        note = presenter_note(item)
        lines.append(f"{number}. {item.title}" + (f" ({note})" if note else ""))
    excuse = excuse_sentence(doc)
    return lines + ["", excuse] if excuse else lines


def event_description(doc: MeetingDocument) -> str:
    """The agenda and whom to excuse oneself to, as plain text."""
    return "\n".join(program_lines(doc)).replace("\u00a0", " ")


def _clock_change(part, name: str, start: dt.datetime, hours_before: int, hours_after: int):
    """`part` (a daylight or standard component) as the yearly change of the clock first made at
    `start`, repeated on the last Sunday of its month; offsets from UTC in hours."""
    part.add("tzname", name)
    part.add("dtstart", start)
    part.add("tzoffsetfrom", dt.timedelta(hours=hours_before))
    part.add("tzoffsetto", dt.timedelta(hours=hours_after))
    part.add("rrule", vRecur(freq="YEARLY", bymonth=start.month, byday="-1SU"))
    return part


def prague_timezone() -> Timezone:
    """VTIMEZONE of Europe/Prague with the EU rule (see module docstring)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add_component(_clock_change(TimezoneDaylight(), "CEST", dt.datetime(1996, 3, 31, 2, 0), 1, 2))
    zone.add_component(_clock_change(TimezoneStandard(), "CET", dt.datetime(1996, 10, 27, 3, 0), 2, 1))
    return zone


def meeting_calendar(doc: MeetingDocument, now: dt.datetime | None = None) -> Calendar:
    """The VCALENDAR of one meeting (see module docstring); `now` (UTC) stamps it, for tests."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(prague_timezone())
    event = Event()
    event.add("uid", meeting_uid(doc))
    event.add("dtstamp", now or dt.datetime.now(dt.timezone.utc))
    event.add("sequence", _sequence(doc))
    start, end = meeting_times(doc)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", event_summary(doc))
    if doc.place.strip():
        event.add("location", doc.place.strip())
    event.add("description", event_description(doc))
    event.add("status", "CANCELLED" if doc.state is MeetingState.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if doc.office.email.strip():
        organizer = vCalAddress(f"mailto:{doc.office.email.strip()}")
        name = doc.office.department.strip() or doc.office.town.strip()
        if name:
            organizer.params["cn"] = vText(name)
        event.add("organizer", organizer)
    calendar.add_component(event)
    return calendar


def write_ics(doc: MeetingDocument, path: Path | str) -> None:
    """Write the meeting's .ics file to `path`. Raises UserError if it cannot be written."""
    data = meeting_calendar(doc).to_ical()
    with atomic_output(path, ".ics") as tmp:
        tmp.write_bytes(data)
