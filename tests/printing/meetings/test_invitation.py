import dataclasses
import datetime as dt
import email
from email import policy
from zoneinfo import ZoneInfo

import icalendar
import pytest

from db.errors import UserError
from db.meetings.models import MeetingState
from printing.meetings import build_invitation, write_eml, write_ics
from printing.meetings.data import PersonLine
from printing.meetings.ics import prague_timezone
from tests.printing.conftest import normalize, page_texts
from tests.printing.meetings.sample import MEMBERS, sample_document


def test_invitation_names_time_place_agenda_presenters_and_whom_to_excuse_oneself_to(tmp_path):
    out = tmp_path / "pozvanka.pdf"
    assert build_invitation(sample_document(), out) == 1
    text = normalize(page_texts(out)[0])
    for expected in ("Pozvánka", "na 3. jednání pracovní skupiny Senioři", "úterý 15. prosince 2026, 9:00–11:30",
                     "Zasedací místnost č. 12", "1. Kontrola úkolů z minulých jednání (předkládá Mgr. Jana Šťastná, 15 min)",
                     "2. Výsledky dotazníku potřeb seniorů (předkládá Petr Svoboda, 40 min)", "3. Různé",
                     "Zjistit zájem obcí o odlehčovací službu", "nejpozději do pátku 11. prosince 2026",
                     "Omluvy přijímá: Bc. Lucie Hrubá", "vedoucí pracovní skupiny Senioři", "strana 1 z 1"):
        assert expected in text


def _calendar(path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_ics_is_an_rfc5545_event_in_prague_time(tmp_path):
    out = tmp_path / "jednani.ics"
    write_ics(sample_document(), out)
    assert b"\r\n" in out.read_bytes()
    calendar = _calendar(out)
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Prague"]
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Prague"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 15, 9, 0, tzinfo=ZoneInfo("Europe/Prague"))
    assert event.decoded("DTEND") - start == dt.timedelta(hours=2, minutes=30)
    assert str(event["SUMMARY"]) == "PS Senioři – 3. jednání"
    assert str(event["LOCATION"]) == "Zasedací místnost č. 12, MěÚ Příbram, Tyršova 108"
    assert "2. Výsledky dotazníku potřeb seniorů" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_uid_is_stable_and_sequence_grows_with_each_change(tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    write_ics(dataclasses.replace(sample_document(), changed_at=dt.datetime(2026, 12, 1, 10, 0)), first)
    moved = dataclasses.replace(sample_document(), starts_at="10:00", state=MeetingState.CANCELLED,
                                changed_at=dt.datetime(2026, 12, 2, 8, 0))
    write_ics(moved, second)
    a, b = (_calendar(p).walk("VEVENT")[0] for p in (first, second))
    assert a["UID"] == b["UID"] == "kp-meeting-42@komunitni-plan"
    assert int(b["SEQUENCE"]) > int(a["SEQUENCE"])
    assert str(b["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("moment", [dt.datetime(2026, 3, 29, 1, 59), dt.datetime(2026, 3, 29, 3, 0),
                                    dt.datetime(2026, 7, 1, 12, 0), dt.datetime(2026, 10, 25, 3, 1),
                                    dt.datetime(2031, 12, 15, 9, 0)])
def test_the_written_time_zone_agrees_with_the_tz_database(moment):
    zone = prague_timezone().to_tz()
    assert zone.utcoffset(moment) == ZoneInfo("Europe/Prague").utcoffset(moment)


def test_without_times_the_event_takes_the_whole_day(tmp_path):
    out = tmp_path / "a.ics"
    write_ics(dataclasses.replace(sample_document(), starts_at="", ends_at=""), out)
    event = _calendar(out).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.date(2026, 12, 15)
    assert event.decoded("DTEND") == dt.date(2026, 12, 16)


def test_eml_is_a_draft_to_every_member_with_an_address_and_carries_pdf_and_ics(tmp_path):
    out = tmp_path / "pozvanka.eml"
    write_eml(sample_document(), out)
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["From"] is None  # the mail program fills in the sender's own account
    assert message["Subject"] == "Pozvánka na 3. jednání pracovní skupiny Senioři – 15. 12. 2026"
    recipients = {a.addr_spec for a in message["To"].addresses}
    assert recipients == {row[7] for row in MEMBERS if row[7]}  # Ing. Karel Čermák has no e-mail
    assert any(a.display_name == "Mgr. Jana Šťastná" for a in message["To"].addresses)
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf", "text/calendar"]
    pdf, ics = attachments
    assert pdf.get_content().startswith(b"%PDF")
    assert pdf.get_filename() == "pozvanka-ps-seniori-3-2026.pdf"
    assert ics.get_filename().endswith(".ics")
    event = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Prague"
    body = message.get_body(("plain",)).get_content()
    assert "v úterý 15. prosince 2026 od 9:00 do 11:30" in body and "1. Kontrola úkolů" in body


def test_eml_attaches_the_invitation_already_built(tmp_path):
    pdf = tmp_path / "p.pdf"
    build_invitation(sample_document(), pdf)
    out = tmp_path / "p.eml"
    write_eml(sample_document(), out, pdf)
    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert next(message.iter_attachments()).get_content() == pdf.read_bytes()


def test_a_field_with_two_addresses_gives_two_recipients(tmp_path):
    doc = sample_document()
    both = doc.members + (PersonLine("Jan Dvojí", "zzz", email="jan@x.cz; jan.soukromy@y.cz"),)
    out = tmp_path / "x.eml"
    write_eml(dataclasses.replace(doc, members=both), out)
    addresses = email.message_from_bytes(out.read_bytes(), policy=policy.default)["To"].addresses
    assert {"jan@x.cz", "jan.soukromy@y.cz"} <= {a.addr_spec for a in addresses}


def test_a_malformed_address_names_the_person_in_czech(tmp_path):
    doc = sample_document()
    broken = doc.members + (PersonLine("Jan Chybný", "zzz", email="jan@@chyba"),)
    with pytest.raises(UserError, match="Jan Chybný"):
        write_eml(dataclasses.replace(doc, members=broken), tmp_path / "x.eml")
